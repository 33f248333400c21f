import type { Metadata } from 'next';
import { PublicChrome } from '@/components/public-chrome';

export const metadata: Metadata = { title: '页面不存在' };

/** An unknown address outside the staff portal (app/admin/not-found.tsx): a public page, with where to go instead. */
export default function NotFound() {
  return (
    <PublicChrome>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
        <h1 className="text-2xl font-bold">页面不存在</h1>
        <p className="mt-3">您访问的网址不存在，可能已经变更，或者输入有误。</p>
        <ul className="mt-6 list-disc space-y-2 pl-6">
          <li>
            <a href="/" className="text-brand-700 underline">
              返回首页
            </a>
          </li>
          <li>
            <a href="/search" className="text-brand-700 underline">
              名单查询
            </a>
          </li>
          <li>
            <a href="/sitemap" className="text-brand-700 underline">
              网站地图
            </a>
            ：本站全部栏目
          </li>
        </ul>
      </main>
    </PublicChrome>
  );
}

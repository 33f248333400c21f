import { PublicChrome } from '@/components/public-chrome';

/** Not found anywhere outside the staff portal (app/admin/not-found.tsx): a public page. */
export default function NotFound() {
  return (
    <PublicChrome>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
        <h1 className="text-2xl font-bold">未找到公示信息</h1>
        <p className="mt-3">您要查看的信息不存在或当前不在公示范围内。</p>
        <p className="mt-3">
          <a href="/search" className="text-brand-700 underline">
            返回名单查询
          </a>
        </p>
      </main>
    </PublicChrome>
  );
}

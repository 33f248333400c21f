import type { Metadata } from 'next';
import { SITE_SECTIONS } from '@/lib/site-map';

export const metadata: Metadata = { title: '网站地图' };

export default function SitemapPage() {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-3xl font-bold text-slate-900">网站地图</h1>
      <p className="mt-2 text-slate-700">本站全部栏目。</p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="sitemap-home" className="rounded border border-slate-300 bg-white p-5">
          <h2 id="sitemap-home" className="text-xl font-semibold">
            <a href="/" className="text-brand-700 underline">
              首页
            </a>
          </h2>
          <p className="mt-1 text-slate-700">查询入口、最新撤销公告和常用服务。</p>
        </section>
        {SITE_SECTIONS.map((section, i) => (
          <section
            key={section.title}
            aria-labelledby={`sitemap-${i}`}
            className="rounded border border-slate-300 bg-white p-5"
          >
            <h2 id={`sitemap-${i}`} className="text-xl font-semibold">
              {section.title}
            </h2>
            <ul className="mt-2 space-y-2">
              {section.links.map((link) => (
                <li key={link.href}>
                  <a href={link.href} className="text-lg text-brand-700 underline">
                    {link.label}
                  </a>
                  <p className="text-slate-700">{link.description}</p>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}

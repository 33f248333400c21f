import type { ReactNode } from 'react';
import { DemoBanner } from '@/components/demo-banner';
import { config } from '@/lib/config';
import { SkipLink } from '@/components/skip-link';

/** The staff portal's own header and footer: not the public site's navigation. */
export function StaffChrome({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="bg-slate-800 text-white">
        <SkipLink />
        <div className="mx-auto flex max-w-6xl flex-wrap items-end gap-x-4 gap-y-1 px-4 py-3">
          <a href="/admin" className="text-2xl font-bold tracking-wider text-white no-underline">
            诚信昆山 · 工作台
          </a>
          <span className="pb-1 text-sm text-slate-200">失信被执行人名单公示平台 内部办理系统</span>
        </div>
      </header>
      {config.demoData && <DemoBanner />}
      {children}
      <footer className="mt-12 border-t border-slate-300 bg-white">
        <p className="mx-auto max-w-6xl px-4 py-4 text-sm text-slate-700">
          仅限授权工作人员使用。请勿将页面中的个人信息转交无关人员。
          <a href="/" className="ml-2 text-brand-700 underline">
            打开公众网站
          </a>
        </p>
      </footer>
    </>
  );
}

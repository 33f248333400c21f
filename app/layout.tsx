import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { BackNavigationGuard } from '@/components/back-navigation-guard';
import { currentUiMode } from '@/domain/http/ui-mode';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '诚信昆山 · 失信被执行人名单公示', template: '%s · 诚信昆山' },
  description:
    '昆山市失信被执行人名单公示与查询：按姓名、单位名称、统一社会信用代码或案号查询，查看撤销公告、联合惩戒措施和成员单位。',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the Content-Security-Policy nonce (scripts/serve.ts) is per response.
  await connection();
  // 长辈版 (lib/ui-mode.ts) takes effect on the public site only (the scope is in app/globals.css).
  const mode = await currentUiMode();
  return (
    <html lang="zh-CN" data-mode={mode}>
      <body className="flex min-h-screen flex-col">
        <BackNavigationGuard />
        {children}
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { BackNavigationGuard } from '@/components/back-navigation-guard';
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
  return (
    <html lang="zh-CN">
      <body className="flex min-h-screen flex-col">
        <BackNavigationGuard />
        {children}
      </body>
    </html>
  );
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: '核验企业核查报告', robots: { index: false } };

export default async function VerifyPage() {
  await connection();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">核验企业核查报告</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        输入核查报告上的核验码，查看平台存档的核查时间和结果，并确认报告未被改动。报告反映的是核查时点的名单情况；如需最新情况，请
        <a href="/check" className="text-brand-700 underline">
          重新核查
        </a>
        。
      </p>
      <VerifyForm />
    </main>
  );
}

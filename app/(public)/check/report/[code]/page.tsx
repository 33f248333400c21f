import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { CheckResultsTable, ReportFacts } from '@/components/check/results-table';
import { HowToVerify } from '@/components/check/how-to-verify';
import { PrintButton } from '@/components/check/print-button';
import { PRINT_CSS } from '@/components/check/print-css';
import { normalizeVerificationCode } from '@/lib/check/code';
import { findCheckReport } from '@/domain/check/reports';

export const metadata: Metadata = { title: '企业核查报告', robots: { index: false, follow: false } };

type Props = { params: Promise<{ code: string }> };

/**
 * The printable report of a stored check. Looking a code up counts against the client's limit (domain/http/limits.ts,
 * in the HTTP front).
 */
export default async function CheckReportPage({ params }: Props) {
  await connection();
  const code = normalizeVerificationCode((await params).code.slice(0, 40));
  const report = await findCheckReport(code);
  if (!report) notFound();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 print:max-w-none print:p-0">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-slate-800">诚信昆山 · 失信被执行人名单公示平台</p>
          <h1 className="text-2xl font-bold">企业核查报告</h1>
        </div>
        <PrintButton />
      </div>
      <div className="mt-4">
        <ReportFacts report={report} digest />
      </div>
      <div className="mt-4">
        <CheckResultsTable results={report.results} caption="逐个交易对象的核查结果" />
      </div>
      <HowToVerify code={report.verificationCode} />
    </main>
  );
}

'use client';

import { useEffect, useRef } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { CheckResultsTable, ReportFacts } from '@/components/check/results-table';
import { ErrorSummary } from '@/components/error-summary';
import { useUploadAction } from '@/components/use-upload-action';
import { fieldError } from '@/lib/form-state';
import type { CheckReport } from '@/domain/check/reports';
import { runCheck, type CheckState } from './actions';

/** The result of a check; it takes the focus when it appears (it renders below the form, out of sight). */
function Outcome({ report }: { report: CheckReport }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section aria-labelledby="outcome-title" className="mt-8" data-testid="check-outcome">
      <h2 id="outcome-title" ref={heading} className="scroll-mt-4 text-xl font-bold" tabIndex={-1}>
        核查结果
      </h2>
      <div role="status" className="mt-2 rounded border-2 border-brand-700 bg-white p-4">
        <ReportFacts report={report} />
        <p className="mt-3">
          凭核验码，任何人都可在
          <a href="/check/verify" className="text-brand-700 underline">
            核验报告
          </a>
          页面查看本次核查的时间和结果。
        </p>
        <p className="mt-2">
          <a href={`/check/report/${report.verificationCode}`} className={`${buttonClass} inline-block no-underline`}>
            查看和打印核查报告
          </a>
        </p>
      </div>
      <div className="mt-4">
        <CheckResultsTable results={report.results} caption="逐个交易对象的核查结果" />
      </div>
    </section>
  );
}

export function CheckForm() {
  const { state, formAction, pending, onSubmit } = useUploadAction<CheckState>(runCheck, {});
  return (
    <>
      <form
        action={formAction}
        onSubmit={onSubmit}
        className="max-w-3xl space-y-6"
        noValidate
        encType="multipart/form-data"
      >
        {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
        <Field
          id="list"
          label="粘贴交易对象列表"
          hint="每行一个交易对象：名称，可在逗号或制表符后附统一社会信用代码，例如“昆山某某科技有限公司,91320583XXXXXXXXXX”。可直接从 Excel 复制两列粘贴。"
          error={fieldError(state, 'list')}
        >
          {(p) => <textarea {...p} rows={8} defaultValue={state.values?.list} spellCheck={false} />}
        </Field>
        <Field
          id="file"
          label="或上传文件（选填）"
          hint="CSV 或 XLSX 文件，表头为“名称”和“统一社会信用代码”，不超过 2 MB。列表和文件合计最多 500 个交易对象。"
          error={fieldError(state, 'file')}
        >
          {(p) => (
            <input
              {...p}
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
          )}
        </Field>
        <p className="text-slate-800">
          下载模板：
          <a href="/check/template.xlsx" download className="text-brand-700 underline">
            Excel 模板（XLSX）
          </a>
          {' 或 '}
          <a href="/check/template.csv" download className="text-brand-700 underline">
            CSV 模板
          </a>
          ，按表头填写后上传。
        </p>
        <button type="submit" className={`${buttonClass} text-lg`} disabled={pending}>
          {pending ? '正在核查…' : '核查'}
        </button>
        <p role="status" aria-live="polite" className="sr-only">
          {pending ? '正在核查，请稍候' : ''}
        </p>
      </form>
      {state.report && <Outcome key={state.report.verificationCode} report={state.report} />}
    </>
  );
}

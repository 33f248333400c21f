'use client';

import { useActionState } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { CheckResultsTable, ReportFacts } from '@/components/check/results-table';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { CODE_EXAMPLE } from '@/lib/check/code';
import { verifyReport } from '../actions';

export function VerifyForm() {
  const [state, action, pending] = useActionState(verifyReport, {});
  const report = state.report;
  return (
    <>
      <form action={action} className="max-w-md space-y-4" noValidate>
        {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
        <Field
          id="code"
          label="核验码"
          hint={`核查报告上的核验码，形如 ${CODE_EXAMPLE}`}
          error={fieldError(state, 'code')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              defaultValue={state.values?.code}
              className={`${p.className} font-mono`}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? '正在核验…' : '核验'}
        </button>
      </form>
      {report && (
        <section
          aria-labelledby="verified-title"
          className="mt-8"
          data-testid="verified-report"
          key={report.verificationCode}
        >
          <h2 id="verified-title" className="text-xl font-bold">
            存档的核查报告
          </h2>
          <div role="status" className="mt-2 space-y-3">
            {report.digestMatches ? (
              <p
                className="rounded border-2 border-green-700 bg-green-50 p-3 text-green-900"
                data-testid="digest-status"
              >
                核验通过：平台存有该核验码的核查报告，重新计算的数字摘要与存档一致，内容未被改动。请将下列时间和结果与您手中的报告逐项对照。
              </p>
            ) : (
              <p
                className="rounded border-2 border-accent-600 bg-white p-3 font-semibold text-accent-600"
                data-testid="digest-status"
              >
                数字摘要与存档不一致：存档可能已损坏，请勿采信，并联系市信用办。
              </p>
            )}
            <ReportFacts report={report} digest />
          </div>
          <p className="mt-3">
            <a href={`/check/report/${report.verificationCode}`} className="text-brand-700 underline">
              打开可打印的核查报告
            </a>
          </p>
          <div className="mt-4">
            <CheckResultsTable results={report.results} caption="存档的逐个交易对象核查结果" />
          </div>
        </section>
      )}
    </>
  );
}

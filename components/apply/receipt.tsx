'use client';

import { useEffect, useRef } from 'react';
import { useHydrated } from '@/components/use-hydrated';
import { buttonClass } from '@/components/admin/fields';
import { PrintButton } from '@/components/check/print-button';
import { PRINT_CSS } from '@/components/check/print-css';
import { ONLY_ONCE, RECEIPT_TITLE, receiptFileName, receiptHtml, receiptRows, TRACK_HINT } from '@/lib/receipt';
import type { ReceiptData } from '@/lib/receipt';

/** On paper only the receipt: the page's own heading and introduction are left off too. */
const RECEIPT_PRINT_CSS =
  `${PRINT_CSS} @media print {` + ' main > :not([data-receipt]):not(:has([data-receipt])) { display: none } }';

/**
 * Shown instead of the form once it is stored. The access code lives only in this page's memory: the download is a
 * Blob made here, never a URL holding the code, and the page itself is never cached (Cache-Control: no-store).
 */
export function Receipt(props: ReceiptData & { siteName: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const hydrated = useHydrated();
  const { siteName, ...data } = props;
  useEffect(() => heading.current?.focus(), []);
  const download = () => {
    const html = receiptHtml(data, siteName, `${location.origin}/track`);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: receiptFileName(data.trackingNo) });
    link.click();
    // The browser has taken the file by the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div
      role="status"
      data-receipt
      className={
        'max-w-3xl rounded border-2 border-green-700 bg-green-50 p-4 text-green-900 ' +
        'print:border-0 print:bg-white print:p-0 print:text-black'
      }
      data-testid="receipt"
    >
      <style>{RECEIPT_PRINT_CSS}</style>
      <p className="hidden print:block">{siteName}</p>
      <h2 ref={heading} tabIndex={-1} className="text-xl font-bold">
        申请已提交 · {RECEIPT_TITLE}
      </h2>
      <p className="mt-2 font-semibold">{ONLY_ONCE}</p>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1">
        {receiptRows(data).map(([label, value, testId]) => (
          <div key={label} className="contents">
            <dt className="font-semibold">{label}</dt>
            <dd
              className={testId === 'tracking-no' || testId === 'access-code' ? 'font-mono text-lg' : ''}
              data-testid={testId}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3">{TRACK_HINT}</p>
      <div className="mt-3 flex flex-wrap gap-3 print:hidden">
        <PrintButton label="打印回执" />
        {hydrated && (
          <button type="button" className={buttonClass} onClick={download}>
            下载回执
          </button>
        )}
        <a href="/track" className="self-center text-brand-700 underline">
          前往申请查询
        </a>
      </div>
    </div>
  );
}

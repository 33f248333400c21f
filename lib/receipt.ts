/**
 * The applicant's receipt (回执): the rows the page shows and the standalone HTML file 下载回执 saves. Built in the
 * browser from what the submission returned, so the access code never travels in a URL or reaches a log.
 */
import { formatDate, formatDueDay } from '@/lib/format';
import { APPLICATION_KIND_LABELS } from '@/lib/labels';
import type { ApplicationKind } from '@/lib/case-terms';

export type ReceiptData = {
  trackingNo: string;
  accessCode: string;
  receipt: { kind: ApplicationKind; handlers: string[]; submittedOn: string; dueOn: string };
};

export const RECEIPT_TITLE = '申请回执';
export const TRACK_HINT = '凭查询号和访问码，在本平台“申请查询”页面（/track）查看办理进度、补正要求和决定。';
export const ONLY_ONCE =
  '访问码只在本页显示这一次，平台不保存访问码本身，遗失后无法找回。请打印或下载本回执并妥善保管，不要告诉他人。';

/** [label, value, test id] in the order the receipt lists them. */
export function receiptRows(r: ReceiptData): [string, string, string][] {
  return [
    ['查询号', r.trackingNo, 'tracking-no'],
    ['访问码', r.accessCode, 'access-code'],
    ['申请类型', APPLICATION_KIND_LABELS[r.receipt.kind], 'receipt-kind'],
    ['办理单位', r.receipt.handlers.join('、'), 'receipt-handlers'],
    ['提交日期', formatDate(r.receipt.submittedOn), 'receipt-date'],
    ['办理期限', formatDueDay(r.receipt.dueOn), 'receipt-due'],
  ];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The downloadable receipt: one self-contained, printable HTML page; `siteName` and `trackUrl` head and end it. */
export function receiptHtml(r: ReceiptData, siteName: string, trackUrl: string): string {
  const rows = receiptRows(r)
    .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${RECEIPT_TITLE} ${escapeHtml(r.trackingNo)}</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;line-height:1.6}
th{text-align:left;padding:.25rem 1rem .25rem 0}td{font-family:monospace;font-size:1.2rem}</style></head>
<body>
<p>${escapeHtml(siteName)}</p>
<h1>${RECEIPT_TITLE}</h1>
<table>
${rows}
</table>
<p>${escapeHtml(TRACK_HINT)}</p>
<p>查询地址：${escapeHtml(trackUrl)}</p>
<p>${escapeHtml(ONLY_ONCE)}</p>
</body>
</html>
`;
}

/** 回执-SQ20261203ABCDEF.html */
export function receiptFileName(trackingNo: string): string {
  return `回执-${trackingNo.replace(/[^0-9A-Z]/gi, '')}.html`;
}

import { ListScope } from '@/components/list-scope';
import { formatDate, formatDateTime } from '@/lib/format';
import type { CheckReport, StoredResult } from '@/domain/check/reports';

/** What a result says, in words: listed, worth a second look (namesakes, another code), or not listed. */
export function verdictOf(r: Pick<StoredResult, 'listed' | 'matches'>): { label: string; className: string } {
  if (r.listed) return { label: '在名单中', className: 'font-bold text-accent-600' };
  if (r.matches.length > 0) return { label: '需人工核对', className: 'font-semibold text-amber-800' };
  // Neutral, not green: not being on this platform's list is not a clean record (see the explanation above the table).
  return { label: '未在名单中', className: 'text-slate-800' };
}

/** One row per counterparty: what was entered, the verdict and the matching entries; the verdicts explained above. */
export function CheckResultsTable({ results, caption }: { results: StoredResult[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <p className="mb-3 text-slate-800">
        “在名单中”：单位的统一社会信用代码一致，或单位名称完全一致；“需人工核对”：仅自然人姓名一致（可能同名），或名称一致而代码不同，请核对证件号码；“未在名单中”：核查时没有与之匹配的正在公示的失信信息。
        {'结果只反映核查时正在公示的信息；自然人身份证号码已隐去出生月日。'}
      </p>
      <ListScope className="mb-3 text-slate-800" />
      <table className="w-full border-collapse bg-white text-left" data-testid="check-results">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="p-2">
              序号
            </th>
            <th scope="col" className="p-2">
              名称
            </th>
            <th scope="col" className="p-2">
              统一社会信用代码 / 证件号码
            </th>
            <th scope="col" className="p-2">
              核查结果
            </th>
            <th scope="col" className="p-2">
              匹配的名单信息
            </th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => {
            const verdict = verdictOf(r);
            return (
              <tr key={r.index} className="border-b border-slate-300 align-top" data-testid="check-row">
                <td className="p-2">{r.index + 1}</td>
                <td className="p-2">{r.name ?? '—'}</td>
                <td className="p-2 font-mono break-all">{r.idNumber ?? '—'}</td>
                <td className={`p-2 ${verdict.className}`} data-testid="check-verdict">
                  {verdict.label}
                </td>
                <td className="p-2">
                  {r.matches.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="space-y-2">
                      {r.matches.map((m) => (
                        <li key={m.uid}>
                          <a href={`/entries/${encodeURIComponent(m.uid)}`} className="text-brand-700 underline">
                            {m.name}
                          </a>
                          <span className="block text-sm text-slate-800">
                            {m.caseNo} · {m.court} · 发布于 {formatDate(m.publishedAt)}
                            {m.identifier ? ` · ${m.identifier}` : ''}
                          </span>
                          <span className="block text-sm text-slate-800">匹配依据：{m.reason}</span>
                        </li>
                      ))}
                      {r.truncated && (
                        <li className="text-sm text-slate-800">
                          同名信息较多，仅列出最近发布的 {r.matches.length} 条。
                        </li>
                      )}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The facts of a stored report: code, time, counts, and (when asked) the digest. */
export function ReportFacts({
  report,
  digest,
}: {
  report: Pick<CheckReport, 'verificationCode' | 'checkedAt' | 'subjectCount' | 'listedCount' | 'digest' | 'results'>;
  digest?: boolean;
}) {
  const review = report.results.filter((r) => !r.listed && r.matches.length > 0).length;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
      <dt className="font-semibold">核验码</dt>
      <dd className="font-mono text-lg" data-testid="verification-code">
        {report.verificationCode}
      </dd>
      <dt className="font-semibold">核查时间</dt>
      <dd data-testid="checked-at">
        <time dateTime={report.checkedAt}>{formatDateTime(report.checkedAt)}</time>
      </dd>
      <dt className="font-semibold">核查对象</dt>
      <dd data-testid="check-summary">
        共 {report.subjectCount} 个：{report.listedCount} 个在名单中{review > 0 ? `，${review} 个需人工核对` : ''}，
        {report.subjectCount - report.listedCount - review} 个未在名单中
      </dd>
      {digest && (
        <>
          <dt className="font-semibold">数字摘要</dt>
          <dd className="font-mono text-sm break-all" data-testid="digest">
            SHA-256 {report.digest}
          </dd>
        </>
      )}
    </dl>
  );
}

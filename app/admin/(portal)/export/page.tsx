import type { Metadata } from 'next';
import { countExportRows } from '@/db/export';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { LIMITS } from '@/domain/http/rate-limit';
import { buttonClass, inputClass, Options } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { SEVERITIES, SUBJECT_TYPES } from '@/lib/entry-input';
import { parseExportQuery } from '@/lib/validation/export';

export const metadata: Metadata = { title: '名单导出' };

const linkClass = 'rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50';

export default async function ExportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff(capabilityOf('/admin/export')!);
  const raw = await searchParams;
  const given = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && k !== 'format') given.set(k, v);
  // The page filters; the format is the download link's.
  const parsed = parseExportQuery(new URLSearchParams([...given, ['format', 'csv']]));
  const v = Object.fromEntries(given) as Record<string, string | undefined>;
  const count = parsed.ok ? await countExportRows(parsed.query) : null;
  const href = (format: 'csv' | 'xlsx') =>
    `/admin/export/download?${new URLSearchParams([...[...given].filter(([, x]) => x !== ''), ['format', format]])}`;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">名单导出</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        导出当前共享给联动单位的失信被执行人名单（已发布、未撤销、未屏蔽、在有效期内，含依法不宜公开的信息，不含未成年人），供本单位依法实施联合惩戒时查询使用（昆办发〔2017〕135号
        二(二)）。自然人身份证号码打码显示。每次导出都记入审计日志；每个账号每小时最多导出{' '}
        {LIMITS.exportPerActor.points} 次。
      </p>
      <form
        method="get"
        action="/admin/export"
        className="mt-6 grid gap-4 rounded border border-slate-300 p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label="导出条件"
      >
        {!parsed.ok && (
          <div className="sm:col-span-2 lg:col-span-4">
            <ErrorSummary messages={parsed.problems} />
          </div>
        )}
        <div>
          <label htmlFor="from" className="mb-1 block font-semibold">
            发布日期自
          </label>
          <input id="from" name="from" type="date" defaultValue={v.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block font-semibold">
            发布日期至（含当日）
          </label>
          <input id="to" name="to" type="date" defaultValue={v.to} className={inputClass} />
        </div>
        <div>
          <label htmlFor="kind" className="mb-1 block font-semibold">
            主体类型
          </label>
          <select id="kind" name="kind" defaultValue={v.kind ?? ''} className={inputClass}>
            <Options options={SUBJECT_TYPES.map((t) => ({ value: t, label: SUBJECT_TYPE_LABELS[t] }))} empty="全部" />
          </select>
        </div>
        <div>
          <label htmlFor="severity" className="mb-1 block font-semibold">
            失信严重程度
          </label>
          <select id="severity" name="severity" defaultValue={v.severity ?? ''} className={inputClass}>
            <Options options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} empty="全部" />
          </select>
        </div>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className={buttonClass}>
            按条件统计
          </button>
          <a href="/admin/export" className="py-2 text-brand-700 underline">
            清除条件
          </a>
        </div>
      </form>
      {count !== null && (
        <section className="mt-6" aria-labelledby="export-result">
          <h2 id="export-result" className="text-lg font-semibold">
            导出文件
          </h2>
          <p className="mt-2" data-testid="export-count">
            符合条件的信息共 {count.toLocaleString('zh-CN')} 条（按发布时间先后排列，日期为北京时间）。
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <a href={href('csv')} className={linkClass} download>
              下载 CSV
            </a>
            <a href={href('xlsx')} className={linkClass} download>
              下载 Excel（XLSX）
            </a>
          </div>
        </section>
      )}
    </main>
  );
}

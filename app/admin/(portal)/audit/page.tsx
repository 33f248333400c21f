import type { Metadata } from 'next';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditPage } from '@/db/audit';
import { actorDirectory } from '@/db/staff-queries';
import { actorLabel } from '@/lib/actors';
import { actionLabel, detailWords, objectLabel, parseAuditQuery } from '@/domain/auth/audit-log';
import { formatTimestamp } from '@/lib/format';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { listStaffUsers } from '@/domain/auth/staff-users';
import { buttonClass, inputClass, Options } from '@/components/admin/fields';
import { StaffTable } from '@/components/admin/staff-table';
import { ErrorSummary } from '@/components/error-summary';
import { Pagination } from '@/components/pagination';

export const metadata: Metadata = { title: '审计日志' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff(capabilityOf('/admin/audit')!);
  const query = parseAuditQuery(await searchParams);
  const v = query.values;
  const [users, result] = await Promise.all([listStaffUsers(), query.ok ? auditPage(query.filter, query.page) : null]);
  const directory = await actorDirectory(result?.rows.map((r) => r.actor) ?? []);
  const pageCount = result ? Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE)) : 1;
  const { page: _page, ...filterParams } = v;
  const exportHref = `/admin/audit/export?${new URLSearchParams(filterParams).toString()}`;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">审计日志</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        工作人员和系统管理员的每一次登录、退出、账号和密钥变更、导入导出、案件和名单操作及查看完整证件号码，均在此记录（谁、何时、从何处、做了什么）。日志只增不改，任何人都不能修改或删除。
      </p>
      <form
        method="get"
        action="/admin/audit"
        className="mt-6 grid gap-4 rounded border border-slate-300 p-4 sm:grid-cols-2 lg:grid-cols-3"
        aria-label="筛选审计日志"
      >
        {!query.ok && (
          <div className="sm:col-span-2 lg:col-span-3">
            <ErrorSummary messages={query.errors} />
          </div>
        )}
        <div>
          <label htmlFor="actor" className="mb-1 block font-semibold">
            操作人
          </label>
          <select id="actor" name="actor" defaultValue={v.actor ?? ''} className={inputClass}>
            <Options
              options={users.map((u) => ({ value: `staff:${u.email}`, label: `${u.name}（${u.email}）` }))}
              empty="全部"
            />
          </select>
        </div>
        <div>
          <label htmlFor="action" className="mb-1 block font-semibold">
            操作类型
          </label>
          <select id="action" name="action" defaultValue={v.action ?? ''} className={inputClass}>
            <Options options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))} empty="全部" />
          </select>
        </div>
        <div>
          <label htmlFor="objectId" className="mb-1 block font-semibold">
            对象编号
          </label>
          <input
            id="objectId"
            name="objectId"
            type="text"
            maxLength={200}
            defaultValue={v.objectId}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block font-semibold">
            开始日期
          </label>
          <input id="from" name="from" type="date" defaultValue={v.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block font-semibold">
            结束日期（含当日）
          </label>
          <input id="to" name="to" type="date" defaultValue={v.to} className={inputClass} />
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          <a href="/admin/audit" className="py-2 text-brand-700 underline">
            清除条件
          </a>
        </div>
      </form>
      {result && (
        <>
          <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
            <p data-testid="audit-total">共 {result.total} 条记录（北京时间，最新在前）</p>
            <a
              href={exportHref}
              className="rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50"
              download
            >
              导出 CSV（按当前筛选条件）
            </a>
          </div>
          <div className="mt-2">
            <StaffTable
              headers={['时间', '操作人', '来源地址', '操作', '对象', '详情']}
              caption="审计日志"
              minWidth="60rem"
            >
              {result.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td className="px-3 py-2 whitespace-nowrap">{formatTimestamp(r.at)}</td>
                  <td className="px-3 py-2">{actorLabel(r.actor, directory)}</td>
                  <td className="px-3 py-2 font-mono text-sm">{r.clientAddress ?? '—'}</td>
                  <td className="px-3 py-2">{actionLabel(r.action)}</td>
                  <td className="px-3 py-2 text-sm break-all">{objectLabel(r.objectType, r.objectId)}</td>
                  <td className="px-3 py-2 text-sm">{detailWords(r.detail)}</td>
                </tr>
              ))}
            </StaffTable>
          </div>
          <Pagination
            page={query.ok ? query.page : 1}
            pageCount={pageCount}
            params={filterParams}
            path="/admin/audit"
          />
        </>
      )}
    </main>
  );
}

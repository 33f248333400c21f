import type { Metadata } from 'next';
import { cellClass, StaffTable } from '@/components/admin/staff-table';
import { Pagination } from '@/components/pagination';
import { HISTORY_PAGE_SIZE, importHistory } from '@/domain/import/uploads';
import { actorDirectory } from '@/db/staff-queries';
import { actorLabel } from '@/lib/actors';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { cstDateTime } from '@/domain/import/diff';
import { ImportWizard } from './import-form';

export const metadata: Metadata = { title: '批量导入' };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireStaff(capabilityOf('/admin/import')!);
  const raw = (await searchParams).page;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(typeof raw === 'string' ? raw : '1', 10) || 1));
  const history = await importHistory(page);
  const actors = await actorDirectory(history.rows.map((r) => r.actor));
  const pageCount = Math.max(1, Math.ceil(history.total / HISTORY_PAGE_SIZE));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">批量导入</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        与法院推送接口使用同一套校验。先上传文件并“预检”，核对将新增、更新（覆盖）和拒绝的记录，确认后再“导入”同一份文件；同一文件重复导入不会产生重复信息。
      </p>
      <ImportWizard />
      <section aria-labelledby="history-title" className="mt-10">
        <h2 id="history-title" className="text-xl font-bold">
          导入记录（共 {history.total} 次）
        </h2>
        {history.rows.length === 0 ? (
          <p className="mt-2">还没有导入记录。</p>
        ) : (
          <div className="mt-2">
            <StaffTable
              headers={['导入时间', '导入人', '文件名', 'SHA-256', '新增', '更新', '无变化', '拒绝']}
              minWidth="60rem"
              testId="import-history"
            >
              {history.rows.map((r) => {
                const c = r;
                return (
                  <tr key={r.id} data-testid="import-history-row">
                    <td className={cellClass}>{r.importedAt ? cstDateTime(r.importedAt) : '—'}</td>
                    <td className={cellClass}>{actorLabel(r.actor, actors)}</td>
                    <td className={`${cellClass} break-all`}>{r.fileName}</td>
                    <td className={`${cellClass} font-mono text-xs break-all`}>{r.sha256}</td>
                    <td className={cellClass}>{c.created}</td>
                    <td className={cellClass}>{c.updated}</td>
                    <td className={cellClass}>{c.unchanged}</td>
                    <td className={cellClass}>
                      {c.rejected > 0 ? (
                        <a
                          href={`/admin/import/${r.id}/errors`}
                          className="text-brand-700 underline"
                          download
                          aria-label={`${c.rejected} 条，下载“${r.fileName}”的错误报告`}
                        >
                          {c.rejected}（错误报告）
                        </a>
                      ) : (
                        0
                      )}
                    </td>
                  </tr>
                );
              })}
            </StaffTable>
            <Pagination page={page} pageCount={pageCount} params={{}} path="/admin/import" />
          </div>
        )}
      </section>
    </main>
  );
}

import type { Metadata } from 'next';
import { findEntriesForStaff } from '@/db/staff-queries';
import { buttonClass, inputClass } from '@/components/admin/fields';
import { StaffTable } from '@/components/admin/staff-table';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { formatDate } from '@/lib/format';
import { DISPLAY_STATUS_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '名单信息' };

export default async function StaffEntriesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireStaff(capabilityOf('/admin/entries')!);
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100) ?? '';
  const results = q ? await findEntriesForStaff(q) : [];
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">名单信息</h1>
      <p className="mt-2 text-slate-800">按信息唯一标识、案号或姓名（名称）查找，包括已撤销、已屏蔽和依法不宜公开的信息。</p>
      <form method="get" role="search" aria-label="查找名单信息" className="mt-4 flex max-w-2xl flex-col gap-2 sm:flex-row">
        <label htmlFor="q" className="sr-only">
          信息唯一标识、案号或姓名
        </label>
        <input id="q" name="q" type="search" defaultValue={q} maxLength={100} className={inputClass} placeholder="信息唯一标识、案号或姓名" />
        <button type="submit" className={buttonClass}>
          查找
        </button>
      </form>
      {q && (
        <>
          <p className="mt-4" role="status">
            {results.length === 0 ? '未找到匹配的名单信息。' : `找到 ${results.length} 条${results.length === 50 ? '（仅显示最新 50 条，请缩小范围）' : ''}。`}
          </p>
          {results.length > 0 && (
            <div className="mt-2">
              <StaffTable headers={['案号', '被执行人', '执行法院', '发布时间', '有效期至', '状态']}>
                  {results.map((r) => (
                    <tr key={r.uid} data-testid="staff-entry-row">
                      <td className="px-3 py-2">
                        <a href={`/admin/entries/${encodeURIComponent(r.uid)}`} className="text-brand-700 underline">
                          {r.caseNo}
                        </a>
                      </td>
                      <td className="px-3 py-2">{r.name}</td>
                      <td className="px-3 py-2">{r.court}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.publishedAt)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.validUntil)}</td>
                      <td className="px-3 py-2" data-testid="staff-entry-status">
                        {DISPLAY_STATUS_LABELS[r.displayStatus]}
                      </td>
                    </tr>
                  ))}
              </StaffTable>
            </div>
          )}
        </>
      )}
    </main>
  );
}

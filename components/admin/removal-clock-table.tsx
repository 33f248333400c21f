import { formatDate, formatDueDay } from '@/lib/format';
import { StaffTable } from './staff-table';

type Row = {
  uid: string;
  caseNo: string;
  name: string;
  court: string;
  removalGround: string | null;
  removalGroundOn: string | null;
  dueDay: string;
  overdue: boolean;
};

/** Entries whose removal clock runs; overdue rows are marked in words, not only colour. */
export function RemovalClockTable({ rows }: { rows: Row[] }) {
  return (
    <StaffTable
      headers={['状态', '案号', '被执行人', '撤销事由', '事由发生日', '应撤销截止']}
      caption={`撤销期限，共 ${rows.length} 条`}
    >
      {rows.map((r) => (
        <tr
          key={r.uid}
          data-testid="clock-row"
          data-overdue={r.overdue}
          className={r.overdue ? 'bg-red-50' : undefined}
        >
          <td className="px-3 py-2 whitespace-nowrap font-semibold">
            {r.overdue ? <span className="text-accent-600">已逾期</span> : <span>期限内</span>}
          </td>
          <td className="px-3 py-2">
            <a href={`/admin/entries/${encodeURIComponent(r.uid)}`} className="text-brand-700 underline">
              {r.caseNo}
            </a>
          </td>
          <td className="px-3 py-2">{r.name}</td>
          <td className="px-3 py-2">{r.removalGround}</td>
          <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.removalGroundOn)}</td>
          <td className="px-3 py-2 whitespace-nowrap">{formatDueDay(r.dueDay)}</td>
        </tr>
      ))}
    </StaffTable>
  );
}

import type { EntryStats } from '@/db/stats';
import { MONTHS } from '@/db/stats';
import { ChartFigure, COLORS, monthRow, type ChartRow, type Series } from './chart-figure';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { todayInChina } from '@/lib/clocks';

const toRows = (rows: EntryStats['byCourt'], label: (key: string) => string = (k) => k): ChartRow[] =>
  rows.map((r) => ({ label: label(r.key), values: r.counts }));

/**
 * The four views of the list shared by /stats and /admin/stats: per month, by court, by
 * subject type, by circumstance. `months` names the monthly series (listed, removed), `columns` the
 * breakdowns' columns (one per count the query returns).
 */
export function EntryStatsSections({
  stats,
  months,
  columns,
  monthNote,
}: {
  stats: EntryStats;
  months: [string, string];
  columns: Series[];
  monthNote: string;
}) {
  // The current month is still under way: its row says up to which day it counts.
  const today = todayInChina();
  return (
    <>
      <ChartFigure
        id="stats-months"
        title={`近 ${MONTHS} 个月每月新增与撤销、屏蔽`}
        note={monthNote}
        rowHeader="月份"
        unit="条"
        kind="columns"
        series={[
          { label: months[0], color: COLORS.blue },
          { label: months[1], color: COLORS.red },
        ]}
        rows={stats.months.map((m) => monthRow(m.month, [m.listed, m.removed], today))}
      />
      <ChartFigure
        id="stats-courts"
        title="按执行法院"
        rowHeader="执行法院"
        unit="条"
        series={columns}
        rows={toRows(stats.byCourt)}
      />
      <ChartFigure
        id="stats-subjects"
        title="按主体类型"
        rowHeader="主体类型"
        unit="条"
        series={columns}
        rows={toRows(stats.bySubjectType, (k) => SUBJECT_TYPE_LABELS[k as keyof typeof SUBJECT_TYPE_LABELS] ?? k)}
      />
      <ChartFigure
        id="stats-circumstances"
        title="按失信情形"
        note="一条失信信息可有多种失信情形，各情形分别计数，合计可能多于名单条数。"
        rowHeader="失信情形"
        unit="条"
        series={columns}
        rows={toRows(stats.byCircumstance)}
      />
    </>
  );
}

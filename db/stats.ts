/**
 * Statistics (公示统计 and the credit office's dashboard), grouped in SQL.
 *
 * Public counts see only what is public: entries passing isPublic() and announced removals
 * (isPublicRemoval()), so they say nothing about restricted entries. Staff counts see every
 * entry; callers check the capability first. Months are calendar months in China Standard
 * Time, the current one and the MONTHS - 1 before it, empty months included.
 */
import 'server-only';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { TIME_RULES } from '@/lib/clocks';
import { getDb } from './client';
import { cases, departments, entries, liftingTasks, measureFeedback, measures } from './schema';
import { isPublic, isPublicRemoval } from './visibility';

export const MONTHS = 24;

export type MonthCount = { month: string; listed: number; removed: number };
/** One category (a court, a subject type, a circumstance…) and a count per column. */
export type Breakdown = { key: string; counts: number[] };

const CST = sql.raw(`'Asia/Shanghai'`);
const thisMonth = sql`date_trunc('month', now() AT TIME ZONE ${CST})`;
const firstMonth = sql`(${thisMonth} - interval '${sql.raw(String(MONTHS - 1))} months')`;
const today = sql`(now() AT TIME ZONE ${CST})::date`;

/**
 * Entries listed (by published_at) and removed (by status_changed_at) per month of the window.
 * Rows are put in months by width_bucket against the months' first instants (timestamptz,
 * computed once) — a comparison per row instead of a time-zone conversion per row — and the
 * window's start bounds the range (entries_published_at_idx / entries_status_changed_at_idx).
 */
async function monthly(listed: SQL, removed: SQL): Promise<MonthCount[]> {
  const starts = sql`(SELECT starts FROM b)`;
  const perMonth = (at: AnyColumn, where: SQL) =>
    sql`SELECT width_bucket(${at}, ${starts}) AS i, count(*)::int AS n FROM ${entries} WHERE ${at} >= ${starts}[1]
      AND ${where} GROUP BY 1`;
  const rows = await getDb().execute<MonthCount>(sql`
    WITH b AS (SELECT array_agg(m AT TIME ZONE ${CST} ORDER BY m) AS starts FROM generate_series(${firstMonth},
      ${thisMonth}, interval '1 month') AS m),
    l AS (${perMonth(entries.publishedAt, listed)}),
    r AS (${perMonth(entries.statusChangedAt, removed)})
    SELECT to_char(b.starts[s.i] AT TIME ZONE ${CST}, 'YYYY-MM') AS month, coalesce(l.n, 0) AS listed, coalesce(r.n,
      0) AS removed
    FROM b CROSS JOIN generate_subscripts(b.starts, 1) AS s(i) LEFT JOIN l ON l.i = s.i LEFT JOIN r ON r.i = s.i
    ORDER BY s.i`);
  return [...rows];
}

type Dimension = 'byCourt' | 'bySubjectType' | 'byCircumstance';

/**
 * Entries matching `where` counted by court, by subject type and by circumstance (each of an
 * entry's circumstances) in one scan: grouped by all three first — few distinct combinations —
 * then that small result is summed per dimension. One count per column condition, largest first.
 */
async function breakdowns(columns: SQL[], where: SQL): Promise<Record<Dimension, Breakdown[]>> {
  const cols = columns.map((_, i) => sql.identifier(`c${i}`));
  const list = (f: (c: (typeof cols)[number], i: number) => SQL) => sql.join(cols.map(f), sql`, `);
  const sums = sql`sum(n)::int AS n, ${list((c) => sql`sum(${c})::int AS ${c}`)}`;
  const rows = await getDb().execute<Record<string, number | string> & { dim: Dimension; key: string }>(sql`
    WITH g AS (
      SELECT ${entries.court} AS court, ${entries.subjectType} AS subject_type, ${entries.circumstances} AS
        circumstances, count(*) AS n,
        ${list((c, i) => sql`count(*) FILTER (WHERE ${columns[i]!}) AS ${c}`)}
      FROM ${entries} WHERE ${where} GROUP BY 1, 2, 3
    )
    SELECT 'byCourt' AS dim, court AS key, ${sums} FROM g GROUP BY 2
    UNION ALL SELECT 'bySubjectType', subject_type::text, ${sums} FROM g GROUP BY 2
    UNION ALL SELECT 'byCircumstance', u.key, ${sums} FROM g CROSS JOIN LATERAL unnest(g.circumstances) AS u(key)
      GROUP BY 2
    ORDER BY dim, n DESC, key`);
  const out: Record<Dimension, Breakdown[]> = { byCourt: [], bySubjectType: [], byCircumstance: [] };
  for (const r of rows) out[r.dim].push({ key: r.key, counts: cols.map((_, i) => Number(r[`c${i}`])) });
  return out;
}

export type EntryStats = { months: MonthCount[] } & Record<Dimension, Breakdown[]>;

/** 公示统计: public entries and announced removals only. Each breakdown has one column, the public entries. */
export async function publicStats(): Promise<EntryStats> {
  const [months, counts] = await Promise.all([
    monthly(isPublic(), isPublicRemoval()),
    breakdowns([sql`true`], isPublic()),
  ]);
  return { months, ...counts };
}

const inForce = sql`(${entries.validUntil} IS NULL OR ${entries.validUntil} > now())`;
/**
 * The staff breakdown's columns, a partition of every listed entry: public now, restricted
 * (in force), past its validity period, removed (revoked or shielded).
 */
export const STAFF_COLUMNS = ['公示中', '依法不宜公开', '已过有效期', '已撤销或屏蔽'] as const;
const staffColumns = [
  isPublic(),
  sql`${entries.status} = 'active' AND ${entries.disclosure} = 'restricted' AND ${inForce}`,
  sql`${entries.status} = 'active' AND NOT ${inForce}`,
  sql`${entries.status} <> 'active'`,
];
const listedNow = sql`${entries.publishedAt} <= now()`;

/** The credit office's view of the list: every entry, whatever its disclosure or status. */
export async function staffEntryStats(): Promise<EntryStats> {
  const [months, counts] = await Promise.all([
    monthly(listedNow, sql`${entries.status} <> 'active'`),
    breakdowns(staffColumns, listedNow),
  ]);
  return { months, ...counts };
}

/**
 * Case outcomes: a correction's 纠正 counts with 理由成立, its 驳回 with 理由不成立; 不予受理 on its own (no decision on the merits).
 */
export const CASE_COLUMNS = ['待决定', '理由成立（纠正）', '部分成立', '理由不成立（驳回）', '不予受理'] as const;

/** Applications' cases per handling body (department, court, credit office) and outcome. */
export async function caseOutcomes() {
  const rows = await getDb().execute<{
    handler: 'department' | 'court' | 'credit_office';
    department_name: string | null;
    counts: number[];
  }>(sql`
    SELECT ${cases.handler} AS handler, ${departments.name} AS department_name,
      ARRAY[count(*) FILTER (WHERE ${cases.decision} IS NULL AND ${cases.status} <> 'refused'),
            count(*) FILTER (WHERE ${cases.decision} IN ('upheld', 'revoke_entry', 'amend_entry')),
            count(*) FILTER (WHERE ${cases.decision} = 'partly_upheld'),
            count(*) FILTER (WHERE ${cases.decision} = 'rejected'),
            count(*) FILTER (WHERE ${cases.status} = 'refused')]::int[] AS counts
    FROM ${cases} LEFT JOIN ${departments} ON ${departments.code} = ${cases.departmentCode}
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2`);
  return rows.map((r) => ({ handler: r.handler, departmentName: r.department_name, counts: r.counts.map(Number) }));
}

/**
 * Lifting tasks awaiting a decision past their last day, per member unit: open past its due day, or kept past its
 * kept-until day plus the keptReviewDays grace (the rule of domain/entries/lifting.ts overdueAsOf).
 */
export async function overdueLiftingTasks(): Promise<Breakdown[]> {
  const rows = await getDb().execute<{ key: string; n: number }>(sql`
    SELECT ${departments.name} AS key, count(*)::int AS n
    FROM ${liftingTasks} JOIN ${departments} ON ${departments.code} = ${liftingTasks.departmentCode}
    WHERE (${liftingTasks.status} = 'open' AND ${today} > ${liftingTasks.dueOn})
      OR (${liftingTasks.status} = 'kept' AND ${today} >
        ${liftingTasks.keptUntil} + ${TIME_RULES.keptReviewDays.days}::int)
    GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rows.map((r) => ({ key: r.key, counts: [Number(r.n)] }));
}

/** Feedback reported per measure (四(五)): reports and distinct entries, measures in order. */
export async function feedbackByMeasure() {
  const rows = await getDb().execute<{
    no: number;
    numeral: string;
    text: string;
    reports: number;
    entries: number;
  }>(sql`
    SELECT ${measures.no} AS no, ${measures.numeral} AS numeral, ${measures.text} AS text,
      count(*)::int AS reports, count(DISTINCT ${measureFeedback.entryUid})::int AS entries
    FROM ${measureFeedback} JOIN ${measures} ON ${measures.no} = ${measureFeedback.measureNo}
    GROUP BY 1, 2, 3 ORDER BY 1`);
  return [...rows];
}

/**
 * Statistics (公示统计 and the credit office's dashboard), grouped in SQL.
 *
 * Public counts see only what is public: entries passing isPublic() and announced removals
 * (isPublicRemoval()), so they say nothing about restricted entries. Staff counts see every
 * entry; callers check the capability first. Months are calendar months in China Standard
 * Time, the current one and the MONTHS - 1 before it, empty months included.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
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
/** The window's first instant as a timestamptz, so the range scans entries_published_at_idx / entries_status_changed_at_idx. */
const windowStart = sql`(${firstMonth} AT TIME ZONE ${CST})`;
const today = sql`(now() AT TIME ZONE ${CST})::date`;
const monthOf = (at: AnyColumn) => sql`date_trunc('month', ${at} AT TIME ZONE ${CST})`;

/** Entries listed (by published_at) and removed (by status_changed_at) per month of the window. */
async function monthly(listed: SQL, removed: SQL): Promise<MonthCount[]> {
  const rows = await getDb().execute<MonthCount>(sql`
    WITH months AS (SELECT generate_series(${firstMonth}, ${thisMonth}, interval '1 month') AS m),
    l AS (
      SELECT ${monthOf(entries.publishedAt)} AS m, count(*)::int AS n FROM ${entries}
      WHERE ${entries.publishedAt} >= ${windowStart} AND ${listed} GROUP BY 1
    ),
    r AS (
      SELECT ${monthOf(entries.statusChangedAt)} AS m, count(*)::int AS n FROM ${entries}
      WHERE ${entries.statusChangedAt} >= ${windowStart} AND ${removed} GROUP BY 1
    )
    SELECT to_char(months.m, 'YYYY-MM') AS month, coalesce(l.n, 0)::int AS listed, coalesce(r.n, 0)::int AS removed
    FROM months LEFT JOIN l ON l.m = months.m LEFT JOIN r ON r.m = months.m
    ORDER BY months.m`);
  return [...rows];
}

/** Rows of `from` matching `where`, grouped by `key`, one count per column condition, largest first. */
async function breakdown(key: SQL, columns: SQL[], where: SQL, from: SQL = sql`${entries}`): Promise<Breakdown[]> {
  const counts = columns.map((c, i) => sql`count(*) FILTER (WHERE ${c})::int AS ${sql.identifier(`c${i}`)}`);
  const rows = await getDb().execute<Record<string, number | string>>(sql`
    SELECT ${key}::text AS key, ${sql.join(counts, sql`, `)} FROM ${from}
    WHERE ${where} GROUP BY 1 ORDER BY count(*) DESC, 1`);
  return rows.map((r) => ({ key: String(r.key), counts: columns.map((_, i) => Number(r[`c${i}`])) }));
}

const court = sql`${entries.court}`;
const subjectType = sql`${entries.subjectType}`;
/** One row per circumstance of an entry (circumstances is a text[]). */
const circumstance = sql`u.circumstance`;
const byCircumstance = sql`${entries} CROSS JOIN LATERAL unnest(${entries.circumstances}) AS u(circumstance)`;

export type EntryStats = { months: MonthCount[]; byCourt: Breakdown[]; bySubjectType: Breakdown[]; byCircumstance: Breakdown[] };

/** 公示统计: public entries and announced removals only. Each breakdown has one column, the public entries. */
export async function publicStats(): Promise<EntryStats> {
  const only = [sql`true`];
  const [months, byCourt, bySubjectType, byCirc] = await Promise.all([
    monthly(isPublic(), isPublicRemoval()),
    breakdown(court, only, isPublic()),
    breakdown(subjectType, only, isPublic()),
    breakdown(circumstance, only, isPublic(), byCircumstance),
  ]);
  return { months, byCourt, bySubjectType, byCircumstance: byCirc };
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
  const [months, byCourt, bySubjectType, byCirc] = await Promise.all([
    monthly(listedNow, sql`${entries.status} <> 'active'`),
    breakdown(court, staffColumns, listedNow),
    breakdown(subjectType, staffColumns, listedNow),
    breakdown(circumstance, staffColumns, listedNow, byCircumstance),
  ]);
  return { months, byCourt, bySubjectType, byCircumstance: byCirc };
}

export const CASE_COLUMNS = ['待决定', '理由成立', '部分成立', '理由不成立'] as const;

/** Applications' cases per handling body (department, court, credit office) and outcome. */
export async function caseOutcomes() {
  const rows = await getDb().execute<{ handler: 'department' | 'court' | 'credit_office'; department_name: string | null; counts: number[] }>(sql`
    SELECT ${cases.handler} AS handler, ${departments.name} AS department_name,
      ARRAY[count(*) FILTER (WHERE ${cases.decision} IS NULL),
            count(*) FILTER (WHERE ${cases.decision} = 'upheld'),
            count(*) FILTER (WHERE ${cases.decision} = 'partly_upheld'),
            count(*) FILTER (WHERE ${cases.decision} = 'rejected')]::int[] AS counts
    FROM ${cases} LEFT JOIN ${departments} ON ${departments.code} = ${cases.departmentCode}
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2`);
  return rows.map((r) => ({ handler: r.handler, departmentName: r.department_name, counts: r.counts.map(Number) }));
}

/** Open lifting tasks past their due day, per member unit. */
export async function overdueLiftingTasks(): Promise<Breakdown[]> {
  return breakdown(
    sql`${departments.name}`,
    [sql`true`],
    sql`${liftingTasks.status} = 'open' AND ${today} > ${liftingTasks.dueOn}`,
    sql`${liftingTasks} JOIN ${departments} ON ${departments.code} = ${liftingTasks.departmentCode}`,
  );
}

/** Feedback reported per measure (四(五)): reports and distinct entries, measures in order. */
export async function feedbackByMeasure() {
  const rows = await getDb().execute<{ no: number; numeral: string; text: string; reports: number; entries: number }>(sql`
    SELECT ${measures.no} AS no, ${measures.numeral} AS numeral, ${measures.text} AS text,
      count(*)::int AS reports, count(DISTINCT ${measureFeedback.entryUid})::int AS entries
    FROM ${measureFeedback} JOIN ${measures} ON ${measures.no} = ${measureFeedback.measureNo}
    GROUP BY 1, 2, 3 ORDER BY 1`);
  return [...rows];
}

import 'server-only';
import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Today in China Standard Time, in SQL: the time rules count calendar days there (lib/clocks.ts is the JS side). */
export const todayInChinaSql = sql`(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * An instant column between two China Standard Time calendar days (YYYY-MM-DD), both included; an absent end is open.
 * Compared as instants, so an index on the column still serves it.
 */
export function withinCstDays(column: SQLWrapper, from?: string | null, to?: string | null): SQL | undefined {
  return and(
    from ? sql`${column} >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
    to ? sql`${column} < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
  );
}

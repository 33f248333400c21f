import 'server-only';
import { sql } from 'drizzle-orm';

/** Today in China Standard Time, in SQL: the time rules count calendar days there (lib/clocks.ts is the JS side). */
export const todayInChinaSql = sql`(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The seed's time rules (design rule 7), read from db/seed-data/time-rules.json. Days are
 * calendar days in China Standard Time: a fact on day D under an N-day rule is due by the
 * end of day D + N and overdue from D + N + 1.
 */
import timeRules from '@/db/seed-data/time-rules.json' with { type: 'json' };

export const TIME_RULES = timeRules;
export type TimeRule = keyof typeof timeRules;

/** The last day (YYYY-MM-DD) allowed for a fact on `day` (YYYY-MM-DD) under `rule`. */
export function dueDay(day: string, rule: TimeRule): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + timeRules[rule].days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in China Standard Time, YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The seed's time rules (design rule 7), read from db/seed-data/time-rules.json. Where the
 * seed says only "及时" the platform sets a period, which an environment variable named in the
 * file may change. Days are calendar days in China Standard Time: a fact on day D under an
 * N-day rule is due by the end of day D + N and overdue from D + N + 1.
 */
import timeRules from '@/db/seed-data/time-rules.json' with { type: 'json' };
import { cstDate } from './cst';

export type TimeRule = keyof typeof timeRules;

function configuredDays(rule: TimeRule): number {
  const spec: { days: number; env?: string } = timeRules[rule];
  const value = spec.env ? Number(process.env[spec.env]) : NaN;
  return Number.isInteger(value) && value > 0 && value <= 365 ? value : spec.days;
}

export const TIME_RULES = Object.fromEntries(
  Object.entries(timeRules).map(([rule, spec]) => [rule, { ...spec, days: configuredDays(rule as TimeRule) }]),
) as { [R in TimeRule]: { days: number; label: string; source: string } };

/** Adds calendar days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD each): 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The last day (YYYY-MM-DD) allowed for a fact on `day` (YYYY-MM-DD) under `rule`. */
export function dueDay(day: string, rule: TimeRule): string {
  return addDays(day, TIME_RULES[rule].days);
}

/** Today's date in China Standard Time, YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return cstDate(now);
}

/** Past its last day (China Standard Time)? */
export function isOverdue(lastDay: string, now: Date = new Date()): boolean {
  return todayInChina(now) > lastDay;
}

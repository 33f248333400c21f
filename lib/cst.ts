/**
 * China Standard Time, the platform's one clock: UTC+8 all year (no daylight saving). The only
 * place the offset is written; no imports, so client code may use it too.
 */
export const CST_OFFSET_MS = 8 * 3_600_000;

/** The China Standard Time calendar day of an instant, YYYY-MM-DD. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

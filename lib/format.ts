const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 2026年11月27日 style, in China Standard Time. */
export function formatDate(value: string | Date | null): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : value;
  const parts = Object.fromEntries(dateFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/** Machine-readable date for <time dateTime>. */
export function isoDate(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

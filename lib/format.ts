import { daysBetween, todayInChina } from '@/lib/clocks';

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 2026年11月27日 style, in China Standard Time. */
export function formatDate(value: string | Date | null): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : value;
  const parts = Object.fromEntries(dateFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function timeParts(value: string | Date): Record<string, string> {
  return Object.fromEntries(timeFormat.formatToParts(new Date(value)).map((x) => [x.type, x.value]));
}

/** 2026年11月27日 16:38:15（北京时间）: a moment in words, China Standard Time. */
export function formatDateTime(value: string | Date): string {
  const p = timeParts(value);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}:${p.second}（北京时间）`;
}

/** 2026-11-27 14:05:09, China Standard Time: a moment in tables and files (the audit trail, exports). */
export function formatTimestamp(value: string | Date): string {
  const p = timeParts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A last day written so it cannot be misread (by the end of it, or before it?): 截止 2026年12月03日（含当日）. */
export function formatDueDay(day: string): string {
  return `截止 ${formatDate(day)}（含当日）`;
}

/** 剩余 N 天 / 今日到期 / 逾期 N 天 until the last day `day`, in China Standard Time days. */
export function daysLeft(day: string, today: string = todayInChina()): string {
  const n = daysBetween(today, day);
  return n > 0 ? `剩余 ${n} 天` : n === 0 ? '今日到期' : `逾期 ${-n} 天`;
}

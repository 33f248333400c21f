import { z } from 'zod';
import { isCalendarDay } from '@/lib/calendar';

/** A YYYY-MM-DD form or query field naming a real day; `label` names the field in each message. */
export function calendarDay(label: string) {
  return z
    .string(`请填写${label}`)
    .min(1, { message: `请填写${label}`, abort: true })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `请按 2026-11-20 的格式填写${label}`, abort: true })
    .refine(isCalendarDay, `${label}不是有效日期`);
}

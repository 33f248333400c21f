import { z } from 'zod';
import { calendarDay } from '@/lib/validation/calendar-day';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** /notices' address: the filters a reader may set (blank fields are no filter). */
export const noticeParamsSchema = z
  .object({
    kind: optional(z.enum(['revoked', 'shielded'], '请选择撤销或屏蔽')),
    from: optional(calendarDay('起始日期')),
    to: optional(calendarDay('截止日期')),
    caseNo: optional(z.string().trim().max(100, '案号最长 100 个字符')),
    court: optional(z.string().trim().max(100, '执行法院最长 100 个字符')),
    page: optional(z.coerce.number('页码应为数字').int('页码应为整数').min(1, '页码从 1 开始').max(10_000, '页码过大')),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '截止日期不得早于起始日期' });

export type NoticeParams = z.infer<typeof noticeParamsSchema>;

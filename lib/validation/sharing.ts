/**
 * What a department reports back about the list it receives (seed 二(七), 四(五)): the
 * decision on a lifting task and the measures it applied. The Server Actions parse form
 * input with these schemas, and the domain functions in db/ parse again, so no caller can
 * store a decision or a report the forms would refuse.
 */
import { z } from 'zod';
import { todayInChina } from '@/lib/clocks';
import { day, text } from './application';
import { calendarDay } from './calendar-day';

/** 已解除, or 继续保留 with the legal ground and the period (二(七): 明确继续保留的期限). */
export const liftingDecisionSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('lifted') }),
    z.object({
      outcome: z.literal('kept'),
      reason: text('继续保留的理由', 1000),
      until: calendarDay('继续保留的期限').refine((d) => d > todayInChina(), '继续保留的期限须晚于今天'),
    }),
  ],
  '请选择处理结果',
);
export type LiftingDecision = z.infer<typeof liftingDecisionSchema>;

export const MEASURE_COUNT = 41;

/** One measure of Attachment 2 applied to one entry: when, and with what effect. */
export const feedbackSchema = z.object({
  entryUid: z
    .string('请填写案号、证件号码或信息唯一标识')
    .trim()
    .min(1, '请填写案号、证件号码或信息唯一标识')
    .max(100, '案号、证件号码或信息唯一标识过长'),
  measureNo: z.coerce
    .number('请选择惩戒措施')
    .int('请选择惩戒措施')
    .min(1, '请选择惩戒措施')
    .max(MEASURE_COUNT, '请选择惩戒措施'),
  appliedOn: day('实施日期'),
  outcome: text('实施效果', 500),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

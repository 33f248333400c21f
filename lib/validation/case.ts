/**
 * The case forms staff send (one step each) and the applicant's answer to a 补正 request on
 * /track: one zod schema per form, Chinese messages per field.
 */
import { z } from 'zod';
import { CASE_DECISIONS, CASE_STATUSES, REFUSAL_REASONS } from '@/lib/case-terms';
import { text } from './application';

const from = z.enum(CASE_STATUSES).optional();

export const caseStepSchema = z.discriminatedUnion('to', [
  z.object({ to: z.enum(['accepted', 'under_review', 'closed']), from }),
  z.object({
    to: z.literal('decided'),
    from,
    decision: z.enum(CASE_DECISIONS, '请选择决定'),
    decisionText: text('决定理由', 5000),
    liftedMeasureNos: z.array(z.coerce.number().int().min(1).max(41)).max(41).default([]),
  }),
  z.object({
    to: z.literal('refused'),
    from,
    refusalReason: z.enum(
      REFUSAL_REASONS.map((r) => r.code) as [
        (typeof REFUSAL_REASONS)[number]['code'],
        ...(typeof REFUSAL_REASONS)[number]['code'][],
      ],
      '请选择不予受理的理由',
    ),
    decisionText: text('不予受理的具体理由', 2000),
  }),
  z.object({ to: z.literal('awaiting_material'), from, materialRequest: text('需要补正的材料', 2000) }),
]);
export type CaseStep = z.infer<typeof caseStepSchema>;

export const caseNoteSchema = z.object({ body: text('内部意见', 2000) });

export const supplementSchema = z.object({ note: text('补正说明', 2000) });

/** 转交法院审查: a department forwards a request to remove a record or lift a measure to the court, saying why. */
export const caseForwardSchema = z.object({ from, reason: text('转交理由', 2000) });

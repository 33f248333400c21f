/** The article forms' input (staff portal), parsed once for the Server Actions and the domain commands. */
import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_LIMITS } from '@/lib/articles/terms';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import { UID_RE } from '@/lib/validation/entry-push';

const L = ARTICLE_LIMITS;

export const articleDraftSchema = z
  .object({
    kind: z.enum(ARTICLE_KINDS, { error: '请选择栏目' }),
    title: z
      .string({ error: '请填写标题' })
      .trim()
      .min(1, '请填写标题')
      .max(L.title, `标题最多 ${L.title} 字`)
      .refine((t) => !hasFormatChars(t) && !/[\r\n]/.test(t), `标题${FORMAT_CHARS_MESSAGE}，也不能换行`),
    // Optional fields are null once parsed, and the domain parses its input again: null is accepted too.
    summary: z
      .string()
      .trim()
      .max(L.summary, `摘要最多 ${L.summary} 字`)
      .nullish()
      .transform((s) => s || null),
    body: z
      .string({ error: '请填写正文' })
      .trim()
      .min(1, '请填写正文')
      .max(L.body, `正文最多 ${L.body.toLocaleString('zh-CN')} 字`),
    entryUid: z
      .string()
      .trim()
      .nullish()
      .transform((s) => s || null)
      .refine((s) => s === null || UID_RE.test(s), '信息唯一标识只能包含字母、数字、下划线和连字符，最多 64 位'),
  })
  .refine((a) => a.entryUid === null || a.kind === 'case', {
    path: ['entryUid'],
    message: '只有典型案例可以关联名单信息',
  });
export type ArticleDraft = z.output<typeof articleDraftSchema>;

/** The reviewer's reason for sending back, the reason for withdrawing: required, plain, ≤ 500 characters. */
export const articleNoteSchema = z.object({
  note: z.string({ error: '请填写理由' }).trim().min(1, '请填写理由').max(L.note, `理由最多 ${L.note} 字`),
});

/** The public list's search box and page, from the address. */
export const articleListParamsSchema = z.object({
  q: z
    .string()
    .trim()
    .max(50, '检索词最多 50 字')
    // The text holds masked ID numbers only as shown: a long run of digits would probe the hidden ones.
    .refine((q) => !/[0-9Xx]{11,}/.test(q), '检索词不能包含证件号码（连续 11 位以上的数字）')
    .optional()
    .transform((s) => s || undefined),
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int('页码应为整数')
    .min(1, '页码应为 1 到 1000')
    .max(1000, '页码应为 1 到 1000')
    .optional()
    .default(1),
});

'use server';

import { z } from 'zod';
import { LIMITS } from '@/domain/http/rate-limit';
import { publicAction } from '@/domain/http/form-actions';
import { readCheckList } from '@/lib/check/input';
import { checkSubjects } from '@/domain/check/match';
import { PUBLIC_DISCLOSURE } from '@/lib/disclosure';
import { CODE_EXAMPLE, CODE_RE, normalizeVerificationCode } from '@/lib/check/code';
import { findCheckReport, saveCheckReport, type CheckReport } from '@/domain/check/reports';
import type { FormState } from '@/lib/form-state';

export type CheckState = FormState & { report?: CheckReport };
export type VerifyState = FormState & { report?: CheckReport & { digestMatches: boolean } };

const MAX_LIST_CHARS = 100_000;

const checkForm = z
  .object({
    list: z
      .string()
      .max(
        MAX_LIST_CHARS,
        `粘贴的列表不能超过 ${MAX_LIST_CHARS.toLocaleString('en-US')} 个字符，请改为上传文件或分批核查`,
      ),
    file: z.instanceof(File).nullable(),
  })
  // The pasted lines and the file are read here, so a list that cannot be read does not count against the limit.
  .transform(async ({ list, file }, ctx) => {
    const read = await readCheckList(list, file);
    for (const e of read.errors) ctx.addIssue({ code: 'custom', path: e.field ? [e.field] : [], message: e.message });
    return read.errors.length ? z.NEVER : read.subjects;
  });

/** /check: read the list, check it as the public sees the registry, store the report. */
export const runCheck = publicAction({
  refill: { list: MAX_LIST_CHARS },
  input: (formData) => {
    const file = formData.get('file');
    return { list: String(formData.get('list') ?? ''), file: file instanceof File ? file : null };
  },
  schema: checkForm,
  limit: { bucket: LIMITS.checkPerClient, tooOften: '核查过于频繁，请一小时后再试。' },
  run: async (subjects, values): Promise<CheckState> => {
    try {
      const results = await checkSubjects(subjects, PUBLIC_DISCLOSURE);
      return { ok: true, report: await saveCheckReport(subjects, results), values };
    } catch (err) {
      // Never the list itself in a log: it may hold ID numbers.
      console.error(`counterparty check failed: ${err instanceof Error ? err.message.split('\n')[0] : 'error'}`);
      return {
        errors: [{ message: '系统暂时无法完成核查，没有保存任何内容。请稍后再试，页面上填写的内容都还在。' }],
        values,
      };
    }
  },
});

const verifyForm = z.object({
  code: z
    .string('请填写核验码')
    .trim()
    .min(1, '请填写核验码')
    .max(40, `核验码格式不正确，应形如 ${CODE_EXAMPLE}`)
    .transform(normalizeVerificationCode)
    .refine((c) => CODE_RE.test(c), `核验码格式不正确，应形如 ${CODE_EXAMPLE}（12 位字母和数字）`),
});

/** /check/verify: the stored report of a code, its digest recomputed. Lookups are rate-limited per client. */
export const verifyReport = publicAction({
  refill: { code: 40 },
  input: (formData) => ({ code: formData.get('code') }),
  schema: verifyForm,
  limit: { bucket: LIMITS.checkCodePerClient, tooOften: '核验过于频繁，请 15 分钟后再试。' },
  run: async ({ code }, values): Promise<VerifyState> => {
    const report = await findCheckReport(code);
    if (!report) {
      return {
        errors: [{ field: 'code', message: `未找到核验码 ${code} 对应的核查报告，请核对后重新输入` }],
        values,
      };
    }
    return { ok: true, report, values };
  },
});

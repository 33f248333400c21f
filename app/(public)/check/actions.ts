'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { clientKey, consume, LIMITS } from '@/domain/http/rate-limit';
import { readCheckList } from '@/lib/check/input';
import { checkSubjects } from '@/domain/check/match';
import { PUBLIC_DISCLOSURE } from '@/lib/disclosure';
import { CODE_EXAMPLE, CODE_RE, normalizeVerificationCode } from '@/lib/check/code';
import { findCheckReport, saveCheckReport, type CheckReport } from '@/domain/check/reports';
import { errorsFromZod, type FormState } from '@/lib/form-state';

export type CheckState = FormState & { report?: CheckReport };
export type VerifyState = FormState & { report?: CheckReport & { digestMatches: boolean } };

const MAX_LIST_CHARS = 100_000;

const checkForm = z.object({
  list: z
    .string()
    .max(
      MAX_LIST_CHARS,
      `粘贴的列表不能超过 ${MAX_LIST_CHARS.toLocaleString('en-US')} 个字符，请改为上传文件或分批核查`,
    ),
  file: z.instanceof(File).nullable(),
});

/** /check: read the list, check it as the public sees the registry, store the report. */
export async function runCheck(_prev: CheckState, formData: FormData): Promise<CheckState> {
  const raw = {
    list: String(formData.get('list') ?? ''),
    file: formData.get('file') instanceof File ? (formData.get('file') as File) : null,
  };
  const values = { list: raw.list.slice(0, MAX_LIST_CHARS) };
  const parsed = checkForm.safeParse(raw);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  const list = await readCheckList(parsed.data.list, parsed.data.file);
  if (list.errors.length > 0) return { errors: list.errors, values };
  try {
    if (!(await consume(LIMITS.checkPerClient, clientKey(await headers())))) {
      return { errors: [{ message: '核查过于频繁，请一小时后再试。' }], values };
    }
    const results = await checkSubjects(list.subjects, PUBLIC_DISCLOSURE);
    return { ok: true, report: await saveCheckReport(list.subjects, results), values };
  } catch (err) {
    // Never the list itself in a log: it may hold ID numbers.
    console.error(`counterparty check failed: ${err instanceof Error ? err.message.split('\n')[0] : 'error'}`);
    return {
      errors: [{ message: '系统暂时无法完成核查，没有保存任何内容。请稍后再试，页面上填写的内容都还在。' }],
      values,
    };
  }
}

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
export async function verifyReport(_prev: VerifyState, formData: FormData): Promise<VerifyState> {
  const values = { code: String(formData.get('code') ?? '').slice(0, 40) };
  const parsed = verifyForm.safeParse({ code: formData.get('code') });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  if (!(await consume(LIMITS.checkCodePerClient, clientKey(await headers())))) {
    return { errors: [{ message: '核验过于频繁，请 15 分钟后再试。' }], values };
  }
  const report = await findCheckReport(parsed.data.code);
  if (!report)
    return {
      errors: [{ field: 'code', message: `未找到核验码 ${parsed.data.code} 对应的核查报告，请核对后重新输入` }],
      values,
    };
  return { ok: true, report, values };
}

'use server';

import { revalidatePath } from 'next/cache';
import { forbidden } from 'next/navigation';
import { z } from 'zod';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  OutsideCourtError,
  recordRemovalGround,
  RemovalBeforeListingError,
  RemovalGroundDateError,
  revokeEntry,
  shieldEntry,
} from '@/db/entries';
import { courtScope, requireStaff, staffActor } from '@/lib/auth/staff-session';
import { todayInChina } from '@/lib/clocks';
import { errorsFromZod, textValues, type FormState } from '@/lib/form-state';
import { parseRevocation, SPC_GROUNDS, UID_RE } from '@/lib/validation/entry-push';

/** Messages for the domain's refusals, shared by both forms. */
function refusal(err: unknown): FormState | null {
  if (err instanceof EntryNotFoundError) return { errors: [{ message: '未找到该名单信息' }] };
  // Another court's entry: 403 like a missing capability (the entry page offers no form for it, so only a crafted request gets here).
  if (err instanceof OutsideCourtError) forbidden();
  if (err instanceof EntryNotActiveError) return { errors: [{ message: '该名单信息已被撤销或屏蔽，无需再次处理' }] };
  if (err instanceof RemovalBeforeListingError) return { errors: [{ field: 'effectiveAt', message: '生效时间不得早于发布时间' }] };
  if (err instanceof RemovalGroundDateError) return { errors: [{ field: 'on', message: '事由发生日不得早于立案时间' }] };
  return null;
}

/** A datetime-local value (no zone) is China Standard Time. */
function cstInstant(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value || null;
}

export async function removeEntryAction(uid: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff('removeEntries');
  if (!UID_RE.test(uid)) return { errors: [{ message: '未找到该名单信息' }] };
  const values = textValues(formData);
  const parsed = parseRevocation({
    kind: values.kind || undefined,
    reason: values.reason || undefined,
    note: values.note?.trim() || undefined,
    effectiveAt: cstInstant(values.effectiveAt ?? ''),
  });
  if (!parsed.ok) return { errors: parsed.errors.map((e) => ({ field: e.field, message: e.message })), values };
  const { kind, reason, note, effectiveAt } = parsed.value;
  try {
    await (kind === 'revoke' ? revokeEntry : shieldEntry)(uid, { reason: note ? `${reason}：${note}` : reason, actor: staffActor(staff), at: effectiveAt, court: courtScope(staff) });
  } catch (err) {
    const r = refusal(err);
    if (r) return { ...r, values };
    throw err;
  }
  revalidatePath(`/admin/entries/${uid}`);
  return { ok: true, message: `已${kind === 'revoke' ? '撤销' : '屏蔽'}。该信息已从公示页面、查询结果和接口中移除，撤销公告已发布，并已记入联动单位变更通知。` };
}

const groundSchema = z.object({
  ground: z.enum(SPC_GROUNDS, '请选择撤销事由'),
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '请填写事由发生日，格式如 2026-11-20')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), '日期无效')
    .refine((d) => d <= todayInChina(), '事由发生日不得晚于今天'),
});

export async function recordGroundAction(uid: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff('removeEntries');
  if (!UID_RE.test(uid)) return { errors: [{ message: '未找到该名单信息' }] };
  const values = textValues(formData);
  const parsed = groundSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await recordRemovalGround(uid, { ground: parsed.data.ground, on: parsed.data.on, actor: staffActor(staff), court: courtScope(staff) });
  } catch (err) {
    const r = refusal(err);
    if (r) return { ...r, values };
    throw err;
  }
  revalidatePath(`/admin/entries/${uid}`);
  return { ok: true, message: '已登记撤销事由，撤销期限开始计算。' };
}

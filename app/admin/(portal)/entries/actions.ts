'use server';

import { revalidatePath } from 'next/cache';
import { forbidden, redirect } from 'next/navigation';
import { z } from 'zod';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  OutsideCourtError,
  recordRemovalGround,
  RemovalBeforeListingError,
  RemovalGroundDateError,
} from '@/domain/entries/entries';
import { approveRemoval, refuseRemoval, RemovalRequestError, requestRemoval } from '@/domain/entries/removal-requests';
import { auditStaff, courtScope, requireStaff, staffActor } from '@/domain/auth/staff-session';
import { todayInChina } from '@/lib/clocks';
import { errorsFromZod, isConfirmed, NOT_CONFIRMED, textValues, type FormState } from '@/lib/form-state';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { calendarDay } from '@/lib/validation/calendar-day';
import { parseRevocation, UID_RE } from '@/lib/validation/entry-push';
import type { RemovalDone } from './removal-done';
import { REMOVAL_REQUEST_KIND_LABELS } from '@/lib/labels';

const REQUEST_REFUSALS: Record<Exclude<RemovalRequestError['code'], 'not_reviewer'>, string> = {
  already_pending: '该信息已有待审核的撤销或屏蔽申请，请等待负责人审核',
  not_found: '未找到该审核申请',
  not_pending: '该申请已审核，无需再次处理',
  own_request: '不能审核自己提交的申请，请由本院另一位负责人审核',
};

/** Messages for the domain's refusals, shared by the entry page's forms. */
function refusal(err: unknown): FormState | null {
  if (err instanceof EntryNotFoundError) return { errors: [{ message: '未找到该名单信息' }] };
  // Another court's entry: 403 like a missing capability (the entry page offers no form for it, so only a crafted
  // request gets here).
  if (err instanceof OutsideCourtError) forbidden();
  if (err instanceof EntryNotActiveError) return { errors: [{ message: '该名单信息已被撤销或屏蔽，无需再次处理' }] };
  if (err instanceof RemovalBeforeListingError)
    return { errors: [{ field: 'effectiveAt', message: '生效时间不得早于发布时间' }] };
  if (err instanceof RemovalGroundDateError)
    return { errors: [{ field: 'on', message: '事由发生日不得早于立案时间' }] };
  if (err instanceof RemovalRequestError) {
    // Not a reviewer of this court: 403 like a missing capability (the page offers the review to reviewers only).
    if (err.code === 'not_reviewer') forbidden();
    return { errors: [{ message: REQUEST_REFUSALS[err.code] }] };
  }
  return null;
}

/** After an action the entry page re-renders without the form that was used: the message travels in the address. */
function showDone(uid: string, done: RemovalDone): never {
  revalidatePath(`/admin/entries/${uid}`);
  redirect(`/admin/entries/${encodeURIComponent(uid)}?done=${done}`);
}

/** A datetime-local value (no zone) is China Standard Time. */
function cstInstant(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value || null;
}

/** The clerk's step: the removal is submitted for the court's 负责人 to approve; nothing changes on the entry yet. */
export async function requestRemovalAction(uid: string, _prev: FormState, formData: FormData): Promise<FormState> {
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
  const fullReason = note ? `${reason}：${note}` : reason;
  try {
    const request = await requestRemoval(uid, staff, { kind, reason: fullReason, at: effectiveAt });
    await auditStaff(staff, {
      action: 'removal_requested',
      objectType: 'entry',
      objectId: uid,
      detail: { requestId: request.id, kind: REMOVAL_REQUEST_KIND_LABELS[kind], reason: fullReason },
    });
  } catch (err) {
    const r = refusal(err);
    if (r) return { ...r, values };
    throw err;
  }
  showDone(uid, 'requested');
}

/** The 负责人's step: the removal takes effect (irreversible, so it is confirmed in a dialog first). */
export async function approveRemovalAction(
  uid: string,
  requestId: number,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const staff = await requireStaff('removeEntries');
  if (!isConfirmed(formData)) return NOT_CONFIRMED;
  try {
    const request = await approveRemoval(requestId, staff);
    await auditStaff(staff, {
      action: 'removal_approved',
      objectType: 'entry',
      objectId: uid,
      detail: {
        requestId,
        kind: REMOVAL_REQUEST_KIND_LABELS[request.kind],
        reason: request.reason,
        requestedBy: request.requestedBy,
      },
    });
  } catch (err) {
    const r = refusal(err);
    if (r) return r;
    throw err;
  }
  showDone(uid, 'approved');
}

const refuseSchema = z.object({
  decisionNote: z.string().trim().min(1, '请填写退回理由').max(500, '退回理由最长 500 个字符'),
});

/** The 负责人 sends the request back with a reason; the entry stays as it was. */
export async function refuseRemovalAction(
  uid: string,
  requestId: number,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const staff = await requireStaff('removeEntries');
  const values = textValues(formData);
  const parsed = refuseSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await refuseRemoval(requestId, staff, parsed.data.decisionNote);
    await auditStaff(staff, {
      action: 'removal_refused',
      objectType: 'entry',
      objectId: uid,
      detail: { requestId, note: parsed.data.decisionNote },
    });
  } catch (err) {
    const r = refusal(err);
    if (r) return { ...r, values };
    throw err;
  }
  showDone(uid, 'refused');
}

const groundSchema = z.object({
  ground: z.enum(SPC_GROUNDS, '请选择撤销事由'),
  on: calendarDay('事由发生日').refine((d) => d <= todayInChina(), '事由发生日不得晚于今天'),
});

export async function recordGroundAction(uid: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff('removeEntries');
  if (!UID_RE.test(uid)) return { errors: [{ message: '未找到该名单信息' }] };
  const values = textValues(formData);
  const parsed = groundSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await recordRemovalGround(uid, {
      ground: parsed.data.ground,
      on: parsed.data.on,
      actor: staffActor(staff),
      court: courtScope(staff),
    });
    await auditStaff(staff, {
      action: 'removal_ground_recorded',
      objectType: 'entry',
      objectId: uid,
      detail: { ground: parsed.data.ground, on: parsed.data.on },
    });
  } catch (err) {
    const r = refusal(err);
    if (r) return { ...r, values };
    throw err;
  }
  revalidatePath(`/admin/entries/${uid}`);
  return { ok: true, message: '已登记撤销事由，撤销期限开始计算。' };
}

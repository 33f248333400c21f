'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordRemovalGround } from '@/domain/entries/entries';
import { approveRemoval, refuseRemoval, requestRemoval } from '@/domain/entries/removal-requests';
import { auditStaff, courtScope, staffActor } from '@/domain/auth/staff-session';
import { staffAction, type RefusalMessages } from '@/domain/http/form-actions';
import { todayInChina } from '@/lib/clocks';
import type { FormState } from '@/lib/form-state';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { calendarDay } from '@/lib/validation/calendar-day';
import { parseRevocation, UID_RE } from '@/lib/validation/entry-push';
import type { RemovalDone } from './removal-done';
import { REMOVAL_REQUEST_KIND_LABELS } from '@/lib/labels';

/** How the entry page's forms show the domain's refusals (another court's entry, or no reviewer: 403). */
const REFUSALS = {
  entry_not_found: '未找到该名单信息',
  entry_not_active: '该名单信息已被撤销或屏蔽，无需再次处理',
  removal_before_listing: { field: 'effectiveAt', message: '生效时间不得早于发布时间' },
  removal_ground_date: { field: 'on', message: '事由发生日不得早于立案时间' },
  already_pending: '该信息已有待审核的撤销或屏蔽申请，请等待负责人审核',
  not_found: '未找到该审核申请',
  not_pending: '该申请已审核，无需再次处理',
  own_request: '不能审核自己提交的申请，请由本院另一位负责人审核',
} as const satisfies RefusalMessages;

/** After an action the entry page re-renders without the form that was used: the message travels in the address. */
function showDone(uid: string, done: RemovalDone): never {
  revalidatePath(`/admin/entries/${uid}`);
  redirect(`/admin/entries/${encodeURIComponent(uid)}?done=${done}`);
}

/** A datetime-local value (no zone) is China Standard Time. */
function cstInstant(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value || null;
}

const UNKNOWN_ENTRY: FormState = { errors: [{ message: REFUSALS.entry_not_found }] };

/** The clerk's step: the removal is submitted for the court's 负责人 to approve; nothing changes on the entry yet. */
export const requestRemovalAction = staffAction({
  capability: 'removeEntries',
  refusals: REFUSALS,
  run: async ({ staff, values }, uid: string) => {
    if (!UID_RE.test(uid)) return UNKNOWN_ENTRY;
    const parsed = parseRevocation({
      kind: values.kind || undefined,
      reason: values.reason || undefined,
      note: values.note?.trim() || undefined,
      effectiveAt: cstInstant(values.effectiveAt ?? ''),
    });
    if (!parsed.ok) return { errors: parsed.errors.map((e) => ({ field: e.field, message: e.message })), values };
    const { kind, reason, note, effectiveAt } = parsed.value;
    const fullReason = note ? `${reason}：${note}` : reason;
    const request = await requestRemoval(uid, staff, { kind, reason: fullReason, at: effectiveAt });
    await auditStaff(staff, {
      action: 'removal_requested',
      objectType: 'entry',
      objectId: uid,
      detail: { requestId: request.id, kind: REMOVAL_REQUEST_KIND_LABELS[kind], reason: fullReason },
    });
    showDone(uid, 'requested');
  },
});

/** The 负责人's step: the removal takes effect (irreversible, so it is confirmed in a dialog first). */
export const approveRemovalAction = staffAction({
  capability: 'removeEntries',
  confirm: true,
  refusals: REFUSALS,
  run: async ({ staff }, uid: string, requestId: number): Promise<FormState> => {
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
    showDone(uid, 'approved');
  },
});

const refuseSchema = z.object({
  decisionNote: z.string().trim().min(1, '请填写退回理由').max(500, '退回理由最长 500 个字符'),
});

/** The 负责人 sends the request back with a reason; the entry stays as it was. */
export const refuseRemovalAction = staffAction({
  capability: 'removeEntries',
  schema: refuseSchema,
  refusals: REFUSALS,
  run: async ({ staff, input }, uid: string, requestId: number): Promise<FormState> => {
    await refuseRemoval(requestId, staff, input.decisionNote);
    await auditStaff(staff, {
      action: 'removal_refused',
      objectType: 'entry',
      objectId: uid,
      detail: { requestId, note: input.decisionNote },
    });
    showDone(uid, 'refused');
  },
});

const groundSchema = z.object({
  ground: z.enum(SPC_GROUNDS, '请选择撤销事由'),
  on: calendarDay('事由发生日').refine((d) => d <= todayInChina(), '事由发生日不得晚于今天'),
});

export const recordGroundAction = staffAction({
  capability: 'removeEntries',
  schema: groundSchema,
  refusals: REFUSALS,
  revalidate: (uid) => `/admin/entries/${uid}`,
  run: async ({ staff, input }, uid: string) => {
    if (!UID_RE.test(uid)) return UNKNOWN_ENTRY;
    // The screen corrects a ground recorded in error: another ground replaces it and the clock restarts.
    const { outcome } = await recordRemovalGround(
      uid,
      { ...input, actor: staffActor(staff), court: courtScope(staff) },
      { onConflict: 'replace' },
    );
    if (outcome === 'unchanged') return { ok: true, message: '该撤销事由已经登记，未作修改。' };
    await auditStaff(staff, {
      action: 'removal_ground_recorded',
      objectType: 'entry',
      objectId: uid,
      detail: { ground: input.ground, on: input.on },
    });
    return { ok: true, message: '已登记撤销事由，撤销期限开始计算。' };
  },
});

'use server';

import { z } from 'zod';
import {
  confirmLifted,
  decideLifting,
  LiftingReminderRefusedError,
  reminderSchema,
  sendLiftingReminder,
  taskIdsSchema,
  taskSubjects,
} from '@/domain/entries/lifting';
import { departments } from '@/db/schema';
import { getDb } from '@/db/client';
import { eq } from 'drizzle-orm';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { auditStaff, type Staff } from '@/domain/auth/staff-session';
import { staffAction, type RefusalMessages } from '@/domain/http/form-actions';
import { formatDate } from '@/lib/format';
import { errorsFromZod, isConfirmed, NOT_CONFIRMED, type FormState } from '@/lib/form-state';
import { liftingDecisionSchema } from '@/lib/validation/sharing';
import { REMINDER_SCOPE_LABELS } from '@/lib/labels';

const taskIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const TASK_REFUSALS = {
  lifting_task_not_found: '所选任务不由您所在单位确认，请刷新页面后重新勾选',
  not_lifting_unit: '所选任务不由您所在单位确认，请刷新页面后重新勾选',
  lifting_already_decided: '所选任务中有已经确认过的，未作任何更改；请刷新页面后重新勾选',
} as const satisfies RefusalMessages;

/**
 * The unit's lifting table posts here: `intent=keep` is 继续保留 (or 已解除) for the one task
 * named by `task`, with reason and period; otherwise 确认已解除 for every checked `taskId` at
 * once — all of them or, if one cannot be, none. Either is decided once and asked twice. One
 * action, so the table keeps one message whichever form was sent (a decided row leaves it).
 */
export const liftingFormAction = staffAction({
  capability: capabilityOf('/admin/lifting')!,
  refusals: TASK_REFUSALS,
  revalidate: '/admin/lifting',
  run: ({ staff, values, formData }) =>
    values.intent === 'keep' ? keepTask(staff, values, formData) : confirmChecked(staff, formData),
});

async function keepTask(staff: Staff, values: Record<string, string>, formData: FormData): Promise<FormState> {
  const taskId = taskIdSchema.safeParse(Number(values.task));
  if (!taskId.success) return { errors: [{ message: '未找到该任务' }] };
  const field = (f?: string) => (f ? `task-${taskId.data}-${f}` : undefined);
  const parsed = liftingDecisionSchema.safeParse(values);
  if (!parsed.success)
    return { errors: errorsFromZod(parsed.error).map((e) => ({ ...e, field: field(e.field) })), values };
  if (!isConfirmed(formData)) return { ...NOT_CONFIRMED, values };
  await decideLifting(taskId.data, staff, parsed.data, (tx, task) =>
    auditStaff(
      staff,
      {
        action: 'lifting_decided',
        objectType: 'lifting_task',
        objectId: String(task.id),
        detail: {
          outcome: task.status,
          taskIds: [task.id],
          count: 1,
          ...(task.keptUntil ? { keptUntil: task.keptUntil } : {}),
        },
      },
      tx,
    ),
  );
  const [subject] = await taskSubjects([taskId.data]);
  const who = subject ? `${subject.name}（${subject.caseNo}）` : '';
  return {
    ok: true,
    message:
      parsed.data.outcome === 'lifted'
        ? `已确认解除${who}的惩戒措施。`
        : `已登记继续保留${who}的惩戒措施，期限至 ${formatDate(parsed.data.until)}。`,
  };
}

async function confirmChecked(staff: Staff, formData: FormData): Promise<FormState> {
  const parsed = taskIdsSchema.safeParse(formData.getAll('taskId'));
  if (!parsed.success) return { errors: [{ message: parsed.error.issues[0]?.message ?? '请至少勾选一项任务' }] };
  if (!isConfirmed(formData)) return NOT_CONFIRMED;
  const ids = parsed.data;
  await confirmLifted(ids, staff, async (tx, tasks) => {
    await auditStaff(
      staff,
      {
        action: 'lifting_decided',
        objectType: 'lifting_task',
        objectId: ids.length === 1 ? String(ids[0]) : undefined,
        detail: { outcome: 'lifted', taskIds: tasks.map((t) => t.id), count: tasks.length },
      },
      tx,
    );
  });
  const subjects = await taskSubjects(ids);
  const names = subjects
    .slice(0, 10)
    .map((s) => `${s.name}（${s.caseNo}）`)
    .join('、');
  return {
    ok: true,
    message: `已确认解除 ${ids.length} 项任务的惩戒措施：${names}${subjects.length > 10 ? ` 等 ${subjects.length} 项` : ''}。`,
  };
}

/** 催办: the credit office reminds a unit of its open (or overdue) tasks. */
export const sendReminderAction = staffAction({
  capability: 'remindLifting',
  schema: reminderSchema,
  confirm: true,
  revalidate: '/admin/lifting',
  run: async ({ staff, input }) => {
    const [unit] = await getDb()
      .select({ name: departments.name })
      .from(departments)
      .where(eq(departments.code, input.departmentCode));
    if (!unit) return { errors: [{ message: '未找到该成员单位' }] };
    try {
      const reminder = await sendLiftingReminder(staff, input, (tx, r) =>
        auditStaff(
          staff,
          {
            action: 'lifting_reminded',
            objectType: 'department',
            objectId: r.departmentCode,
            detail: { scope: r.scope, taskCount: r.taskIds.length, reminderId: r.id },
          },
          tx,
        ),
      );
      return {
        ok: true,
        message: `已向${unit.name}发送催办（${REMINDER_SCOPE_LABELS[reminder.scope]}，共 ${reminder.taskIds.length} 项）。`,
      };
    } catch (err) {
      if (err instanceof LiftingReminderRefusedError && err.code === 'nothing_to_remind') {
        const which = input.scope === 'overdue' ? '已超期' : '未确认';
        return { errors: [{ message: `${unit.name}目前没有${which}的任务，无需催办` }] };
      }
      throw err;
    }
  },
});

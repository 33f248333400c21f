'use server';

import { revalidatePath } from 'next/cache';
import { z, ZodError } from 'zod';
import {
  confirmLifted,
  decideLifting,
  LiftingAlreadyDecidedError,
  LiftingReminderRefusedError,
  LiftingTaskNotFoundError,
  NotLiftingUnitError,
  reminderSchema,
  sendLiftingReminder,
  taskIdsSchema,
  taskSubjects,
} from '@/domain/entries/lifting';
import { departments } from '@/db/schema';
import { getDb } from '@/db/client';
import { eq } from 'drizzle-orm';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { auditStaff, requireStaff, type Staff } from '@/domain/auth/staff-session';
import { formatDate } from '@/lib/format';
import { errorsFromZod, isConfirmed, NOT_CONFIRMED, textValues, type FormState } from '@/lib/form-state';
import { liftingDecisionSchema } from '@/lib/validation/sharing';
import { REMINDER_SCOPE_LABELS } from '@/lib/labels';

const taskIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

function refusal(err: unknown): FormState | null {
  if (err instanceof LiftingTaskNotFoundError || err instanceof NotLiftingUnitError)
    return { errors: [{ message: '所选任务不由您所在单位确认，请刷新页面后重新勾选' }] };
  if (err instanceof LiftingAlreadyDecidedError)
    return { errors: [{ message: '所选任务中有已经确认过的，未作任何更改；请刷新页面后重新勾选' }] };
  return null;
}

/**
 * The unit's lifting table posts here: `intent=keep` is 继续保留 (or 已解除) for the one task
 * named by `task`, with reason and period; otherwise 确认已解除 for every checked `taskId` at
 * once — all of them or, if one cannot be, none. Either is decided once and asked twice. One
 * action, so the table keeps one message whichever form was sent (a decided row leaves it).
 */
export async function liftingFormAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(capabilityOf('/admin/lifting')!);
  return formData.get('intent') === 'keep' ? keepTask(staff, formData) : confirmChecked(staff, formData);
}

async function keepTask(staff: Staff, formData: FormData): Promise<FormState> {
  const values = textValues(formData);
  const taskId = taskIdSchema.safeParse(Number(values.task));
  if (!taskId.success) return { errors: [{ message: '未找到该任务' }] };
  const field = (f?: string) => (f ? `task-${taskId.data}-${f}` : undefined);
  const parsed = liftingDecisionSchema.safeParse(values);
  if (!parsed.success)
    return { errors: errorsFromZod(parsed.error).map((e) => ({ ...e, field: field(e.field) })), values };
  if (!isConfirmed(formData)) return { ...NOT_CONFIRMED, values };
  try {
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
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    throw err;
  }
  revalidatePath('/admin/lifting');
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
  try {
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
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    throw err;
  }
  revalidatePath('/admin/lifting');
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
export async function sendReminderAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff('remindLifting');
  const values = textValues(formData);
  const parsed = reminderSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  if (!isConfirmed(formData)) return { ...NOT_CONFIRMED, values };
  const [unit] = await getDb()
    .select({ name: departments.name })
    .from(departments)
    .where(eq(departments.code, parsed.data.departmentCode));
  if (!unit) return { errors: [{ message: '未找到该成员单位' }], values };
  try {
    const reminder = await sendLiftingReminder(staff, parsed.data, (tx, r) =>
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
    revalidatePath('/admin/lifting');
    return {
      ok: true,
      message: `已向${unit.name}发送催办（${REMINDER_SCOPE_LABELS[reminder.scope]}，共 ${reminder.taskIds.length} 项）。`,
    };
  } catch (err) {
    if (err instanceof LiftingReminderRefusedError && err.code === 'nothing_to_remind') {
      return {
        errors: [
          { message: `${unit.name}目前没有${parsed.data.scope === 'overdue' ? '已超期' : '未确认'}的任务，无需催办` },
        ],
        values,
      };
    }
    if (err instanceof ZodError) return { errors: errorsFromZod(err), values };
    throw err;
  }
}

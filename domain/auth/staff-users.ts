/**
 * Creating, listing, disabling, resetting and re-roling staff accounts, and a user's own password
 * change. The admin CLI calls createStaffUser without a session (trusted, server-side); the
 * /admin/users page passes the administrator's request headers, and better-auth's admin plugin
 * checks the permission again. Each change by an administrator writes its audit row (db/audit.ts);
 * a reset and a role change do so in the transaction that makes them and ends the user's sessions.
 *
 * An account an administrator opens, and one whose password an administrator resets, must change
 * its password before anything else (mustChangePassword; domain/auth/staff-session.ts enforces it).
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { departments, staffAccounts, staffSessions, staffTwoFactors, staffUsers } from '@/db/schema';
import { clientKey } from '@/domain/http/rate-limit';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import { HOME_COURT, type Staff, STAFF_ROLES, staffActor, type StaffRole } from '@/lib/auth/staff-identity';
import { emailsWithBlockedSignIn, MIN_PASSWORD_LENGTH, staffAuth } from '@/domain/auth/staff';
import { ROLE_LABELS } from '@/lib/labels';
import { listCourts } from '@/domain/entries/courts';

/** Who makes a change, and the request it came in (for the client address on the audit row). */
export type ByStaff = { by: Staff; headers: Headers };

export const newStaffSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, '请填写姓名')
      .max(50, '姓名最长 50 个字符')
      .refine((s) => !hasFormatChars(s), `姓名${FORMAT_CHARS_MESSAGE}`),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email('请填写有效的电子邮箱'))
      .pipe(z.string().max(254, '电子邮箱过长')),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(128, '密码最长 128 个字符'),
    role: z.enum(STAFF_ROLES, '请选择角色'),
    departmentCode: z.string().trim().max(50).optional(),
    court: z.string().trim().max(100).optional(),
    reviewsRemovals: z.boolean().optional(),
  })
  .superRefine(roleBinding);

/** A department officer is bound to one member unit, a court clerk (optionally) to a court, no one else to either. */
function roleBinding(
  v: { role: StaffRole; departmentCode?: string; court?: string; reviewsRemovals?: boolean },
  ctx: z.RefinementCtx,
) {
  if (v.role === 'department_officer' && !v.departmentCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['departmentCode'],
      message: `${ROLE_LABELS.department_officer}须绑定一个成员单位`,
    });
  }
  if (v.role !== 'department_officer' && v.departmentCode) {
    ctx.addIssue({ code: 'custom', path: ['departmentCode'], message: '只有联动单位经办人绑定成员单位' });
  }
  if (v.role !== 'court_clerk' && v.court) {
    ctx.addIssue({ code: 'custom', path: ['court'], message: `只有${ROLE_LABELS.court_clerk}绑定法院` });
  }
  if (v.role !== 'court_clerk' && v.reviewsRemovals) {
    ctx.addIssue({
      code: 'custom',
      path: ['reviewsRemovals'],
      message: `只有${ROLE_LABELS.court_clerk}可以审核撤销、屏蔽`,
    });
  }
}
export type NewStaff = z.infer<typeof newStaffSchema>;

export class StaffUserError extends AppError {
  readonly code = 'account_refused';
  constructor(
    readonly field: 'email' | 'departmentCode' | 'court' | 'role' | 'account',
    message: string,
  ) {
    super(message);
  }
}

/** The courts a clerk may be bound to: the court directory (the `courts` table), the city court first. */
export async function courtChoices(): Promise<string[]> {
  const names = (await listCourts()).map((c) => c.name);
  return [HOME_COURT, ...names.filter((c) => c !== HOME_COURT)];
}

async function checkBinding(v: { role: StaffRole; departmentCode?: string; court?: string }): Promise<string | null> {
  if (v.departmentCode) {
    const [unit] = await getDb().select().from(departments).where(eq(departments.code, v.departmentCode));
    if (!unit?.isMemberUnit) throw new StaffUserError('departmentCode', '不是成员单位');
  }
  const court = v.role === 'court_clerk' ? (v.court ?? HOME_COURT) : null;
  if (court && !(await courtChoices()).includes(court))
    throw new StaffUserError('court', '该法院不在本平台法院名录中，请从列表中选择法院');
  return court;
}

export type CreateOptions = {
  /** The administrator opening the account (written to the audit trail); absent for the CLI and test fixtures. */
  by?: ByStaff;
  /** The audit actor when there is no administrator (the CLI: `cli:admin-create`); no audit row without one or `by`. */
  actor?: string;
  /**
   * Whether the user must change the password at first sign-in: yes unless told otherwise (an administrator
   * chose it, so it is not the user's secret). The CLI, where the person types their own password, says no.
   */
  mustChangePassword?: boolean;
};

/**
 * Creates an account (a court clerk is bound to a court, HOME_COURT unless chosen); `headers` are the administrator's
 * request headers (absent for the CLI).
 */
export async function createStaffUser(input: NewStaff, headers?: Headers, options: CreateOptions = {}) {
  const v = newStaffSchema.parse(input);
  const court = await checkBinding(v);
  const [existing] = await getDb().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, v.email));
  if (existing) throw new StaffUserError('email', '该电子邮箱已有账号');
  const mustChangePassword = options.mustChangePassword ?? true;
  const { user } = await staffAuth().api.createUser({
    body: {
      email: v.email,
      password: v.password,
      name: v.name,
      role: v.role,
      data: {
        departmentCode: v.departmentCode ?? null,
        court,
        reviewsRemovals: v.reviewsRemovals === true,
        mustChangePassword,
      },
    },
    ...(headers ? { headers } : {}),
  });
  const actor = options.by ? staffActor(options.by.by) : options.actor;
  if (actor) {
    await recordAudit({
      actor,
      clientAddress: options.by ? clientKey(options.by.headers) : null,
      action: 'account_created',
      objectType: 'staff_user',
      objectId: user.id,
      detail: {
        email: v.email,
        name: v.name,
        role: ROLE_LABELS[v.role],
        ...(v.departmentCode ? { departmentCode: v.departmentCode } : {}),
        ...(court ? { court } : {}),
        mustChangePassword,
      },
    });
  }
  return user;
}

async function accountOf(userId: string) {
  const [user] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, userId));
  if (!user) throw new StaffUserError('account', '没有该账号');
  return user;
}

/**
 * A temporary password people can read out and type: 4 groups of 4 from an alphabet without look-alikes (≈ 80 bits).
 */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * An administrator's reset: a new temporary password (returned, to be shown once), which the user must change at
 * the next sign-in; the user's sessions end. One transaction with its audit row.
 */
export async function resetStaffPassword(
  userId: string,
  { by, headers }: ByStaff,
): Promise<{ email: string; password: string }> {
  if (userId === by.id) throw new StaffUserError('account', '不能重置自己的密码，请在“我的账号”中修改');
  const user = await accountOf(userId);
  const password = temporaryPassword();
  const hash = await (await staffAuth().$context).password.hash(password);
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(staffAccounts)
      .set({ password: hash, updatedAt: new Date() })
      .where(and(eq(staffAccounts.userId, userId), eq(staffAccounts.providerId, 'credential')))
      .returning({ id: staffAccounts.id });
    if (updated.length === 0)
      await tx
        .insert(staffAccounts)
        .values({ id: crypto.randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash });
    await tx
      .update(staffUsers)
      .set({ mustChangePassword: true, updatedAt: new Date() })
      .where(eq(staffUsers.id, userId));
    await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
    await recordAudit(
      {
        actor: staffActor(by),
        clientAddress: clientKey(headers),
        action: 'password_reset',
        objectType: 'staff_user',
        objectId: userId,
        detail: { email: user.email },
      },
      tx,
    );
  });
  return { email: user.email, password };
}

/**
 * An administrator clears a user's second factor (a lost phone): the authenticator and backup
 * codes are gone, the user's sessions end, and they enrol again at the next sign-in (an
 * administrator must, before any other page). One transaction with its audit row.
 */
export async function resetStaffTotp(userId: string, { by, headers }: ByStaff): Promise<{ email: string }> {
  if (userId === by.id) throw new StaffUserError('account', '不能清除自己的动态口令，请在“我的账号”中操作');
  const user = await accountOf(userId);
  if (!user.twoFactorEnabled) throw new StaffUserError('account', '该账号未启用动态口令');
  await getDb().transaction(async (tx) => {
    await tx.delete(staffTwoFactors).where(eq(staffTwoFactors.userId, userId));
    await tx
      .update(staffUsers)
      .set({ twoFactorEnabled: false, updatedAt: new Date() })
      .where(eq(staffUsers.id, userId));
    await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
    await recordAudit(
      {
        actor: staffActor(by),
        clientAddress: clientKey(headers),
        action: 'totp_disabled',
        objectType: 'staff_user',
        objectId: userId,
        detail: { email: user.email, reason: '管理员清除（设备丢失等）' },
      },
      tx,
    );
  });
  return { email: user.email };
}

export const roleChangeSchema = z
  .object({
    role: z.enum(STAFF_ROLES, '请选择角色'),
    departmentCode: z.string().trim().max(50).optional(),
    court: z.string().trim().max(100).optional(),
    reviewsRemovals: z.boolean().optional(),
  })
  .superRefine(roleBinding);
export type RoleChange = z.infer<typeof roleChangeSchema>;

function bindingWords(u: {
  role: StaffRole;
  departmentCode?: string | null;
  court?: string | null;
  reviewsRemovals?: boolean;
}) {
  return [
    ROLE_LABELS[u.role],
    u.role === 'court_clerk' ? (u.court ?? HOME_COURT) : u.departmentCode,
    u.reviewsRemovals ? '负责审核撤销、屏蔽' : null,
  ]
    .filter(Boolean)
    .join('·');
}

/**
 * Changes an account's role (and its unit or court, as the role needs); the user's sessions end. One transaction with
 * its audit row.
 */
export async function changeStaffRole(userId: string, input: RoleChange, { by, headers }: ByStaff) {
  if (userId === by.id) throw new StaffUserError('role', '不能变更自己的角色');
  const v = roleChangeSchema.parse(input);
  const user = await accountOf(userId);
  const court = await checkBinding(v);
  const departmentCode = v.role === 'department_officer' ? v.departmentCode! : null;
  const reviewsRemovals = v.role === 'court_clerk' && v.reviewsRemovals === true;
  await getDb().transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ role: v.role, departmentCode, court, reviewsRemovals, updatedAt: new Date() })
      .where(eq(staffUsers.id, userId));
    await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
    await recordAudit(
      {
        actor: staffActor(by),
        clientAddress: clientKey(headers),
        action: 'role_changed',
        objectType: 'staff_user',
        objectId: userId,
        detail: {
          email: user.email,
          from: bindingWords(user),
          to: bindingWords({ role: v.role, departmentCode, court, reviewsRemovals }),
        },
      },
      tx,
    );
  });
  return { email: user.email, role: v.role, departmentCode, court, reviewsRemovals };
}

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, '请填写当前密码').max(128, '密码最长 128 个字符'),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(128, '新密码最长 128 个字符'),
    repeatPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与当前密码相同' });
    if (v.repeatPassword !== v.newPassword)
      ctx.addIssue({ code: 'custom', path: ['repeatPassword'], message: '两次输入的新密码不一致' });
  });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/**
 * A user's own password change (`headers`: their request, with the session): the current password is checked by
 * better-auth, the user's other sessions end, and a pending forced change is done.
 */
export async function changeOwnPassword(input: PasswordChange, { by, headers }: ByStaff) {
  const v = passwordChangeSchema.parse(input);
  // The session in use stays (the page answering this request reads it); every other one ends.
  await staffAuth().api.changePassword({
    body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
    headers,
  });
  await staffAuth().api.revokeOtherSessions({ headers });
  await getDb().transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ mustChangePassword: false, updatedAt: new Date() })
      .where(eq(staffUsers.id, by.id));
    await recordAudit(
      {
        actor: staffActor(by),
        clientAddress: clientKey(headers),
        action: 'password_changed',
        objectType: 'staff_user',
        objectId: by.id,
        detail: {},
      },
      tx,
    );
  });
}

function accountColumns() {
  return {
    id: staffUsers.id,
    name: staffUsers.name,
    email: staffUsers.email,
    role: staffUsers.role,
    banned: staffUsers.banned,
    departmentName: departments.name,
    court: staffUsers.court,
    reviewsRemovals: staffUsers.reviewsRemovals,
    departmentCode: staffUsers.departmentCode,
    mustChangePassword: staffUsers.mustChangePassword,
    twoFactorEnabled: staffUsers.twoFactorEnabled,
    createdAt: staffUsers.createdAt,
  };
}

/** Every account, with whether some client address is barred from signing in to it now. */
export async function listStaffUsers() {
  const [users, blocked] = await Promise.all([
    getDb()
      .select(accountColumns())
      .from(staffUsers)
      .leftJoin(departments, eq(departments.code, staffUsers.departmentCode))
      .orderBy(asc(staffUsers.createdAt)),
    emailsWithBlockedSignIn(),
  ]);
  return users.map((u) => ({ ...u, signInBlocked: blocked.has(u.email) }));
}

/** One account, for the administrator's account page; null when there is none. */
export async function getStaffUser(userId: string) {
  const [user] = await getDb()
    .select(accountColumns())
    .from(staffUsers)
    .leftJoin(departments, eq(departments.code, staffUsers.departmentCode))
    .where(eq(staffUsers.id, userId));
  if (!user) return null;
  return { ...user, signInBlocked: (await emailsWithBlockedSignIn()).has(user.email) };
}

/** Disables (or re-enables) an account; disabling also ends its sessions. Written to the audit trail. */
export async function setStaffDisabled(userId: string, disabled: boolean, { by, headers }: ByStaff) {
  if (userId === by.id) throw new StaffUserError('account', '不能停用自己的账号');
  const user = await accountOf(userId);
  const api = staffAuth().api;
  if (disabled) await api.banUser({ body: { userId, banReason: '管理员停用' }, headers });
  else await api.unbanUser({ body: { userId }, headers });
  await recordAudit({
    actor: staffActor(by),
    clientAddress: clientKey(headers),
    action: disabled ? 'account_disabled' : 'account_enabled',
    objectType: 'staff_user',
    objectId: userId,
    detail: { email: user.email },
  });
  return user;
}

/**
 * Creating, listing and disabling staff accounts. The admin CLI calls these without a
 * session (trusted, server-side); the /admin/users page passes the administrator's request
 * headers, and better-auth's admin plugin checks the permission again.
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { departments, entries, staffUsers } from '@/db/schema';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import { HOME_COURT } from './staff-identity';
import { emailsWithBlockedSignIn, MIN_PASSWORD_LENGTH, ROLE_LABELS, STAFF_ROLES, staffAuth } from './staff';

export const newStaffSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, '请填写姓名')
      .max(50, '姓名最长 50 个字符')
      .refine((s) => !hasFormatChars(s), `姓名${FORMAT_CHARS_MESSAGE}`),
    email: z.string().trim().toLowerCase().pipe(z.email('请填写有效的电子邮箱')).pipe(z.string().max(254, '电子邮箱过长')),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
      .max(128, '密码最长 128 个字符'),
    role: z.enum(STAFF_ROLES, '请选择角色'),
    departmentCode: z.string().trim().max(50).optional(),
    court: z.string().trim().max(100).optional(),
    reviewsRemovals: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'department_officer' && !v.departmentCode) {
      ctx.addIssue({ code: 'custom', path: ['departmentCode'], message: `${ROLE_LABELS.department_officer}须绑定一个成员单位` });
    }
    if (v.role !== 'department_officer' && v.departmentCode) {
      ctx.addIssue({ code: 'custom', path: ['departmentCode'], message: '只有联动单位经办人绑定成员单位' });
    }
    if (v.role !== 'court_clerk' && v.court) {
      ctx.addIssue({ code: 'custom', path: ['court'], message: `只有${ROLE_LABELS.court_clerk}绑定法院` });
    }
    if (v.role !== 'court_clerk' && v.reviewsRemovals) {
      ctx.addIssue({ code: 'custom', path: ['reviewsRemovals'], message: `只有${ROLE_LABELS.court_clerk}可以审核撤销、屏蔽` });
    }
  });
export type NewStaff = z.infer<typeof newStaffSchema>;

export class StaffUserError extends Error {
  constructor(
    readonly field: 'email' | 'departmentCode' | 'court',
    message: string,
  ) {
    super(message);
  }
}

/** The courts a clerk may be bound to: the city court and every court that has entries (entries name courts as free text). */
export async function courtChoices(): Promise<string[]> {
  const rows = await getDb().selectDistinct({ court: entries.court }).from(entries).orderBy(asc(entries.court));
  return [HOME_COURT, ...rows.map((r) => r.court).filter((c) => c !== HOME_COURT)];
}

/** Creates an account (a court clerk is bound to a court, HOME_COURT unless chosen); `headers` are the administrator's request headers (absent for the CLI). */
export async function createStaffUser(input: NewStaff, headers?: Headers) {
  const v = newStaffSchema.parse(input);
  if (v.departmentCode) {
    const [unit] = await getDb().select().from(departments).where(eq(departments.code, v.departmentCode));
    if (!unit?.isMemberUnit) throw new StaffUserError('departmentCode', '不是成员单位');
  }
  const court = v.role === 'court_clerk' ? (v.court ?? HOME_COURT) : null;
  if (court && !(await courtChoices()).includes(court)) throw new StaffUserError('court', '没有该法院的失信信息，请从列表中选择法院');
  const [existing] = await getDb().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, v.email));
  if (existing) throw new StaffUserError('email', '该电子邮箱已有账号');
  const { user } = await staffAuth().api.createUser({
    body: { email: v.email, password: v.password, name: v.name, role: v.role, data: { departmentCode: v.departmentCode ?? null, court, reviewsRemovals: v.reviewsRemovals === true } },
    ...(headers ? { headers } : {}),
  });
  return user;
}

/** Every account, with whether some client address is barred from signing in to it now. */
export async function listStaffUsers() {
  const [users, blocked] = await Promise.all([
    getDb()
      .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      banned: staffUsers.banned,
      departmentName: departments.name,
      court: staffUsers.court,
      createdAt: staffUsers.createdAt,
    })
    .from(staffUsers)
    .leftJoin(departments, eq(departments.code, staffUsers.departmentCode))
    .orderBy(asc(staffUsers.createdAt)),
    emailsWithBlockedSignIn(),
  ]);
  return users.map((u) => ({ ...u, signInBlocked: blocked.has(u.email) }));
}

/** Disables (or re-enables) an account; disabling also ends its sessions. */
export async function setStaffDisabled(userId: string, disabled: boolean, headers: Headers) {
  const api = staffAuth().api;
  if (disabled) await api.banUser({ body: { userId, banReason: '管理员停用' }, headers });
  else await api.unbanUser({ body: { userId }, headers });
}

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { APIError } from 'better-auth/api';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { staffAccounts, staffSessions, staffUsers } from '@/db/schema';
import { LOCKOUT_AFTER, staffAuth } from './staff';
import { createStaffUser, StaffUserError } from './staff-users';

const PASSWORD = 'correct horse battery';

function uniqueEmail(prefix: string) {
  return `${prefix}.${randomBytes(4).toString('hex')}@ks.example.cn`;
}

/** Status and body of a sign-in (a refusal from our lockout hook is thrown, not returned). */
async function signIn(email: string, password: string): Promise<{ status: number; text: () => Promise<string>; headers: Headers }> {
  try {
    return await staffAuth().api.signInEmail({ body: { email, password }, asResponse: true });
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    return { status: err.statusCode, text: async () => err.message, headers: new Headers() };
  }
}

describe('staff accounts (better-auth)', () => {
  it('stores only a password hash and signs in with the right password', async () => {
    const email = uniqueEmail('clerk');
    const user = await createStaffUser({ name: '张法官', email, password: PASSWORD, role: 'court_clerk' });
    const [account] = await getDb().select().from(staffAccounts).where(eq(staffAccounts.userId, user.id));
    expect(account!.password).toBeTruthy();
    expect(account!.password).not.toContain(PASSWORD);
    const res = await signIn(email, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/ck\.session_token=.*HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const sessions = await getDb().select().from(staffSessions).where(eq(staffSessions.userId, user.id));
    expect(sessions).toHaveLength(1);
  });

  it('rejects a wrong password with 401 and no session', async () => {
    const email = uniqueEmail('officer');
    const user = await createStaffUser({ name: '李四', email, password: PASSWORD, role: 'department_officer', departmentCode: 'org-dept' });
    const res = await signIn(email, 'wrong password!!');
    expect(res.status).toBe(401);
    expect(await getDb().select().from(staffSessions).where(eq(staffSessions.userId, user.id))).toHaveLength(0);
  });

  it(`locks the account after ${LOCKOUT_AFTER} failures, even for the right password`, async () => {
    const email = uniqueEmail('locked');
    await createStaffUser({ name: '王五', email, password: PASSWORD, role: 'credit_office' });
    for (let i = 0; i < LOCKOUT_AFTER; i++) expect((await signIn(email, `wrong-password-${i}`)).status).toBe(401);
    const [user] = await getDb().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(user!.failedSignIns).toBe(LOCKOUT_AFTER);
    expect(user!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const locked = await signIn(email, PASSWORD);
    expect(locked.status).toBe(403);
    expect(await locked.text()).toContain('锁定');
    // Once the lock expires the right password works and the count resets.
    await getDb().update(staffUsers).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(staffUsers.email, email));
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    const [after] = await getDb().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(after!.failedSignIns).toBe(0);
  });

  it('a success resets the failure count before the lock', async () => {
    const email = uniqueEmail('reset');
    await createStaffUser({ name: '赵六', email, password: PASSWORD, role: 'court_clerk' });
    for (let i = 0; i < LOCKOUT_AFTER - 1; i++) await signIn(email, 'not the password');
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    const [user] = await getDb().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(user!.failedSignIns).toBe(0);
  });

  it('refuses bad account data with a message per field and creates nothing', async () => {
    const email = uniqueEmail('bad');
    await expect(createStaffUser({ name: '', email, password: 'short', role: 'court_clerk' })).rejects.toThrow();
    await expect(createStaffUser({ name: '某人', email, password: PASSWORD, role: 'department_officer' })).rejects.toThrow(/成员单位/);
    await expect(createStaffUser({ name: '某人', email, password: PASSWORD, role: 'root' as never })).rejects.toThrow();
    expect(await getDb().select().from(staffUsers).where(eq(staffUsers.email, email))).toHaveLength(0);
  });

  it('refuses a second account with the same email', async () => {
    const email = uniqueEmail('dup');
    await createStaffUser({ name: '甲', email, password: PASSWORD, role: 'court_clerk' });
    await expect(createStaffUser({ name: '乙', email: email.toUpperCase(), password: PASSWORD, role: 'court_clerk' })).rejects.toThrow(StaffUserError);
  });

  it('a disabled account cannot sign in', async () => {
    const email = uniqueEmail('banned');
    const user = await createStaffUser({ name: '丙', email, password: PASSWORD, role: 'court_clerk' });
    await getDb().update(staffUsers).set({ banned: true }).where(eq(staffUsers.id, user.id));
    expect((await signIn(email, PASSWORD)).status).toBe(403);
  });
});

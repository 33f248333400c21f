/**
 * Account security against the real Postgres (issue 11 part 9): the forced password change flag,
 * an administrator's reset and role change (sessions end, one transaction with the audit row),
 * the own password change, TOTP with better-auth's two-factor plugin (sign-in asks for the code;
 * wrong codes are limited per address and account), and an audit row for every one of these and
 * for every sign-in, refused ones included (the email tried, never the password).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { APIError } from 'better-auth/api';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, staffSessions, staffTwoFactors, staffUsers } from '@/db/schema';
import { CLI_ACTOR } from '@/lib/actors';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { LIMITS } from '@/domain/http/rate-limit';
import { staffAuth } from '@/domain/auth/staff';
import type { Staff } from '@/lib/auth/staff-identity';
import { pendingStep } from '@/domain/auth/staff-session';
import {
  changeOwnPassword,
  changeStaffRole,
  createStaffUser,
  resetStaffPassword,
  resetStaffTotp,
  setStaffDisabled,
  StaffUserError,
} from '@/domain/auth/staff-users';

const PASSWORD = 'correct horse battery';
const api = () => staffAuth().api;

function uniqueEmail(prefix: string) {
  return `${prefix}.${randomBytes(4).toString('hex')}@ks.example.cn`;
}
function uniqueAddress() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

async function newStaff(role: Staff['role'], options: { mustChangePassword?: boolean } = {}): Promise<Staff> {
  const email = uniqueEmail(role);
  const user = await createStaffUser(
    {
      name: `测试${role}`,
      email,
      password: PASSWORD,
      role,
      ...(role === 'department_officer' ? { departmentCode: 'org-dept' } : {}),
    },
    undefined,
    { mustChangePassword: options.mustChangePassword ?? false },
  );
  return {
    id: user.id,
    name: user.name,
    email,
    role,
    departmentCode: role === 'department_officer' ? 'org-dept' : null,
    court: null,
    reviewsRemovals: false,
  };
}

/** The Cookie header a browser would send back after these Set-Cookie headers. */
function cookiesFrom(headers: Headers, previous = ''): string {
  const jar = new Map(previous ? previous.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
  for (const c of headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    const [name, value] = [pair!.slice(0, i), pair!.slice(i + 1)];
    if (/max-age=0/i.test(c) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

type Attempt = { status: number; code?: string; body?: Record<string, unknown>; cookie: string };

async function attempt(
  call: () => Promise<{ headers: Headers; response: unknown }>,
  previousCookie = '',
): Promise<Attempt> {
  try {
    const { headers, response } = await call();
    return { status: 200, body: response as Record<string, unknown>, cookie: cookiesFrom(headers, previousCookie) };
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    return { status: err.statusCode, code: err.body?.code, cookie: previousCookie };
  }
}

function signIn(email: string, password: string, address = uniqueAddress()) {
  return attempt(() =>
    api().signInEmail({
      body: { email, password },
      headers: new Headers({ [CLIENT_ADDRESS_HEADER]: address }),
      returnHeaders: true,
    }),
  );
}

function verifyCode(code: string, cookie: string, address: string) {
  return attempt(
    () =>
      api().verifyTOTP({
        body: { code },
        headers: new Headers({ cookie, [CLIENT_ADDRESS_HEADER]: address }),
        returnHeaders: true,
      }),
    cookie,
  );
}

function totp(secret: string, at = Date.now()) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

/** A code the secret does not give now (nor 30 s either side). */
function wrongCode(secret: string) {
  const near = new Set([-30_000, 0, 30_000].map((d) => totp(secret, Date.now() + d)));
  let code = '000000';
  while (near.has(code)) code = String(randomInt(1_000_000)).padStart(6, '0');
  return code;
}

/** Enrols TOTP for a signed-in account, as the account page does; returns the secret and the session's cookie. */
async function enrol(email: string) {
  const address = uniqueAddress();
  const signedIn = await signIn(email, PASSWORD, address);
  expect(signedIn.status).toBe(200);
  const headers = new Headers({ cookie: signedIn.cookie, [CLIENT_ADDRESS_HEADER]: address });
  const enabled = await api().enableTwoFactor({ body: { password: PASSWORD, method: 'totp' }, headers });
  if (enabled.method !== 'totp') throw new Error('no totp');
  expect(enabled.backupCodes.length).toBeGreaterThan(0);
  const secret = OTPAuth.URI.parse(enabled.totpURI).secret.base32;
  const verified = await verifyCode(totp(secret), signedIn.cookie, address);
  expect(verified.status).toBe(200);
  return secret;
}

async function auditOf(objectOrActor: { objectId?: string; actor?: string }, since = 0) {
  return getDb()
    .select()
    .from(auditLog)
    .where(
      and(
        gt(auditLog.id, since),
        objectOrActor.objectId ? eq(auditLog.objectId, objectOrActor.objectId) : undefined,
        objectOrActor.actor ? eq(auditLog.actor, objectOrActor.actor) : undefined,
      ),
    )
    .orderBy(auditLog.id);
}

async function lastAuditId() {
  const [row] = await getDb().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

const adminHeaders = (admin: Staff) => ({ by: admin, headers: new Headers({ [CLIENT_ADDRESS_HEADER]: '192.0.2.7' }) });

async function sessionsOf(userId: string) {
  return getDb().select().from(staffSessions).where(eq(staffSessions.userId, userId));
}

describe('forced password change', () => {
  it('an account is flagged unless told otherwise; the flag is the pending step, before TOTP', async () => {
    const flagged = await createStaffUser({
      name: '新人',
      email: uniqueEmail('new'),
      password: PASSWORD,
      role: 'credit_office',
    });
    const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, flagged.id));
    expect(row!.mustChangePassword).toBe(true);
    expect(pendingStep({ role: 'credit_office', mustChangePassword: true, twoFactorEnabled: false })).toBe('password');
    expect(pendingStep({ role: 'admin', mustChangePassword: true, twoFactorEnabled: false })).toBe('password');
    expect(pendingStep({ role: 'admin', mustChangePassword: false, twoFactorEnabled: false })).toBe('totp');
    expect(pendingStep({ role: 'admin', mustChangePassword: false, twoFactorEnabled: true })).toBeNull();
    expect(pendingStep({ role: 'court_clerk', mustChangePassword: false, twoFactorEnabled: false })).toBeNull();
    const chosen = await newStaff('court_clerk');
    const [own] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, chosen.id));
    expect(own!.mustChangePassword).toBe(false);
  });

  it('an account opened by an administrator or the CLI is audited with who, what and the flag', async () => {
    const admin = await newStaff('admin');
    const email = uniqueEmail('opened');
    const user = await createStaffUser({ name: '王五', email, password: PASSWORD, role: 'court_clerk' }, undefined, {
      by: adminHeaders(admin),
    });
    const [row] = await auditOf({ objectId: user.id });
    expect(row).toMatchObject({
      actor: `staff:${admin.email}`,
      action: 'account_created',
      clientAddress: '192.0.2.7',
      objectType: 'staff_user',
    });
    expect(row!.detail).toMatchObject({
      email,
      role: '法院执行干警',
      court: '昆山市人民法院',
      mustChangePassword: true,
    });
    expect(JSON.stringify(row!.detail)).not.toContain(PASSWORD);
    const cli = await createStaffUser(
      { name: '管理员', email: uniqueEmail('cli'), password: PASSWORD, role: 'admin' },
      undefined,
      { actor: CLI_ACTOR, mustChangePassword: false },
    );
    expect((await auditOf({ objectId: cli.id }))[0]).toMatchObject({ actor: CLI_ACTOR, action: 'account_created' });
  });

  it(
    'the own change: needs the current password, refuses the same one, clears the flag, ends the other' +
      ' sessions, is audited',
    async () => {
      const user = await newStaff('credit_office', { mustChangePassword: true });
      const here = await signIn(user.email, PASSWORD);
      const elsewhere = await signIn(user.email, PASSWORD);
      expect(here.status).toBe(200);
      expect(elsewhere.status).toBe(200);
      const by = { by: user, headers: new Headers({ cookie: here.cookie }) };

      await expect(
        changeOwnPassword({ currentPassword: PASSWORD, newPassword: PASSWORD, repeatPassword: PASSWORD }, by),
      ).rejects.toThrow('新密码不能与当前密码相同');
      await expect(
        changeOwnPassword({ currentPassword: PASSWORD, newPassword: 'short', repeatPassword: 'short' }, by),
      ).rejects.toThrow('至少 12 个字符');
      await expect(
        changeOwnPassword(
          {
            currentPassword: 'not my password',
            newPassword: 'a brand new password',
            repeatPassword: 'a brand new password',
          },
          by,
        ),
      ).rejects.toBeInstanceOf(APIError);
      expect((await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id)))[0]!.mustChangePassword).toBe(
        true,
      );

      const since = await lastAuditId();
      await changeOwnPassword(
        { currentPassword: PASSWORD, newPassword: 'a brand new password', repeatPassword: 'a brand new password' },
        by,
      );
      expect((await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id)))[0]!.mustChangePassword).toBe(
        false,
      );
      const sessions = await sessionsOf(user.id);
      expect(sessions).toHaveLength(1); // this one; the one elsewhere ended
      expect(here.cookie).toContain(sessions[0]!.token);
      expect((await signIn(user.email, PASSWORD)).status).toBe(401);
      expect((await signIn(user.email, 'a brand new password')).status).toBe(200);
      const rows = (await auditOf({ objectId: user.id }, since)).filter((r) => r.action === 'password_changed');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.actor).toBe(`staff:${user.email}`);
    },
  );
});

describe('administrator: reset, role change, disable', () => {
  it(
    'a reset sets a temporary password shown once, flags the account, ends its sessions, in one transaction' +
      ' with its audit row',
    async () => {
      const admin = await newStaff('admin');
      const user = await newStaff('court_clerk');
      expect((await signIn(user.email, PASSWORD)).status).toBe(200);
      expect(await sessionsOf(user.id)).toHaveLength(1);
      const { password } = await resetStaffPassword(user.id, adminHeaders(admin));
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(await sessionsOf(user.id)).toHaveLength(0);
      expect((await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id)))[0]!.mustChangePassword).toBe(
        true,
      );
      expect((await signIn(user.email, PASSWORD)).status).toBe(401);
      expect((await signIn(user.email, password)).status).toBe(200);
      const [row] = (await auditOf({ objectId: user.id })).filter((r) => r.action === 'password_reset');
      expect(row).toMatchObject({
        actor: `staff:${admin.email}`,
        clientAddress: '192.0.2.7',
        detail: { email: user.email },
      });
      expect(JSON.stringify(row!.detail)).not.toContain(password);
      await expect(resetStaffPassword(admin.id, adminHeaders(admin))).rejects.toBeInstanceOf(StaffUserError);
    },
  );

  it('a role change binds the unit or court the role needs, ends the sessions and records from → to', async () => {
    const admin = await newStaff('admin');
    const user = await newStaff('court_clerk');
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    await expect(changeStaffRole(user.id, { role: 'department_officer' }, adminHeaders(admin))).rejects.toThrow(
      '须绑定一个成员单位',
    );
    await expect(
      changeStaffRole(user.id, { role: 'credit_office', court: '昆山市人民法院' }, adminHeaders(admin)),
    ).rejects.toThrow('只有法院执行干警绑定法院');
    await expect(
      changeStaffRole(user.id, { role: 'department_officer', departmentCode: 'no-such-unit' }, adminHeaders(admin)),
    ).rejects.toThrow('不是成员单位');
    expect(await sessionsOf(user.id)).toHaveLength(1); // refused changes change nothing

    await changeStaffRole(user.id, { role: 'department_officer', departmentCode: 'org-dept' }, adminHeaders(admin));
    const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row).toMatchObject({ role: 'department_officer', departmentCode: 'org-dept', court: null });
    expect(await sessionsOf(user.id)).toHaveLength(0);
    const [audit] = (await auditOf({ objectId: user.id })).filter((r) => r.action === 'role_changed');
    expect(audit!.detail).toMatchObject({ from: '法院执行干警·昆山市人民法院', to: '联动单位经办人·org-dept' });
    await expect(changeStaffRole(admin.id, { role: 'credit_office' }, adminHeaders(admin))).rejects.toThrow(
      '不能变更自己的角色',
    );
  });

  it('disabling and enabling are audited; an administrator cannot disable themselves', async () => {
    const adminUser = await newStaff('admin');
    const user = await newStaff('credit_office');
    // better-auth's admin plugin checks the administrator's own session.
    const adminSignIn = await signIn(adminUser.email, PASSWORD);
    const by = { by: adminUser, headers: new Headers({ cookie: adminSignIn.cookie }) };
    await setStaffDisabled(user.id, true, by);
    expect((await signIn(user.email, PASSWORD)).status).toBe(403);
    await setStaffDisabled(user.id, false, by);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await auditOf({ objectId: user.id })).map((r) => r.action).filter((a) => a.startsWith('account_'))).toEqual(
      ['account_disabled', 'account_enabled'],
    );
    await expect(setStaffDisabled(adminUser.id, true, by)).rejects.toThrow('不能停用自己的账号');
  });
});

describe('sign-in audit', () => {
  it(
    'records a success, a wrong password (the email tried, no password), an unknown email and a blocked' + ' attempt',
    async () => {
      const user = await newStaff('court_clerk');
      const address = uniqueAddress();
      const since = await lastAuditId();
      expect((await signIn(user.email, PASSWORD, address)).status).toBe(200);
      expect((await signIn(user.email, 'wrong password 1', address)).status).toBe(401);
      const stranger = uniqueEmail('nobody');
      expect((await signIn(stranger, 'wrong password 2', address)).status).toBe(401);
      for (let i = 0; i < LIMITS.signInPerClientAccount.points; i++) await signIn(stranger, `wrong ${i}`, address);
      expect((await signIn(stranger, 'wrong again', address)).status).toBe(429);

      const mine = await auditOf({ actor: `staff:${user.email}` }, since);
      expect(mine.map((r) => [r.action, r.clientAddress])).toEqual([
        ['sign_in', address],
        ['sign_in_refused', address],
      ]);
      expect(mine[0]!.objectId).toBe(user.id);
      expect(mine[1]!.detail).toEqual({ email: user.email, reason: '电子邮箱或密码不正确' });
      const theirs = await auditOf({ actor: `staff:${stranger}` }, since);
      expect(theirs.every((r) => r.action === 'sign_in_refused')).toBe(true);
      expect(theirs.at(-1)!.detail).toMatchObject({ reason: '尝试次数过多，暂停登录' });
      const all = await auditOf({}, since);
      for (const r of all) expect(JSON.stringify(r.detail)).not.toMatch(/wrong|correct horse/);
    },
  );
});

describe('TOTP (better-auth two-factor plugin)', () => {
  it(
    'enrolment needs a verified code; then sign-in asks for the code, a wrong one is refused and audited, the' +
      ' right one signs in',
    async () => {
      const user = await newStaff('admin');
      const secret = await enrol(user.email);
      const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id));
      expect(row!.twoFactorEnabled).toBe(true);
      const [factor] = await getDb().select().from(staffTwoFactors).where(eq(staffTwoFactors.userId, user.id));
      expect(factor!.verified).toBe(true);
      expect(factor!.secret).not.toContain(secret); // stored encrypted

      const address = uniqueAddress();
      const since = await lastAuditId();
      const pending = await signIn(user.email, PASSWORD, address);
      expect(pending.status).toBe(200);
      expect(pending.body).toMatchObject({ twoFactorRedirect: true });
      expect(pending.cookie).not.toContain('session_token'); // no session before the code
      const before = (await sessionsOf(user.id)).length;

      const wrong = await verifyCode(wrongCode(secret), pending.cookie, address);
      expect(wrong.status).toBe(401);
      expect(await sessionsOf(user.id)).toHaveLength(before);
      const right = await verifyCode(totp(secret), pending.cookie, address);
      expect(right.status).toBe(200);
      expect(right.cookie).toContain('session_token');
      expect(await sessionsOf(user.id)).toHaveLength(before + 1);

      const rows = await auditOf({ actor: `staff:${user.email}` }, since);
      expect(rows.map((r) => [r.action, r.detail.reason ?? r.detail.secondFactor])).toEqual([
        ['sign_in_refused', '动态口令不正确'],
        ['sign_in', '动态口令'],
      ]);
    },
  );

  it(
    'wrong codes count per address and account across challenges: after 5 even the right code waits; another' +
      ' address is not kept out',
    async () => {
      const user = await newStaff('credit_office');
      const secret = await enrol(user.email);
      const address = uniqueAddress();
      let pending = await signIn(user.email, PASSWORD, address);
      for (let i = 0; i < 3; i++)
        expect((await verifyCode(wrongCode(secret), pending.cookie, address)).status).toBe(401);
      pending = await signIn(user.email, PASSWORD, address); // a new challenge does not reset the count
      for (let i = 0; i < 2; i++)
        expect((await verifyCode(wrongCode(secret), pending.cookie, address)).status).toBe(401);
      const blocked = await verifyCode(totp(secret), pending.cookie, address);
      expect(blocked.status).toBe(429);
      expect(blocked.code).toBe('TOO_MANY_ATTEMPTS');

      const elsewhere = uniqueAddress();
      const fresh = await signIn(user.email, PASSWORD, elsewhere);
      expect((await verifyCode(totp(secret), fresh.cookie, elsewhere)).status).toBe(200);
    },
  );
});

describe('an administrator clears a lost second factor', () => {
  it(
    'the authenticator and backup codes are gone, sessions end, the next sign-in needs no code; audited; not' +
      ' one’s own, not twice',
    async () => {
      const admin = await newStaff('admin');
      const user = await newStaff('credit_office');
      await enrol(user.email);
      await signIn(user.email, PASSWORD, uniqueAddress());
      const since = await lastAuditId();
      await expect(resetStaffTotp(admin.id, adminHeaders(admin))).rejects.toBeInstanceOf(StaffUserError);
      await resetStaffTotp(user.id, adminHeaders(admin));
      const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, user.id));
      expect(row!.twoFactorEnabled).toBe(false);
      expect(await getDb().select().from(staffTwoFactors).where(eq(staffTwoFactors.userId, user.id))).toHaveLength(0);
      expect(await sessionsOf(user.id)).toHaveLength(0);
      const again = await signIn(user.email, PASSWORD, uniqueAddress());
      expect(again.body).not.toMatchObject({ twoFactorRedirect: true });
      expect(again.cookie).toContain('session_token');
      expect(
        (await auditOf({ objectId: user.id }, since)).filter((r) => r.action === 'totp_disabled').map((r) => r.actor),
      ).toEqual([`staff:${admin.email}`]);
      await expect(resetStaffTotp(user.id, adminHeaders(admin))).rejects.toThrow('该账号未启用动态口令');
    },
  );
});

describe('the audit trail is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const user = await newStaff('court_clerk');
    await signIn(user.email, PASSWORD);
    const [row] = await auditOf({ actor: `staff:${user.email}` });
    await expect(
      getDb().update(auditLog).set({ action: 'sign_out' }).where(eq(auditLog.id, row!.id)),
    ).rejects.toThrow();
    await expect(getDb().delete(auditLog).where(eq(auditLog.id, row!.id))).rejects.toThrow();
    await expect(getDb().execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    expect((await auditOf({ actor: `staff:${user.email}` }))[0]).toEqual(row);
  });
});

/**
 * Staff sign-in with better-auth: scrypt password hashes, database sessions in an
 * HttpOnly SameSite=Lax cookie, the admin plugin for roles, creating and disabling
 * accounts. We add the lockout (LOCKOUT_AFTER failures lock the account for LOCKOUT_MINUTES)
 * in the sign-in hooks, so it holds for every caller of the sign-in endpoint.
 *
 * better-auth's HTTP handler is not mounted: staff pages call `staffAuth().api.*` from
 * Server Components and Server Actions (Next.js rejects a cross-origin action, which is the
 * CSRF defence), so there is no public sign-up or JSON auth endpoint to defend.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffAccounts, staffSessions, staffUsers, staffVerifications } from '@/db/schema';

export const STAFF_ROLES = ['admin', 'court_clerk', 'credit_office', 'department_officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '系统管理员',
  court_clerk: '法院执行干警',
  credit_office: '信用办工作人员',
  department_officer: '联动单位经办人',
};

export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 12;

const ac = createAccessControl(defaultStatements);
const roles = {
  admin: adminAc,
  // The other roles get no account-management permission; what they may do on the
  // platform is decided by lib/auth/staff-session.ts.
  court_clerk: ac.newRole({}),
  credit_office: ac.newRole({}),
  department_officer: ac.newRole({}),
};

const SIGN_IN_PATH = '/sign-in/email';

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}

/** Refuses a sign-in while the account is locked, before the password is even checked. */
const refuseLocked = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const [user] = await getDb()
    .select({ lockedUntil: staffUsers.lockedUntil })
    .from(staffUsers)
    .where(eq(staffUsers.email, email));
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    throw new APIError('FORBIDDEN', { code: 'ACCOUNT_LOCKED', message: `连续登录失败次数过多，账号已锁定 ${LOCKOUT_MINUTES} 分钟` });
  }
});

/** Counts a failed password and locks the account at LOCKOUT_AFTER; a success resets the count. */
const countFailures = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const failed = ctx.context.returned instanceof APIError && ctx.context.returned.statusCode === 401;
  if (failed) {
    await getDb()
      .update(staffUsers)
      .set({
        failedSignIns: sql`${staffUsers.failedSignIns} + 1`,
        lockedUntil: sql`CASE WHEN ${staffUsers.failedSignIns} + 1 >= ${LOCKOUT_AFTER}
          THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}) ELSE ${staffUsers.lockedUntil} END`,
      })
      .where(eq(staffUsers.email, email));
  } else if (!(ctx.context.returned instanceof APIError)) {
    await getDb().update(staffUsers).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.email, email));
  }
});

function createStaffAuth(db: ReturnType<typeof getDb>) {
  return betterAuth({
    appName: '诚信昆山',
    secret: process.env.BETTER_AUTH_SECRET,
    baseURL: process.env.SITE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: staffUsers, session: staffSessions, account: staffAccounts, verification: staffVerifications },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // administrators create accounts
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
    },
    session: {
      expiresIn: 8 * 60 * 60, // one working day
      updateAge: 60 * 60,
    },
    user: {
      additionalFields: {
        departmentCode: { type: 'string', required: false, input: false },
      },
    },
    advanced: {
      cookiePrefix: 'ck',
      useSecureCookies: process.env.SITE_URL?.startsWith('https://') ?? false,
    },
    hooks: { before: refuseLocked, after: countFailures },
    plugins: [
      admin({ ac, roles, adminRoles: ['admin'], defaultRole: 'court_clerk', bannedUserMessage: '该账号已停用' }),
      nextCookies(), // must stay last: sets cookies from Server Actions
    ],
  });
}

type StaffAuth = ReturnType<typeof createStaffAuth>;
const globalForAuth = globalThis as unknown as { ckStaffAuth?: { db: ReturnType<typeof getDb>; auth: StaffAuth } };

/** One instance per database pool (a CLI or test that closes the pool gets a fresh one after). */
export function staffAuth(): StaffAuth {
  const db = getDb();
  if (globalForAuth.ckStaffAuth?.db !== db) globalForAuth.ckStaffAuth = { db, auth: createStaffAuth(db) };
  return globalForAuth.ckStaffAuth.auth;
}

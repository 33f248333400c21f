/**
 * Staff sign-in with better-auth: scrypt password hashes, database sessions in an
 * HttpOnly SameSite=Lax cookie, the admin plugin for roles, creating and disabling
 * accounts. We add the sign-in limits in the sign-in hooks, so they hold for every caller of the
 * sign-in endpoint: wrong passwords count per (client address, account), for 15 minutes and for a
 * day, and per address across accounts (the numbers are LIMITS.signIn* in
 * lib/rate-limit.ts). A stranger elsewhere cannot lock a user out, and an unknown email
 * is counted and refused exactly like a real account (better-auth hashes the password for an unknown
 * email too, so the time taken tells nothing either).
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
import { getDb } from '@/db/client';
import { STAFF_ROLES } from './staff-identity';
import { staffAccounts, staffSessions, staffUsers, staffVerifications } from '@/db/schema';
import { blockedFor, blockIfUsedUp, clientKey, consume, forget, LIMITS, reward, usedUpKeys, type Limit } from '@/lib/rate-limit';

// Roles and their labels live in ./staff-identity (no better-auth imports, so db code and labels can use them).
export { ROLE_LABELS, STAFF_ROLES, type StaffRole } from './staff-identity';

/** Wrong passwords from one address for one account before that pair waits LOCKOUT_MINUTES (lib/rate-limit.ts). */
export const LOCKOUT_AFTER = LIMITS.signInPerClientAccount.points;
export const LOCKOUT_MINUTES = LIMITS.signInPerClientAccount.blockDuration / 60;
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

/**
 * The limits a sign-in attempt counts against: per (client address, account) for 15 minutes and for a day, and per
 * address across accounts. Nothing here depends on whether the account exists.
 */
function signInLimits(headers: Headers | undefined, email: string) {
  const address = clientKey(headers ?? new Headers());
  const pair = `${address}|${email}`; // an address holds no "|"
  return {
    pair: [
      { limit: LIMITS.signInPerClientAccount, key: pair },
      { limit: LIMITS.signInPerClientAccountDay, key: pair },
    ],
    client: { limit: LIMITS.signInPerClient, key: address },
  };
}

type Counter = { limit: Limit; key: string };

async function waitFor(counters: Counter[]): Promise<number> {
  return Math.max(...(await Promise.all(counters.map(({ limit, key }) => blockedFor(limit, key)))));
}

function tooManyAttempts(ms: number) {
  const minutes = Math.ceil(ms / 60_000);
  const wait = minutes < 60 ? `${minutes} 分钟` : `${Math.ceil(minutes / 60)} 小时`;
  return new APIError('TOO_MANY_REQUESTS', { code: 'TOO_MANY_ATTEMPTS', message: `登录失败次数过多，请 ${wait}后再试` });
}

/**
 * Refuses a blocked attempt before the password is checked; otherwise counts it, atomically, so parallel guesses
 * cannot all slip past the check (the after hook gives the point back unless the password was wrong).
 */
const countAttempt = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const { pair, client } = signInLimits(ctx.headers, email);
  const all = [...pair, client];
  let wait = await waitFor(all);
  if (wait === 0) {
    const taken = await Promise.all(all.map(({ limit, key }) => consume(limit, key)));
    if (!taken.includes(false)) return;
    wait = await waitFor(all); // a parallel attempt used up a limit first
  }
  throw tooManyAttempts(wait);
});

/** A wrong password keeps its point and blocks a used-up limit; anything else resets the (address, account) count. */
const settleAttempt = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = emailOf(ctx.body);
  if (!email) return;
  const { pair, client } = signInLimits(ctx.headers, email);
  const returned = ctx.context.returned;
  if (returned instanceof APIError && returned.statusCode === 401) {
    await Promise.all([...pair, client].map(({ limit, key }) => blockIfUsedUp(limit, key)));
  } else {
    await Promise.all([...pair.map(({ limit, key }) => forget(limit, key)), reward(client.limit, client.key)]);
  }
});

/** Emails some client address may not sign in to now, for the administrator's account list. */
export async function emailsWithBlockedSignIn(): Promise<Set<string>> {
  const keys = await Promise.all([usedUpKeys(LIMITS.signInPerClientAccount), usedUpKeys(LIMITS.signInPerClientAccountDay)]);
  return new Set(keys.flat().map((k) => k.slice(k.indexOf('|') + 1)));
}

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
        court: { type: 'string', required: false, input: false },
        reviewsRemovals: { type: 'boolean', required: false, input: false, defaultValue: false },
      },
    },
    advanced: {
      cookiePrefix: 'ck',
      useSecureCookies: process.env.SITE_URL?.startsWith('https://') ?? false,
    },
    hooks: { before: countAttempt, after: settleAttempt },
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

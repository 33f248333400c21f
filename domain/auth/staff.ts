/**
 * Staff sign-in with better-auth: scrypt password hashes, database sessions in an
 * HttpOnly SameSite=Lax cookie, the admin plugin for roles, creating and disabling
 * accounts. We add the sign-in limits in the sign-in hooks, so they hold for every caller of the
 * sign-in endpoint: wrong passwords count per (client address, account), for 15 minutes and for a
 * day, and per address across accounts (the numbers are LIMITS.signIn* in
 * domain/http/rate-limit.ts). A stranger elsewhere cannot lock a user out, and an unknown email
 * is counted and refused exactly like a real account (better-auth hashes the password for an unknown
 * email too, so the time taken tells nothing either).
 *
 * The two-factor plugin adds TOTP (an authenticator app, RFC 6238) with backup codes: a
 * sign-in of an account that has it enabled ends with a short-lived two-factor cookie instead of
 * a session, and the code is checked by /two-factor/verify-totp (or verify-backup-code). Wrong
 * codes count against limits of their own per (client address, account), like passwords, and
 * against the address's sign-in limit; the plugin also locks the second factor after 10 wrong
 * codes in a row (15 minutes) and each challenge after 5.
 *
 * The hooks also write the audit trail (db/audit.ts) of every sign-in: success, and refusal with
 * the email tried and the reason (never the password).
 *
 * better-auth's HTTP handler is not mounted: staff pages call `staffAuth().api.*` from
 * Server Components and Server Actions (Next.js rejects a cross-origin action, which is the
 * CSRF defence), so there is no public sign-up or JSON auth endpoint to defend.
 */
import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { recordAudit, type AuditRecord } from '@/db/audit';
import { getDb } from '@/db/client';
import { scrubText } from '@/lib/disclosure';
import { staffAccounts, staffSessions, staffTwoFactors, staffUsers, staffVerifications } from '@/db/schema';
import {
  blockedFor,
  blockIfUsedUp,
  clientKey,
  consume,
  forget,
  LIMITS,
  reward,
  usedUpKeys,
  type Limit,
} from '@/domain/http/rate-limit';

// Roles and their labels live in ./staff-identity (no better-auth imports, so db code and labels can use them).

/**
 * Wrong passwords from one address for one account before that pair waits LOCKOUT_MINUTES (domain/http/rate-limit.ts).
 */
export const LOCKOUT_AFTER = LIMITS.signInPerClientAccount.points;
export const LOCKOUT_MINUTES = LIMITS.signInPerClientAccount.blockDuration / 60;
export const MIN_PASSWORD_LENGTH = 12;

const ac = createAccessControl(defaultStatements);
const roles = {
  admin: adminAc,
  // The other roles get no account-management permission; what they may do on the
  // platform is decided by domain/auth/staff-session.ts.
  court_clerk: ac.newRole({}),
  credit_office: ac.newRole({}),
  department_officer: ac.newRole({}),
};

const SIGN_IN_PATH = '/sign-in/email';
/** The plugin's endpoints that check a second-factor code (at sign-in, and when enrolling an authenticator). */
const CODE_PATHS = new Set(['/two-factor/verify-totp', '/two-factor/verify-backup-code']);
/** The issuer an authenticator app shows beside the account. */
export const TOTP_ISSUER = '诚信昆山';

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}

/**
 * The limits a sign-in attempt counts against: per (client address, account) for 15 minutes and for a day, and per
 * address across accounts. Nothing here depends on whether the account exists. A second-factor code counts against
 * limits of its own per (address, account id) and against the same per-address limit.
 */
function signInLimits(headers: Headers | undefined, account: string, kind: 'password' | 'code' = 'password') {
  const address = clientKey(headers ?? new Headers());
  const pair = `${address}|${account}`; // an address holds no "|"
  const [short, day] =
    kind === 'password'
      ? [LIMITS.signInPerClientAccount, LIMITS.signInPerClientAccountDay]
      : [LIMITS.codePerClientAccount, LIMITS.codePerClientAccountDay];
  return {
    address,
    pair: [
      { limit: short, key: pair },
      { limit: day, key: pair },
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
  return new APIError('TOO_MANY_REQUESTS', {
    code: 'TOO_MANY_ATTEMPTS',
    message: `登录失败次数过多，请 ${wait}后再试`,
  });
}

/**
 * The account a second-factor code is for: the signed-in user's (enrolment) or the pending sign-in's (the two-factor
 * cookie), as the plugin decides.
 */
type CodeAccount = { id: string; email: string; signingIn: boolean };
const codeAccounts = new WeakMap<object, CodeAccount | null>();

async function codeAccount(
  ctx: Parameters<Parameters<typeof createAuthMiddleware>[0]>[0],
): Promise<CodeAccount | null> {
  if (codeAccounts.has(ctx.context)) return codeAccounts.get(ctx.context)!;
  let found: CodeAccount | null = null;
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) found = { id: session.user.id, email: session.user.email, signingIn: false };
  else {
    const pending = await ctx.getSignedCookie(ctx.context.createAuthCookie('two_factor').name, ctx.context.secret);
    const verification = pending ? await ctx.context.internalAdapter.findVerificationValue(pending) : null;
    const user = verification ? await ctx.context.internalAdapter.findUserById(verification.value) : null;
    if (user) found = { id: user.id, email: user.email, signingIn: true };
  }
  codeAccounts.set(ctx.context, found);
  return found;
}

async function audit(headers: Headers | undefined, record: Omit<AuditRecord, 'clientAddress'>) {
  await recordAudit({ ...record, clientAddress: clientKey(headers ?? new Headers()) });
}

/**
 * How a sign-in audit row names the person: the account's actor code (staff-identity staffActor), for an unknown email
 * too.
 */
function signInActor(email: string) {
  return `staff:${scrubText(email)}`;
}

/** Which attempt this request is, and the limits it counts against (null: not a sign-in or code attempt). */
async function attemptOf(ctx: Parameters<Parameters<typeof createAuthMiddleware>[0]>[0]) {
  if (ctx.path === SIGN_IN_PATH) {
    const email = emailOf(ctx.body);
    return email ? { email, ...signInLimits(ctx.headers, email) } : null;
  }
  if (CODE_PATHS.has(ctx.path)) {
    const account = await codeAccount(ctx);
    return account ? { email: account.email, account, ...signInLimits(ctx.headers, account.id, 'code') } : null;
  }
  return null;
}

/**
 * Refuses a blocked attempt before the password or code is checked; otherwise counts it, atomically, so parallel
 * guesses cannot all slip past the check (the after hook gives the point back unless the password was wrong).
 */
const countAttempt = createAuthMiddleware(async (ctx) => {
  const attempt = await attemptOf(ctx);
  if (!attempt) return;
  const { pair, client } = attempt;
  const all = [...pair, client];
  let wait = await waitFor(all);
  if (wait === 0) {
    const taken = await Promise.all(all.map(({ limit, key }) => consume(limit, key)));
    if (!taken.includes(false)) return;
    wait = await waitFor(all); // a parallel attempt used up a limit first
  }
  if (!('account' in attempt) || attempt.account?.signingIn) {
    await audit(ctx.headers, {
      actor: signInActor(attempt.email),
      action: 'sign_in_refused',
      detail: { email: scrubText(attempt.email), reason: '尝试次数过多，暂停登录' },
    });
  }
  throw tooManyAttempts(wait);
});

/**
 * A wrong password or code keeps its point and blocks a used-up limit; anything else resets the (address, account)
 * count. Every sign-in's outcome is written to the audit trail: a password accepted for an account with a second
 * factor is not a sign-in yet (the plugin's hook, which runs after this one, asks for the code).
 */
const settleAttempt = createAuthMiddleware(async (ctx) => {
  const attempt = await attemptOf(ctx);
  if (!attempt) return;
  const { pair, client } = attempt;
  const returned = ctx.context.returned;
  const refused = returned instanceof APIError;
  if (refused && returned.statusCode === 401) {
    await Promise.all([...pair, client].map(({ limit, key }) => blockIfUsedUp(limit, key)));
  } else {
    await Promise.all([...pair.map(({ limit, key }) => forget(limit, key)), reward(client.limit, client.key)]);
  }
  const actor = signInActor(attempt.email);
  if (ctx.path === SIGN_IN_PATH) {
    if (refused) {
      const reason = returned.statusCode === 403 ? '账号已停用' : '电子邮箱或密码不正确';
      await audit(ctx.headers, {
        actor,
        action: 'sign_in_refused',
        detail: { email: scrubText(attempt.email), reason },
      });
    } else if (ctx.context.newSession && !ctx.context.newSession.user.twoFactorEnabled) {
      await audit(ctx.headers, {
        actor,
        action: 'sign_in',
        objectType: 'staff_user',
        objectId: ctx.context.newSession.user.id,
        detail: { secondFactor: '无' },
      });
    }
  } else if ('account' in attempt && attempt.account?.signingIn) {
    const factor = ctx.path === '/two-factor/verify-totp' ? '动态口令' : '备用码';
    if (refused)
      await audit(ctx.headers, {
        actor,
        action: 'sign_in_refused',
        objectType: 'staff_user',
        objectId: attempt.account.id,
        detail: { email: attempt.email, reason: `${factor}不正确` },
      });
    else
      await audit(ctx.headers, {
        actor,
        action: 'sign_in',
        objectType: 'staff_user',
        objectId: attempt.account.id,
        detail: { secondFactor: factor },
      });
  }
});

/** Emails some client address may not sign in to now, for the administrator's account list. */
export async function emailsWithBlockedSignIn(): Promise<Set<string>> {
  const keys = await Promise.all([
    usedUpKeys(LIMITS.signInPerClientAccount),
    usedUpKeys(LIMITS.signInPerClientAccountDay),
  ]);
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
      schema: {
        user: staffUsers,
        session: staffSessions,
        account: staffAccounts,
        verification: staffVerifications,
        twoFactor: staffTwoFactors,
      },
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
        mustChangePassword: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    advanced: {
      cookiePrefix: 'ck',
      useSecureCookies: process.env.SITE_URL?.startsWith('https://') ?? false,
    },
    hooks: { before: countAttempt, after: settleAttempt },
    plugins: [
      admin({ ac, roles, adminRoles: ['admin'], defaultRole: 'court_clerk', bannedUserMessage: '该账号已停用' }),
      // Codes of 6 digits every 30 s; no "trust this device" (every sign-in asks); 10 backup codes.
      twoFactor({ issuer: TOTP_ISSUER, twoFactorCookieMaxAge: 10 * 60 }),
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

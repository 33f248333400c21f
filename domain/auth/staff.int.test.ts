import { randomBytes, randomInt } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { APIError } from 'better-auth/api';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimits, staffAccounts, staffSessions, staffUsers } from '@/db/schema';
import { LIMITS } from '@/domain/http/rate-limit';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { emailsWithBlockedSignIn, LOCKOUT_AFTER, staffAuth } from '@/domain/auth/staff';
import { saveEntry } from '@/domain/entries/entries';
import { ACTOR, makePerson } from '@/db/tests/factory';
import { HOME_COURT } from '@/lib/auth/staff-identity';
import { courtChoices, createStaffUser, listStaffUsers, StaffUserError } from '@/domain/auth/staff-users';

const PASSWORD = 'correct horse battery';
const DAY_LIMIT = LIMITS.signInPerClientAccountDay.points;
const CLIENT_LIMIT = LIMITS.signInPerClient.points;

function uniqueEmail(prefix: string) {
  return `${prefix}.${randomBytes(4).toString('hex')}@ks.example.cn`;
}

/** A client address of its own (clientKey reads it from X-Forwarded-For, as the reverse proxy sets it). */
function uniqueAddress() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

type Outcome = { status: number; code?: string; message?: string; headers: Headers };

/** Status, code and message of a sign-in (a refusal from our before hook is thrown, not returned). */
async function signIn(email: string, password: string, address = uniqueAddress()): Promise<Outcome> {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address });
  try {
    const res = await staffAuth().api.signInEmail({ body: { email, password }, headers, asResponse: true });
    const body = res.status === 200 ? {} : ((await res.json()) as { code?: string; message?: string });
    return { status: res.status, code: body.code, message: body.message, headers: res.headers };
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    return { status: err.statusCode, code: err.body?.code, message: err.message, headers: new Headers() };
  }
}

/** What a client can tell apart: status, code and message. */
const seen = ({ status, code, message }: Outcome) => ({ status, code, message });

/** Ends the current 15-minute window of (address, email), as if the time had passed. */
async function expireWindow(address: string, email: string) {
  await getDb()
    .update(rateLimits)
    .set({ expire: new Date(Date.now() - 1000) })
    .where(eq(rateLimits.key, `${LIMITS.signInPerClientAccount.keyPrefix}:${address}|${email}`));
}

async function failTimes(n: number, email: string, address: string) {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await signIn(email, `wrong-password-${i}`, address));
  return outcomes;
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
    const user = await createStaffUser({
      name: '李四',
      email,
      password: PASSWORD,
      role: 'department_officer',
      departmentCode: 'org-dept',
    });
    const res = await signIn(email, 'wrong password!!');
    expect(res.status).toBe(401);
    expect(await getDb().select().from(staffSessions).where(eq(staffSessions.userId, user.id))).toHaveLength(0);
  });
  it('refuses bad account data with a message per field and creates nothing', async () => {
    const email = uniqueEmail('bad');
    await expect(createStaffUser({ name: '', email, password: 'short', role: 'court_clerk' })).rejects.toThrow();
    await expect(
      createStaffUser({ name: '某人', email, password: PASSWORD, role: 'department_officer' }),
    ).rejects.toThrow(/成员单位/);
    await expect(createStaffUser({ name: '某人', email, password: PASSWORD, role: 'root' as never })).rejects.toThrow();
    expect(await getDb().select().from(staffUsers).where(eq(staffUsers.email, email))).toHaveLength(0);
  });

  it('binds a court clerk to a court that has entries (default: the city court), and no other role', async () => {
    await saveEntry(makePerson({ court: '苏州市中级人民法院' }), ACTOR);
    expect((await courtChoices())[0]).toBe(HOME_COURT);
    expect(await courtChoices()).toContain('苏州市中级人民法院');
    const byDefault = await createStaffUser({
      name: '甲',
      email: uniqueEmail('clerk'),
      password: PASSWORD,
      role: 'court_clerk',
    });
    const chosen = await createStaffUser({
      name: '乙',
      email: uniqueEmail('clerk'),
      password: PASSWORD,
      role: 'court_clerk',
      court: '苏州市中级人民法院',
    });
    const courtOf = async (id: string) =>
      (await getDb().select().from(staffUsers).where(eq(staffUsers.id, id)))[0]!.court;
    expect(await courtOf(byDefault.id)).toBe(HOME_COURT);
    expect(await courtOf(chosen.id)).toBe('苏州市中级人民法院');
    const refused = (await createStaffUser({
      name: '丙',
      email: uniqueEmail('clerk'),
      password: PASSWORD,
      role: 'court_clerk',
      court: '不存在的法院',
    }).catch((e: unknown) => e)) as StaffUserError;
    expect([refused.field, refused.message]).toEqual(['court', '该法院不在本平台法院名录中，请从列表中选择法院']);
    await expect(
      createStaffUser({
        name: '丁',
        email: uniqueEmail('office'),
        password: PASSWORD,
        role: 'credit_office',
        court: HOME_COURT,
      }),
    ).rejects.toThrow(/只有法院执行干警绑定法院/);
    // The session carries the court, as currentStaff reads it.
    const email = uniqueEmail('clerk');
    await createStaffUser({ name: '戊', email, password: PASSWORD, role: 'court_clerk', court: '苏州市中级人民法院' });
    const cookie = (await signIn(email, PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    const session = await staffAuth().api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.court).toBe('苏州市中级人民法院');
  });

  it('refuses a second account with the same email', async () => {
    const email = uniqueEmail('dup');
    await createStaffUser({ name: '甲', email, password: PASSWORD, role: 'court_clerk' });
    await expect(
      createStaffUser({ name: '乙', email: email.toUpperCase(), password: PASSWORD, role: 'court_clerk' }),
    ).rejects.toThrow(StaffUserError);
  });

  it('a disabled account cannot sign in', async () => {
    const email = uniqueEmail('banned');
    const user = await createStaffUser({ name: '丙', email, password: PASSWORD, role: 'court_clerk' });
    await getDb().update(staffUsers).set({ banned: true }).where(eq(staffUsers.id, user.id));
    expect((await signIn(email, PASSWORD)).status).toBe(403);
  });
});

describe('staff sign-in limits', () => {
  it(
    'an unknown email reads exactly like an account, attempt after attempt, and is blocked after as many' + ' failures',
    async () => {
      const email = uniqueEmail('real');
      await createStaffUser({ name: '王五', email, password: PASSWORD, role: 'credit_office' });
      const unknown = uniqueEmail('nobody');
      const address = uniqueAddress();
      for (let i = 1; i <= LOCKOUT_AFTER + 2; i++) {
        const real = seen(await signIn(email, `wrong-password-${i}`, address));
        expect(seen(await signIn(unknown, `wrong-password-${i}`, address)), `attempt ${i}`).toEqual(real);
        if (i <= LOCKOUT_AFTER)
          expect(real).toEqual({
            status: 401,
            code: 'INVALID_EMAIL_OR_PASSWORD',
            message: 'Invalid email or password',
          });
        else
          expect(real).toEqual({
            status: 429,
            code: 'TOO_MANY_ATTEMPTS',
            message: '登录失败次数过多，请 15 分钟后再试',
          });
      }
      // The right password gets the same refusal as any password for the unknown email.
      expect(seen(await signIn(email, PASSWORD, address))).toEqual(seen(await signIn(unknown, PASSWORD, address)));
    },
  );

  it('an unknown email is not answered faster than a wrong password (better-auth hashes it too)', async () => {
    const email = uniqueEmail('timed');
    await createStaffUser({ name: '郑一', email, password: PASSWORD, role: 'court_clerk' });
    const median = async (who: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        expect((await signIn(who, `wrong-password-${i}`)).status).toBe(401);
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[1]!;
    };
    const [real, unknown] = [await median(email), await median(uniqueEmail('untimed'))];
    // Loose on purpose (a shared machine): without the hash an unknown email takes a few database round trips only.
    expect(unknown).toBeGreaterThan(real / 3);
  });

  it(
    `${LOCKOUT_AFTER} failures from one address block that address only, even for the right password, until the ` +
      `block ends`,
    async () => {
      const email = uniqueEmail('target');
      await createStaffUser({ name: '赵六', email, password: PASSWORD, role: 'court_clerk' });
      const [stranger, owner] = [uniqueAddress(), uniqueAddress()];
      expect((await failTimes(LOCKOUT_AFTER, email, stranger)).map((o) => o.status)).toEqual(
        Array(LOCKOUT_AFTER).fill(401),
      );
      expect((await signIn(email, PASSWORD, stranger)).status).toBe(429);
      expect((await signIn(email, PASSWORD, owner)).status).toBe(200);
      // The administrator sees that someone is being kept out.
      expect(await emailsWithBlockedSignIn()).toContain(email);
      expect((await listStaffUsers()).find((u) => u.email === email)?.signInBlocked).toBe(true);
      // Once the block ends the right password works there too, and resets that address's count.
      await expireWindow(stranger, email);
      expect((await signIn(email, PASSWORD, stranger)).status).toBe(200);
      expect(
        await getDb()
          .select()
          .from(rateLimits)
          .where(like(rateLimits.key, `%:${stranger}|${email}`)),
      ).toHaveLength(0);
      expect((await listStaffUsers()).find((u) => u.email === email)?.signInBlocked).toBe(false);
    },
  );

  it(`failures that go on block the address and account for a day after ${DAY_LIMIT}`, async () => {
    const email = uniqueEmail('patient');
    await createStaffUser({ name: '钱七', email, password: PASSWORD, role: 'court_clerk' });
    const address = uniqueAddress();
    for (let round = 0; round < DAY_LIMIT / LOCKOUT_AFTER; round++) {
      expect((await failTimes(LOCKOUT_AFTER, email, address)).every((o) => o.status === 401)).toBe(true);
      expect((await signIn(email, PASSWORD, address)).status).toBe(429);
      await expireWindow(address, email);
    }
    // The last 15-minute window is over, the day's is not.
    const refused = await signIn(email, PASSWORD, address);
    expect(seen(refused)).toEqual({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      message: '登录失败次数过多，请 24 小时后再试',
    });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it(
    `an address is blocked for an hour after ${CLIENT_LIMIT} failures across accounts (password ` + `spraying)`,
    async () => {
      const email = uniqueEmail('sprayed');
      await createStaffUser({ name: '孙八', email, password: PASSWORD, role: 'court_clerk' });
      const sprayer = uniqueAddress();
      for (let i = 0; i < CLIENT_LIMIT; i++)
        expect((await signIn(uniqueEmail('guess'), 'Password123!', sprayer)).status).toBe(401);
      expect(seen(await signIn(email, PASSWORD, sprayer))).toEqual({
        status: 429,
        code: 'TOO_MANY_ATTEMPTS',
        message: '登录失败次数过多，请 1 小时后再试',
      });
      expect((await signIn(email, PASSWORD)).status).toBe(200);
    },
  );

  it('a success resets the count of its address and account, and does not count against the address', async () => {
    const email = uniqueEmail('reset');
    await createStaffUser({ name: '周九', email, password: PASSWORD, role: 'court_clerk' });
    const address = uniqueAddress();
    await failTimes(LOCKOUT_AFTER - 1, email, address);
    expect((await signIn(email, PASSWORD, address)).status).toBe(200);
    expect((await failTimes(LOCKOUT_AFTER, email, address)).every((o) => o.status === 401)).toBe(true);
    expect((await signIn(email, PASSWORD, address)).status).toBe(429);
    const [perClient] = await getDb()
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `${LIMITS.signInPerClient.keyPrefix}:${address}`));
    expect(perClient!.points).toBe(2 * LOCKOUT_AFTER - 1); // the failures only
  });

  it('parallel guesses cannot slip past the limit', async () => {
    const email = uniqueEmail('burst');
    await createStaffUser({ name: '吴十', email, password: PASSWORD, role: 'court_clerk' });
    const address = uniqueAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 3 * LOCKOUT_AFTER }, (_, i) => signIn(email, `guess-${i}`, address)),
    );
    expect(outcomes.filter((o) => o.status === 401)).toHaveLength(LOCKOUT_AFTER);
    expect(outcomes.filter((o) => o.status === 429)).toHaveLength(2 * LOCKOUT_AFTER);
    expect((await signIn(email, PASSWORD, address)).status).toBe(429);
  });
});

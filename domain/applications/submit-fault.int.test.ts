/**
 * The database connection drops in the middle of a submission. A separate connection holds
 * an ACCESS EXCLUSIVE lock on `cases`, so the submission's transaction stops at its INSERT
 * into cases — after it has written the application and its files — and its backend is then
 * terminated (what a database restart or a cut network does). Nothing may be half-written,
 * and submitting again with the same token must store the application exactly once.
 *
 * postgres.js 3.4.9 does not recover cleanly from such a drop inside a transaction: it may
 * write ROLLBACK to the dead socket from a setImmediate — an uncaught TypeError "Cannot read
 * properties of null (reading 'write')" (porsager/postgres #1154, #1208) — or fail the next
 * query on the reconnected connection with the stale "terminating connection due to
 * administrator command". We carry a patch for both (patches/postgres+3.4.9.patch, applied by
 * patch-package on install). The fault helper records errors that escape, so the first two
 * tests judge the submission path on its own; the last asserts that nothing escapes and that
 * the pool stays usable — it fails without the patch.
 */
import { randomUUID } from 'node:crypto';
import { count, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '@/db/client';
import { saveEntry } from '@/domain/entries/entries';
import { submitApplication, type NewApplication } from '@/domain/applications/cases';
import { applicationFiles, applications, caseEvents, cases, messageOutbox } from '@/db/schema';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { SAVE_FAILED, submitForm } from '@/domain/applications/submit';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { ACTOR, makePerson } from '@/db/tests/factory';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count' +
    ' 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

// Two connections of our own, outside the app's pool: one holds the lock, one watches and kills.
let locker: postgres.Sql;
let watcher: postgres.Sql;

beforeAll(() => {
  locker = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  watcher = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await locker?.end({ timeout: 5 });
  await watcher?.end({ timeout: 5 });
});

type Activity = { pid: number; query: string };

/** The known postgres.js defect: a deferred write to a connection whose socket is already gone. */
const isNullSocketWrite = (e: unknown) => e instanceof TypeError && /reading 'write'/.test(e.message);

/**
 * Errors thrown asynchronously (outside any promise) while `fn` runs and shortly after: the
 * worker's own uncaughtException listeners are set aside meanwhile and put back afterwards.
 */
async function recordingEscapes<T>(fn: () => Promise<T>): Promise<{ result: T; escaped: unknown[] }> {
  const escaped: unknown[] = [];
  const previous = process.listeners('uncaughtException');
  const record = (e: unknown) => void escaped.push(e);
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', record);
  try {
    const result = await fn();
    await new Promise((r) => setTimeout(r, 150)); // let pending immediates and timers run
    return { result, escaped };
  } finally {
    process.off('uncaughtException', record);
    for (const l of previous) process.on('uncaughtException', l);
  }
}

/**
 * Runs `start` while `cases` is locked, waits until a backend of the app is stuck on that lock,
 * notes what it has already written to (the tables it holds row-exclusive locks on), terminates
 * it, then releases the lock. Returns the settled outcome of `start`'s promise and the errors
 * that escaped meanwhile.
 */
async function withConnectionDroppedAtCases<T>(start: () => Promise<T>) {
  const { result, escaped } = await recordingEscapes(() => dropConnectionAtCases(start));
  return { ...result, escaped };
}

async function dropConnectionAtCases<T>(
  start: () => Promise<T>,
): Promise<PromiseSettledResult<T> & { killed: Activity; heldBeforeKill: string[] }> {
  const conn = await locker.reserve();
  let released = false;
  let pending: Promise<T> | undefined;
  try {
    await conn`BEGIN`;
    await conn`LOCK TABLE cases IN ACCESS EXCLUSIVE MODE`;
    const [me] = await conn<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;

    pending = start();
    pending.catch(() => {}); // observed below through allSettled; keep it from being "unhandled" meanwhile

    let blocked: Activity | undefined;
    for (let i = 0; i < 200 && !blocked; i++) {
      const rows = await watcher<Activity[]>`
        SELECT pid, query FROM pg_stat_activity
        WHERE datname = current_database()
          AND pid <> pg_backend_pid() AND pid <> ${me!.pid}
          AND wait_event_type = 'Lock'`;
      blocked = rows.find((r) => /insert into "cases"/i.test(r.query));
      if (!blocked) await new Promise((r) => setTimeout(r, 25));
    }
    if (!blocked) throw new Error('the submission never reached the INSERT into cases');

    // In the middle: the same backend has already written into applications (and files).
    const held = await watcher<{ relname: string }[]>`
      SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE l.pid = ${blocked.pid} AND l.granted AND l.mode = 'RowExclusiveLock'`;
    const [killed] = await watcher<{ ok: boolean }[]>`SELECT pg_terminate_backend(${blocked.pid}) AS ok`;
    expect(killed!.ok).toBe(true);
    await release();

    const [outcome] = await Promise.allSettled([pending]);
    return { ...outcome!, killed: blocked, heldBeforeKill: held.map((h) => h.relname) };
  } finally {
    await release();
    if (pending) await Promise.allSettled([pending]);
  }

  async function release() {
    if (released) return;
    released = true;
    await conn`ROLLBACK`.catch(() => {});
    conn.release();
  }
}

async function totals() {
  const db = getDb();
  const n = async (
    table: typeof applications | typeof applicationFiles | typeof cases | typeof caseEvents | typeof messageOutbox,
  ) => Number((await db.select({ n: count() }).from(table))[0]!.n);
  return {
    applications: await n(applications),
    applicationFiles: await n(applicationFiles),
    cases: await n(cases),
    caseEvents: await n(caseEvents),
    messageOutbox: await n(messageOutbox),
  };
}

async function storedFor(entryUid: string, submissionToken: string) {
  const db = getDb();
  const byToken = await db.select().from(applications).where(eq(applications.submissionToken, submissionToken));
  const byEntry = await db.select().from(applications).where(eq(applications.entryUid, entryUid));
  const ids = byEntry.map((a) => a.id);
  const none = ['-none-'];
  return {
    byToken,
    byEntry,
    files: await db
      .select({ id: applicationFiles.id, name: applicationFiles.fileName })
      .from(applicationFiles)
      .where(inArray(applicationFiles.applicationId, ids.length ? ids : none)),
    cases: await db
      .select()
      .from(cases)
      .where(inArray(cases.applicationId, ids.length ? ids : none)),
    messages: await db
      .select()
      .from(messageOutbox)
      .where(inArray(messageOutbox.applicationId, ids.length ? ids : none)),
  };
}

async function listedPerson() {
  const entry = makePerson();
  await saveEntry(entry, ACTOR);
  return { ...entry, idNumber: entry.idNumber! };
}

describe('the connection drops in the middle of submitApplication', () => {
  it('rolls back everything, and the retry with the same token is stored exactly once', async () => {
    const entry = await listedPerson();
    const input: NewApplication = {
      kind: 'correction',
      submissionToken: randomUUID(),
      entryUid: entry.uid,
      applicantName: '王申请',
      phone: '0512-57001234',
      email: 'wang@example.cn',
      statement: '本案已于纳入前执行和解并履行完毕。',
      learnedOn: todayInChina(),
      files: [
        { fileName: '和解协议.pdf', mediaType: 'application/pdf', content: PDF },
        { fileName: '收据.png', mediaType: 'image/png', content: PNG },
      ],
    };
    const before = await totals();

    const outcome = await withConnectionDroppedAtCases(() => submitApplication(input));
    expect(outcome.status).toBe('rejected');
    // the driver defect is the last test's subject
    expect(outcome.escaped.filter((e) => !isNullSocketWrite(e))).toEqual([]);
    // It really was stopped mid-way: the application and its files were already inserted.
    expect(outcome.heldBeforeKill).toEqual(expect.arrayContaining(['applications', 'application_files']));

    // Nothing half-written: no application, file, case, event or message, for this token or anywhere.
    const afterFault = await storedFor(entry.uid, input.submissionToken);
    expect(afterFault.byToken).toEqual([]);
    expect(afterFault.byEntry).toEqual([]);
    expect(afterFault.files).toEqual([]);
    expect(afterFault.cases).toEqual([]);
    expect(afterFault.messages).toEqual([]);
    expect(await totals()).toEqual(before);

    // The applicant clicks 提交 again: the same input, the same token (the pool reconnects by itself).
    const first = await submitApplication(input);
    expect(first.duplicate).toBe(false);
    expect(first.trackingNo).toMatch(/^SQ\d{8}[0-9A-Z]{6}$/);
    expect(first.accessCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    // And once more (the answer to the retry was lost too): the same receipt, nothing new stored.
    const again = await submitApplication(input);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(first.receipt).toEqual({
      kind: 'correction',
      handlers: ['昆山市人民法院'],
      submittedOn: todayInChina(),
      dueOn: addDays(todayInChina(), TIME_RULES.courtReviewDays.days),
    });

    const stored = await storedFor(entry.uid, input.submissionToken);
    expect(stored.byToken).toHaveLength(1);
    expect(stored.byEntry).toHaveLength(1);
    expect(stored.byToken[0]!.trackingNo).toBe(first.trackingNo);
    expect(stored.files.map((f) => f.name).sort()).toEqual(['和解协议.pdf', '收据.png']);
    expect(stored.cases).toHaveLength(1);
    expect(stored.cases[0]!.handler).toBe('court');
    expect(stored.messages).toHaveLength(1);
    expect(await totals()).toEqual({
      applications: before.applications + 1,
      applicationFiles: before.applicationFiles + 2,
      cases: before.cases + 1,
      caseEvents: before.caseEvents + 1,
      messageOutbox: before.messageOutbox + 1,
    });
  });
});

describe('the connection drops in the middle of submitForm', () => {
  let client = 0;
  const headers = () => new Headers({ [CLIENT_ADDRESS_HEADER]: `10.9.9.${++client}` });

  function correctionForm(entry: { caseNo: string; name: string; idNumber: string }, token: string) {
    const form = new FormData();
    form.set('caseNo', entry.caseNo);
    form.set('name', entry.name);
    form.set('idLast4', entry.idNumber.slice(-4));
    form.set('applicantName', '李代理');
    form.set('phone', '13800001111');
    form.set('email', '');
    form.set('website', '');
    form.set('submissionToken', token);
    form.set('learnedOn', addDays(todayInChina(), -3));
    form.set('statement', '纳入前已经全部履行。');
    form.set('declaration', 'yes');
    form.append('evidence', new File([PDF], '履行凭证.pdf', { type: 'application/pdf' }));
    return form;
  }

  it('answers SAVE_FAILED with the typed values kept, stores nothing, and the retry gives a receipt', async () => {
    const entry = await listedPerson();
    const token = randomUUID();
    const form = correctionForm(entry, token);
    const before = await totals();

    const outcome = await withConnectionDroppedAtCases(() => submitForm('correction', form, headers()));
    expect(outcome.status).toBe('fulfilled');
    expect(outcome.escaped.filter((e) => !isNullSocketWrite(e))).toEqual([]);
    const state = (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof submitForm>>>).value;
    expect(state.submitted).toBeUndefined();
    expect(state.errors).toEqual([{ message: SAVE_FAILED }]);
    expect(state.values).toMatchObject({
      caseNo: entry.caseNo,
      name: entry.name,
      idLast4: entry.idNumber.slice(-4),
      applicantName: '李代理',
      phone: '13800001111',
      submissionToken: token,
      learnedOn: addDays(todayInChina(), -3),
      statement: '纳入前已经全部履行。',
    });
    expect(await totals()).toEqual(before);
    expect((await storedFor(entry.uid, token)).byEntry).toEqual([]);

    // The retry: the very same FormData (the form keeps every field and file).
    const retried = await submitForm('correction', form, headers());
    expect(retried.errors).toBeUndefined();
    expect(retried.ok).toBe(true);
    expect(retried.submitted?.trackingNo).toMatch(/^SQ\d{8}[0-9A-Z]{6}$/);
    expect(retried.submitted?.accessCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    // A second retry shows the same receipt and stores nothing more.
    const twice = await submitForm('correction', form, headers());
    expect(twice.submitted).toEqual(retried.submitted);

    const stored = await storedFor(entry.uid, token);
    expect(stored.byEntry).toHaveLength(1);
    expect(stored.byEntry[0]!.trackingNo).toBe(retried.submitted!.trackingNo);
    expect(stored.byEntry[0]!.email).toBeNull();
    expect(stored.files.map((f) => f.name)).toEqual(['履行凭证.pdf']);
    expect(stored.cases).toHaveLength(1);
    expect(stored.messages).toHaveLength(1);
  });
});

describe('after the connection dropped', () => {
  it('no error escapes the database driver and every pooled connection answers at once', async () => {
    // A fresh pool, so every one of its connections is used below, the dropped one included.
    await closeDb();
    const entry = await listedPerson();
    const input: NewApplication = {
      kind: 'repair',
      submissionToken: randomUUID(),
      entryUid: entry.uid,
      applicantName: '王申请',
      phone: '0512-57001234',
      statement: '已全部履行。',
      files: [],
    };
    const outcome = await withConnectionDroppedAtCases(() => submitApplication(input));
    expect(outcome.status).toBe('rejected');
    expect(
      outcome.escaped.map(String),
      'errors thrown outside any promise (would be uncaughtException in the server)',
    ).toEqual([]);

    // As many queries at once as the pool has connections: each gets one, and all answer promptly.
    const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const started = Date.now();
    const answers = await Promise.race([
      Promise.allSettled(Array.from({ length: poolSize }, () => getDb().execute(sql`SELECT pg_sleep(0.1)`))),
      new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), 5_000)),
    ]);
    expect(answers, `pool of ${poolSize} after the drop`).not.toBe('timed out');
    expect((answers as PromiseSettledResult<unknown>[]).filter((a) => a.status === 'rejected')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await submitApplication(input)).toMatchObject({ duplicate: false });
  });
});

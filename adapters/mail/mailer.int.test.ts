import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { saveEntry } from '@/domain/entries/entries';
import { applications, messageOutbox } from '@/db/schema';
import { ACTOR, makePerson } from '@/db/tests/factory';
import {
  createMailer,
  DEFAULT_MAIL_FROM,
  drainMessages,
  retryDelaySeconds,
  smtpConfig,
  startMailWorker,
} from '@/adapters/mail/mailer';

/**
 * A real SMTP server in-process. Other test files share the database, so a drain may also
 * deliver their pending rows here; every assertion counts only this file's unique addresses.
 */
type Received = { rcpt: string[]; raw: string };

const received: Received[] = [];
const behaviour = { rejectRcpt: false, dataDelayMs: 0 };

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(_address, _session, callback) {
    if (behaviour.rejectRcpt)
      return callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({
        rcpt: session.envelope.rcptTo.map((a) => a.address),
        raw: Buffer.concat(chunks).toString('latin1'),
      });
      setTimeout(() => callback(), behaviour.dataDelayMs);
    });
  },
});

let port = 0;
const FROM = 'Test Sender <sender@example.test>';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function transport() {
  return createMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM });
}

/** A URL where nothing listens: a port we bound and released. */
async function closedPortUrl(): Promise<string> {
  const probe = new SMTPServer({ authOptional: true, logger: false });
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const closed = (probe.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${closed}`;
}

/** Decodes RFC 2047 encoded words (adjacent words joined byte-wise before UTF-8 decoding). */
function decodeHeader(value: string): string {
  return value.replace(/(=\?UTF-8\?[BQ]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const [, enc, text] of run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)) {
      if (enc!.toUpperCase() === 'B') bytes.push(Buffer.from(text!, 'base64'));
      else bytes.push(qpBytes(text!.replaceAll('_', ' ')));
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

function qpBytes(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(soft.charCodeAt(i));
  }
  return Buffer.from(out);
}

/** Just enough MIME parsing for a single-part text message. */
function parse(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const cte = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : cte === 'quoted-printable'
        ? qpBytes(body)
        : Buffer.from(body, 'latin1');
  return { headers, text: bytes.toString('utf8') };
}

function deliveriesTo(address: string): Received[] {
  return received.filter((m) => m.rcpt.includes(address));
}

/** An application (with its entry) owning this test's outbox rows. */
async function makeApplication(): Promise<string> {
  const entry = makePerson();
  await saveEntry(entry, ACTOR);
  const id = randomUUID();
  await getDb()
    .insert(applications)
    .values({
      id,
      trackingNo: `T-${randomUUID()}`,
      accessCodeHash: 'test-hash',
      submissionToken: randomUUID(),
      kind: 'objection',
      entryUid: entry.uid,
      applicantName: '测试申请人',
      phone: '13800000000',
      statement: '测试事实',
    });
  return id;
}

function uniqueAddress(tag: string): string {
  return `${tag}-${randomUUID()}@example.test`;
}

async function addMessages(applicationId: string, addresses: (string | null)[]) {
  return getDb()
    .insert(messageOutbox)
    .values(
      addresses.map((toAddress, i) => ({
        applicationId,
        toAddress,
        subject: `您的申请已受理（${i + 1}）`,
        body: `您好，您的申请已进入审查。\nmarker-${applicationId}-${i + 1}`,
      })),
    )
    .returning();
}

async function rowsById(ids: number[]) {
  return getDb().select().from(messageOutbox).where(inArray(messageOutbox.id, ids)).orderBy(messageOutbox.id);
}

describe('smtpConfig', () => {
  it('is null without SMTP_URL and defaults the sender', () => {
    expect(smtpConfig({})).toBeNull();
    expect(smtpConfig({ SMTP_URL: 'smtp://u:p@mail.example:587' })).toEqual({
      url: 'smtp://u:p@mail.example:587',
      from: DEFAULT_MAIL_FROM,
    });
    expect(smtpConfig({ SMTP_URL: 'smtps://mail.example', MAIL_FROM: 'X <x@example.test>' })?.from).toBe(
      'X <x@example.test>',
    );
  });

  it('backs off 30 s × 2^attempts, capped at an hour', () => {
    expect([0, 1, 2, 6, 7, 30].map(retryDelaySeconds)).toEqual([30, 60, 120, 1920, 3600, 3600]);
  });
});

describe('drainMessages', () => {
  it('delivers rows with an address once, marks them sent, and leaves rows without one alone', async () => {
    const appId = await makeApplication();
    const a = uniqueAddress('a');
    const b = uniqueAddress('b');
    const rows = await addMessages(appId, [a, null, b]);

    const result = await drainMessages({ transport: transport(), from: FROM, batchSize: 2 });
    expect(result.sent).toBeGreaterThanOrEqual(2);

    expect(deliveriesTo(a)).toHaveLength(1);
    expect(deliveriesTo(b)).toHaveLength(1);
    const message = parse(deliveriesTo(a)[0]!.raw);
    expect(message.headers.get('to')).toContain(a);
    expect(decodeHeader(message.headers.get('subject')!)).toBe('您的申请已受理（1）');
    expect(message.text).toContain('您好，您的申请已进入审查。');
    expect(message.text).toContain(`marker-${appId}-1`);
    expect(parse(deliveriesTo(b)[0]!.raw).text).toContain(`marker-${appId}-3`);

    const after = await rowsById(rows.map((r) => r.id));
    expect(after.map((r) => r.sentAt !== null)).toEqual([true, false, true]);
    expect(after.map((r) => r.attempts)).toEqual([0, 0, 0]);
    expect(after[1]!.lastError).toBeNull();

    // A second drain has nothing of ours left to send.
    const before = received.length;
    await drainMessages({ transport: transport(), from: FROM });
    expect(received.slice(before).filter((m) => m.rcpt.includes(a) || m.rcpt.includes(b))).toEqual([]);
    expect(deliveriesTo(a)).toHaveLength(1);
    expect(deliveriesTo(b)).toHaveLength(1);
    expect((await rowsById([rows[1]!.id]))[0]).toMatchObject({ sentAt: null, attempts: 0, lastError: null });
  });

  it('keeps a rejected message with a backoff, then delivers it exactly once when the server works again', async () => {
    const appId = await makeApplication();
    const to = uniqueAddress('retry');
    const [row] = await addMessages(appId, [to]);

    behaviour.rejectRcpt = true;
    try {
      await drainMessages({ transport: transport(), from: FROM });
    } finally {
      behaviour.rejectRcpt = false;
    }
    let [state] = await rowsById([row!.id]);
    expect(state!.sentAt).toBeNull();
    expect(state!.attempts).toBe(1);
    expect(state!.lastError).toMatch(/451/);
    expect(state!.lastError!.length).toBeLessThanOrEqual(300);
    expect(state!.lastError).not.toContain('您好');
    expect(state!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(deliveriesTo(to)).toHaveLength(0);

    // Not due yet: the working server gets nothing.
    await drainMessages({ transport: transport(), from: FROM });
    expect(deliveriesTo(to)).toHaveLength(0);

    await getDb()
      .update(messageOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(inArray(messageOutbox.id, [row!.id]));
    await drainMessages({ transport: transport(), from: FROM });
    await drainMessages({ transport: transport(), from: FROM });
    [state] = await rowsById([row!.id]);
    expect(state!.sentAt).not.toBeNull();
    expect(state!.attempts).toBe(1);
    expect(deliveriesTo(to)).toHaveLength(1);
  });

  it('keeps the row when the SMTP server cannot be reached', async () => {
    const appId = await makeApplication();
    const to = uniqueAddress('down');
    const [row] = await addMessages(appId, [to]);

    const down = createMailer({ url: await closedPortUrl(), from: FROM });
    const result = await drainMessages({ transport: down, from: FROM });
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const [state] = await rowsById([row!.id]);
    expect(state).toMatchObject({ sentAt: null, attempts: 1 });
    expect(state!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(state!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('two concurrent drains deliver each of 10 rows exactly once', async () => {
    const appId = await makeApplication();
    const addresses = Array.from({ length: 10 }, (_, i) => uniqueAddress(`c${i}`));
    const rows = await addMessages(appId, addresses);

    behaviour.dataDelayMs = 30; // keep each drain's locks held long enough to overlap
    const results = await Promise.all([
      drainMessages({ transport: transport(), from: FROM, batchSize: 2 }),
      drainMessages({ transport: transport(), from: FROM, batchSize: 2 }),
    ]).finally(() => {
      behaviour.dataDelayMs = 0;
    });
    expect(results[0].sent).toBeGreaterThan(0);
    expect(results[1].sent).toBeGreaterThan(0);
    expect(results[0].sent + results[1].sent).toBeGreaterThanOrEqual(10);
    expect(addresses.map((to) => deliveriesTo(to).length)).toEqual(Array(10).fill(1));
    const after = await rowsById(rows.map((r) => r.id));
    expect(after.every((r) => r.sentAt !== null && r.attempts === 0)).toBe(true);
  });
});

describe('startMailWorker', () => {
  it('does nothing without SMTP_URL', async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const worker = startMailWorker({ intervalMs: 10 });
      await worker.stop();
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
  });

  it('polls the outbox once started, and starts only once', async () => {
    const appId = await makeApplication();
    const to = uniqueAddress('worker');
    const [row] = await addMessages(appId, [to]);
    const saved = { url: process.env.SMTP_URL, from: process.env.MAIL_FROM };
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.MAIL_FROM = FROM;
    const worker = startMailWorker({ intervalMs: 20 });
    try {
      expect(startMailWorker({ intervalMs: 20 })).toBe(worker);
      for (let i = 0; i < 100 && deliveriesTo(to).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(deliveriesTo(to)).toHaveLength(1);
      expect(parse(deliveriesTo(to)[0]!.raw).headers.get('from')).toContain('sender@example.test');
    } finally {
      await worker.stop();
      for (const [key, value] of [
        ['SMTP_URL', saved.url],
        ['MAIL_FROM', saved.from],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect((await rowsById([row!.id]))[0]!.sentAt).not.toBeNull();
  });
});

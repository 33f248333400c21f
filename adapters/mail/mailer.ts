/**
 * E-mail delivery of applicant messages from the message outbox (db/schema.ts messageOutbox).
 * Rows are written in the same transaction as the status change they report and are always
 * shown on the tracking page; rows with a `to_address` are also e-mailed here when SMTP is
 * configured. Delivery is at least once: a batch of due rows is locked (FOR UPDATE SKIP LOCKED,
 * so concurrent drains never pick the same row), each is sent, and only a message the SMTP
 * server accepted is marked sent. A failure keeps the row with a backed-off `next_attempt_at`.
 * Rows are never deleted.
 */
import 'server-only';
import { and, asc, eq, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import nodemailer, { type SMTPSentMessageInfo, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import { getDb } from '@/db/client';
import { messageOutbox } from '@/db/schema';
import { firstLine, startPollingLoop } from '@/lib/polling';

export const DEFAULT_MAIL_FROM = '诚信昆山 <noreply@localhost>';

export type MailConfig = { url: string; from: string };

export type MailTransport = Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;

/** SMTP settings from the environment (SMTP_URL, MAIL_FROM); null when SMTP_URL is unset. */
export function smtpConfig(env: Record<string, string | undefined> = process.env): MailConfig | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

/** A nodemailer SMTP transport for `config.url` (smtp:// or smtps://), with bounded timeouts. */
export function createMailer(config: MailConfig): MailTransport {
  return nodemailer.createTransport({
    url: config.url,
    // Rows stay locked while a message is sent: never wait minutes on a dead server.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

const BASE_BACKOFF_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 3600;

/**
 * Delay before the next try of a row that had failed `previousAttempts` times before this failure: 30 s, 60 s, 120 s …
 * at most an hour.
 */
export function retryDelaySeconds(previousAttempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.min(Math.max(previousAttempts, 0), 20));
}

/** A short error text for `last_error` and logs: first line only, at most 300 characters (never the message body). */

export type DrainMessagesOptions = {
  transport: MailTransport;
  from: string;
  /** Rows locked and sent per transaction (default 20). */
  batchSize?: number;
  /** The clock deciding which rows are due and where backoff starts (default: the database's now()). */
  now?: Date;
};

export type DrainMessagesResult = { sent: number; failed: number };

async function drainBatch(
  opts: DrainMessagesOptions,
  batchSize: number,
  clock: SQL,
): Promise<DrainMessagesResult & { picked: number }> {
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .select({
        id: messageOutbox.id,
        toAddress: messageOutbox.toAddress,
        subject: messageOutbox.subject,
        body: messageOutbox.body,
        attempts: messageOutbox.attempts,
      })
      .from(messageOutbox)
      .where(
        and(isNull(messageOutbox.sentAt), isNotNull(messageOutbox.toAddress), lte(messageOutbox.nextAttemptAt, clock)),
      )
      .orderBy(asc(messageOutbox.nextAttemptAt), asc(messageOutbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });

    const result = { sent: 0, failed: 0, picked: rows.length };
    for (const row of rows) {
      try {
        const info = await opts.transport.sendMail({
          from: opts.from,
          to: row.toAddress!,
          subject: row.subject,
          text: row.body,
        });
        // sendMail rejects when every recipient is refused; check anyway so a row is marked
        // sent only when the server accepted it.
        if (!info.accepted || info.accepted.length === 0)
          throw new Error(`recipient not accepted: ${String(info.response ?? '')}`);
        await tx
          .update(messageOutbox)
          .set({ sentAt: sql`now()` })
          .where(eq(messageOutbox.id, row.id));
        result.sent += 1;
      } catch (err) {
        await tx
          .update(messageOutbox)
          .set({
            attempts: sql`${messageOutbox.attempts} + 1`,
            lastError: firstLine(err),
            nextAttemptAt: sql`${clock} + make_interval(secs => ${retryDelaySeconds(row.attempts)})`,
          })
          .where(eq(messageOutbox.id, row.id));
        result.failed += 1;
      }
    }
    return result;
  });
}

/**
 * Sends every due message (batch by batch) until none is left, or a whole batch failed
 * (the server is likely down; the rest waits for the next round).
 */
export async function drainMessages(opts: DrainMessagesOptions): Promise<DrainMessagesResult> {
  const batchSize = Math.max(1, opts.batchSize ?? 20);
  // postgres.js rejects Date objects in raw sql: pass the instant as an ISO string.
  const clock = opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
  const total: DrainMessagesResult = { sent: 0, failed: 0 };
  for (;;) {
    const batch = await drainBatch(opts, batchSize, clock);
    total.sent += batch.sent;
    total.failed += batch.failed;
    if (batch.picked < batchSize || batch.sent === 0) return total;
  }
}

export type MailWorker = { stop(): Promise<void> };

const globalForMail = globalThis as unknown as { ckMailWorker?: MailWorker };

/**
 * Starts the in-process mail worker once (the server calls this at start-up): every
 * `intervalMs` (default 5 s) it drains the message outbox. Without SMTP_URL it does nothing.
 * Errors are logged and retried next round; the worker never crashes the process.
 */
export function startMailWorker(opts: { intervalMs?: number; log?: (line: string) => void } = {}): MailWorker {
  if (globalForMail.ckMailWorker) return globalForMail.ckMailWorker;
  const config = smtpConfig();
  if (!config) return { stop: async () => {} };

  const log = opts.log ?? ((line: string) => console.warn(line));
  const transport = createMailer(config);
  const loop = startPollingLoop(
    async () => {
      const { failed } = await drainMessages({ transport, from: config.from });
      if (failed > 0) log(`mail: ${failed} messages failed; will retry with backoff`);
    },
    { intervalMs: opts.intervalMs ?? 5000, label: 'mail', log },
  );

  const worker: MailWorker = {
    async stop() {
      await loop.stop();
      transport.close();
      if (globalForMail.ckMailWorker === worker) globalForMail.ckMailWorker = undefined;
    },
  };
  globalForMail.ckMailWorker = worker;
  return worker;
}

/**
 * The kept-measure notice job (seed 二(七) 明确继续保留的期限): once a minute it queues the email that
 * tells a unit's officers a measure they kept has reached its kept-until day (queueKeptDueNotices in
 * domain/entries/lifting.ts); the mail worker sends it after commit and retries it. Only with SMTP_URL: without
 * it there is nothing to send, and the task shows on the dashboard and the lifting page either way. Every
 * process of the server runs it (WEB_CONCURRENCY); the outbox's unique key makes the runs idempotent.
 */
import 'server-only';
import { smtpConfig } from '@/adapters/mail/mailer';
import { startPollingLoop, type PollingLoop } from '@/lib/polling';
import { queueKeptDueNotices } from './lifting';

const globalForJob = globalThis as unknown as { ckKeptDueJob?: PollingLoop };

/** Starts the in-process notice job once; null (no job) when SMTP_URL is unset. */
export function ensureKeptDueJob(opts: { intervalMs?: number } = {}): PollingLoop | null {
  const mail = smtpConfig();
  if (!mail) return null;
  globalForJob.ckKeptDueJob ??= startPollingLoop(
    async () => {
      await queueKeptDueNotices({ mail });
    },
    { intervalMs: opts.intervalMs ?? 60_000, label: 'kept-due notices', log: (line) => console.warn(line) },
  );
  return globalForJob.ckKeptDueJob;
}

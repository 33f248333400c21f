/**
 * Next.js start-up hook: the server process runs the search sync worker (adapters/search/sync.ts), the expiry job
 * (domain/entries/expiry-job.ts), the kept-measure notice job (domain/entries/kept-due-job.ts, with SMTP_URL), the
 * mail worker (adapters/mail/mailer.ts) and the webhook worker (domain/sharing/webhooks.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { ensureSyncWorker } = await import('./adapters/search/runtime');
  ensureSyncWorker();
  const { ensureExpiryJob } = await import('./domain/entries/expiry-job');
  ensureExpiryJob();
  const { ensureKeptDueJob } = await import('./domain/entries/kept-due-job');
  ensureKeptDueJob();
  const { startMailWorker } = await import('./adapters/mail/mailer');
  startMailWorker();
  const { ensureWebhookWorker } = await import('./domain/sharing/webhooks');
  ensureWebhookWorker();
}

/** Next.js start-up hook: the server process runs the search sync worker (lib/search/sync.ts) and the mail worker (lib/notify/mailer.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { ensureSyncWorker } = await import('./lib/search/runtime');
  ensureSyncWorker();
  const { startMailWorker } = await import('./lib/notify/mailer');
  startMailWorker();
}

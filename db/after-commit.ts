/**
 * The one mechanism for effects after a commit (design rule 11). db/ writes its outbox rows
 * inside the transaction and, once it has committed, announces which entries changed; the
 * search runtime (adapters/search/runtime.ts) listens and pushes them to the index at once. db/
 * imports nothing above it. With no listener (a CLI that never loads the runtime) nothing is
 * lost: the sync worker drains the outbox later.
 */
import 'server-only';
type Listener = (uids: string[]) => Promise<void>;

// On globalThis: Next bundles server code more than once, and every bundle must reach the one listener.
const registry = globalThis as unknown as { ckEntriesCommitted?: Listener };

export function onEntriesCommitted(listener: Listener): void {
  registry.ckEntriesCommitted = listener;
}

/** Called after the commit; never throws (an index the listener cannot reach is the outbox's job). */
export async function entriesCommitted(uids: string[]): Promise<void> {
  if (uids.length === 0) return;
  await registry.ckEntriesCommitted?.(uids).catch(() => undefined);
}

/**
 * Push payloads for the ingest benchmark (scripts/bench-ingest.ts): the deterministic demo
 * generator (db/demo-data.ts) turned into the JSON the court sends to
 * POST /api/v1/court/entries/batch (lib/validation/entry-push.ts).
 *
 * EntryInput → push JSON: dates as ISO 8601 strings (filedAt is already YYYY-MM-DD), nulls
 * and empty lists omitted, person-only fields (gender, age) only for persons and
 * legalRepresentative only for organisations. Never sent: `demo` (not an API field: the
 * strict schema would reject the item), `revokedAt` and the generator's removals
 * (revoke/shield): a push carrying 撤销时间 is a revocation, a different path.
 *
 * Every payload is checked with the API's own parseEntryPush before it is used; one the
 * API would reject is dropped and counted by error code, so the measured batches hold
 * only entries the API accepts.
 */
import { demoEntry } from '@/db/demo-data';
import { toPushPayload } from '@/lib/validation/push-payload';
import { parseEntryPush, type EntryInput } from '@/lib/validation/entry-push';

export type PushBody = Record<string, unknown>;

/** The JSON the court pushes for `e` (one item of a batch). */
export const pushPayload = (e: EntryInput): PushBody => toPushPayload({ ...e, revokedAt: null });

export type PayloadSet = {
  /** Accepted payloads in generator order. */
  items: PushBody[];
  generated: number;
  persons: number;
  organizations: number;
  restricted: number;
  /** Generator removals (revoke/shield) not sent: the entry is pushed as active. */
  removalsNotSent: number;
  /** Payloads parseEntryPush rejects: dropped, by error code (field:code). */
  dropped: number;
  droppedBy: Map<string, number>;
  generateMs: number;
};

export function buildPayloads(
  n: number,
  gen: { seed: number; anchor: Date; uidPrefix: string },
  now = new Date(),
): PayloadSet {
  const t = performance.now();
  const set: PayloadSet = {
    items: [],
    generated: n,
    persons: 0,
    organizations: 0,
    restricted: 0,
    removalsNotSent: 0,
    dropped: 0,
    droppedBy: new Map(),
    generateMs: 0,
  };
  for (let i = 0; i < n; i++) {
    const { input, removal } = demoEntry(i, gen);
    const body = pushPayload(input);
    const parsed = parseEntryPush(body, { now });
    if (!parsed.ok) {
      set.dropped++;
      for (const e of parsed.errors)
        set.droppedBy.set(`${e.field}:${e.code}`, (set.droppedBy.get(`${e.field}:${e.code}`) ?? 0) + 1);
      continue;
    }
    set.items.push(body);
    if (input.subjectType === 'person') set.persons++;
    else set.organizations++;
    if (input.disclosure === 'restricted') set.restricted++;
    if (removal) set.removalsNotSent++;
  }
  set.generateMs = performance.now() - t;
  return set;
}

/** Batches as request bodies, `{ entries: [...] }` serialized once (not part of any timing). */
export function batchBodies(items: PushBody[], size: number): { body: string; count: number }[] {
  const out: { body: string; count: number }[] = [];
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    out.push({ body: JSON.stringify({ entries: chunk }), count: chunk.length });
  }
  return out;
}

/** GET /api/v1/feed through its route handler: keys, parameters, what departments receive. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/feed/route';
import { getDb } from '@/db/client';
import { saveEntries } from '@/domain/entries/entries';
import { auditLog } from '@/db/schema';
import { ACTOR, makePerson } from '@/db/tests/factory';
import { createApiKey, revokeApiKey } from '@/domain/auth/api-keys';
import { maskIdNumber } from '@/lib/mask';

let masked: string;
let full: string;
let fullKeyId: string;
let enterprise: string;
let court: string;
let revoked: string;

beforeAll(async () => {
  masked = (await createApiKey({ organization: '市税务局', role: 'department', createdBy: 'test' })).key;
  const granted = await createApiKey({
    organization: '市公安局',
    role: 'department',
    createdBy: 'test',
    fullIdentifiers: true,
  });
  full = granted.key;
  fullKeyId = granted.id;
  enterprise = (
    await createApiKey({ organization: '某企业', role: 'enterprise', createdBy: 'test', fullIdentifiers: true })
  ).key;
  court = (await createApiKey({ organization: '昆山市人民法院', role: 'court', createdBy: 'test' })).key;
  const r = await createApiKey({ organization: '已吊销', role: 'department', createdBy: 'test' });
  await revokeApiKey(r.id);
  revoked = r.key;
});

const get = (query: string, key: string | null) =>
  GET(new Request(`http://localhost/api/v1/feed${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));

type FeedBody = {
  events: { cursor: string; kind: string; entry: { uid: string; idNumber: string; disclosure: string } }[];
  nextCursor: string | null;
  hasMore: boolean;
};

async function all(key: string) {
  const out: FeedBody['events'] = [];
  let after = '';
  for (;;) {
    const res = await get(`?limit=1000${after ? `&after=${after}` : ''}`, key);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as FeedBody;
    out.push(...body.events);
    if (!body.hasMore) return out;
    after = body.nextCursor!;
  }
}

describe('GET /api/v1/feed', () => {
  it('answers only department keys', async () => {
    expect((await get('', null)).status).toBe(401);
    expect((await get('', revoked)).status).toBe(401);
    expect((await get('', court)).status).toBe(403);
    expect((await get('', enterprise)).status).toBe(403);
  });

  it('refuses a bad cursor, limit or unknown parameter with field errors', async () => {
    for (const q of ['?after=xyz', '?limit=0', '?limit=1001', '?limit=abc', '?since=1']) {
      const res = await get(q, masked);
      expect(res.status, q).toBe(422);
      const body = (await res.json()) as { error: { code: string; fields: { field: string }[] } };
      expect(body.error.code).toBe('invalid_parameters');
      expect(body.error.fields.length).toBeGreaterThan(0);
    }
  });

  it('includes restricted entries; full ID numbers only for keys granted them', async () => {
    const person = makePerson({ disclosure: 'restricted' });
    await saveEntries([person], ACTOR);
    const [viaMasked] = (await all(masked)).filter((e) => e.entry.uid === person.uid);
    const [viaFull] = (await all(full)).filter((e) => e.entry.uid === person.uid);
    expect(viaMasked!.kind).toBe('listed');
    expect(viaMasked!.entry.disclosure).toBe('restricted');
    expect(viaMasked!.entry.idNumber).toBe(maskIdNumber(person.idNumber!));
    expect(viaFull!.entry.idNumber).toBe(person.idNumber);
  });

  it('puts every page with full ID numbers in the audit trail, under the key, and none without them', async () => {
    const audited = async () =>
      (await getDb().select().from(auditLog).where(eq(auditLog.action, 'full_id_viewed'))).map((r) => r.actor);
    await saveEntries([makePerson()], ACTOR);
    const before = await audited();
    await all(masked);
    expect(await audited()).toEqual(before);
    await all(full);
    const added = (await audited()).slice(before.length);
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added)).toEqual(new Set([`apikey:${fullKeyId}`]));
  });

  it('continues from nextCursor and keeps it when nothing is new', async () => {
    const events = await all(masked);
    const last = events.at(-1)!.cursor;
    const res = await get(`?after=${last}`, masked);
    const body = (await res.json()) as FeedBody;
    expect(body.events).toHaveLength(0);
    expect(body.nextCursor).toBe(last);
    expect(body.hasMore).toBe(false);
  });
});

/**
 * POST /api/v1/check through the route handler itself (real Postgres, real keys).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/check/route';
import { getDb } from '@/db/client';
import { saveEntries } from '@/domain/entries/entries';
import { apiKeys } from '@/db/schema';
import { ACTOR, freshToken, makeOrganization, makePerson, uniqueUid, uscc } from '@/db/tests/factory';
import { createApiKey } from '@/domain/auth/api-keys';
import type { EntryInput } from '@/lib/validation/entry-push';
import { maskIdNumber } from '@/lib/mask';

const keys: Record<'court' | 'enterprise' | 'department' | 'departmentFull', string> = {
  court: '',
  enterprise: '',
  department: '',
  departmentFull: '',
};
let person: EntryInput & { idNumber: string };
let restricted: EntryInput & { idNumber: string };
let org: EntryInput & { idNumber: string };

beforeAll(async () => {
  keys.court = (await createApiKey({ organization: '昆山市人民法院', role: 'court', createdBy: 'test' })).key;
  keys.enterprise = (await createApiKey({ organization: '某银行昆山支行', role: 'enterprise', createdBy: 'test' })).key;
  keys.department = (await createApiKey({ organization: '市市场监管局', role: 'department', createdBy: 'test' })).key;
  const full = await createApiKey({ organization: '市公安局', role: 'department', createdBy: 'test' });
  await getDb().update(apiKeys).set({ fullIdentifiers: true }).where(eq(apiKeys.id, full.id));
  keys.departmentFull = full.key;
  // Names no other entry has: persons are matched by name (lib/disclosure.ts), so a namesake would join the answer.
  const token = await freshToken(3);
  person = { ...makePerson({ name: `${token}甲` }), uid: uniqueUid('chkapi-p') } as typeof person;
  restricted = {
    ...makePerson({ name: `${token}乙`, disclosure: 'restricted' }),
    uid: uniqueUid('chkapi-r'),
  } as typeof restricted;
  org = { ...makeOrganization(), uid: uniqueUid('chkapi-o') } as typeof org;
  await saveEntries([person, restricted, org], ACTOR);
});

function check(body: unknown, key: string | null, type = 'application/json') {
  const headers: Record<string, string> = { 'content-type': type };
  if (key) headers.authorization = `Bearer ${key}`;
  return POST(
    new Request('http://localhost/api/v1/check', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

type Body = {
  checkedAt: string;
  results: {
    index: number;
    listed: boolean;
    matches: { uid: string; identifier: string | null; score: number; reason: string }[];
  }[];
};

describe('POST /api/v1/check', () => {
  const body = () => ({
    subjects: [
      { idNumber: person.idNumber },
      { idNumber: restricted.idNumber },
      { name: org.name, idNumber: org.idNumber },
      { idNumber: uscc().uscc },
      { name: person.name, idNumber: person.idNumber },
    ],
  });

  it('401 without a key or with a malformed one, 403 with a court key', async () => {
    for (const key of [null, 'ck_nonsense']) {
      const r = await check(body(), key);
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const r = await check(body(), keys.court);
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('400, 413 and 415 for bodies that are not JSON, too large or of another type', async () => {
    expect((await check('{', keys.enterprise)).status).toBe(400);
    expect((await check(body(), keys.enterprise, 'text/plain')).status).toBe(415);
    expect(
      (await check(JSON.stringify({ subjects: [{ name: 'x'.repeat(2 * 1024 * 1024) }] }), keys.enterprise)).status,
    ).toBe(413);
  });

  it('422 with the problem of every item, codes stable and nothing echoed', async () => {
    const cases: [unknown, { field: string; code: string }[]][] = [
      [{ subjects: [] }, [{ field: 'subjects', code: 'too_short' }]],
      [
        { subjects: Array.from({ length: 1001 }, () => ({ name: '某公司' })) },
        [{ field: 'subjects', code: 'too_many' }],
      ],
      [{}, [{ field: 'subjects', code: 'required' }]],
      [[], [{ field: '', code: 'invalid_type' }]],
      [{ subjects: [{ name: '甲公司' }, {}] }, [{ field: 'subjects.1', code: 'required' }]],
      [
        { subjects: [{ name: '  ', idNumber: '' }] },
        [
          { field: 'subjects.0.name', code: 'required' },
          { field: 'subjects.0.idNumber', code: 'required' },
        ],
      ],
      [
        { subjects: [{ name: '甲公司', uscc: person.idNumber }] },
        [{ field: 'subjects.0.uscc', code: 'unknown_field' }],
      ],
      [
        { subjects: [{ name: '甲'.repeat(101) }, { idNumber: 5 }, 'x'] },
        [
          { field: 'subjects.0.name', code: 'too_long' },
          { field: 'subjects.1.idNumber', code: 'invalid_type' },
          { field: 'subjects.2', code: 'invalid_type' },
        ],
      ],
      [{ subjects: [{ name: '甲公司' }], extra: 1 }, [{ field: 'extra', code: 'unknown_field' }]],
    ];
    for (const [bad, expected] of cases) {
      const r = await check(bad, keys.enterprise);
      expect(r.status, JSON.stringify(bad).slice(0, 80)).toBe(422);
      const json = (await r.json()) as {
        error: { code: string; message: string; fields: { field: string; code: string; message: string }[] };
      };
      expect(json.error.code).toBe('validation_failed');
      expect(json.error.fields.map(({ field, code }) => ({ field, code }))).toEqual(expected);
      for (const f of json.error.fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(json)).not.toContain(person.idNumber);
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('200 for an enterprise key: public entries only, persons’ IDs masked, no-store', async () => {
    const r = await check(body(), keys.enterprise);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const json = (await r.json()) as Body;
    expect(Date.parse(json.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    // A person's ID number is never matched on for an enterprise key (lib/disclosure.ts): by name only, and masked.
    expect(json.results.map((x) => [x.index, x.listed])).toEqual([
      [0, false],
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(json.results[0]!.matches).toEqual([]);
    expect(json.results[4]!.matches[0]).toMatchObject({
      uid: person.uid,
      identifier: maskIdNumber(person.idNumber),
      score: 0.7,
    });
    expect(json.results[2]!.matches[0]).toMatchObject({
      uid: org.uid,
      identifier: org.idNumber,
      reason: '证件号码和名称均一致',
    });
    expect(JSON.stringify(json)).not.toContain(person.idNumber);
  });

  it('200 for department keys: restricted entries too; full IDs only with fullIdentifiers', async () => {
    // Without full identifiers a department key, too, cannot match on (and so confirm) a person's ID.
    const masked = (await (
      await check({ subjects: [...body().subjects, { name: restricted.name }] }, keys.department)
    ).json()) as Body;
    expect(masked.results.map((x) => x.listed)).toEqual([false, false, true, false, false, false]);
    expect(masked.results[5]!.matches[0]).toMatchObject({
      uid: restricted.uid,
      identifier: maskIdNumber(restricted.idNumber),
    });
    expect(JSON.stringify(masked)).not.toContain(person.idNumber);

    const full = (await (await check(body(), keys.departmentFull)).json()) as Body;
    expect(full.results.map((x) => x.listed)).toEqual([true, true, true, false, true]);
    expect(full.results[0]!.matches[0]).toMatchObject({
      identifier: person.idNumber,
      score: 1,
      reason: '证件号码一致',
    });
    expect(full.results[1]!.matches[0]!.identifier).toBe(restricted.idNumber);
  });

  it('an enterprise key with fullIdentifiers set still gets masked IDs', async () => {
    const k = await createApiKey({ organization: '某企业', role: 'enterprise', createdBy: 'test' });
    await getDb().update(apiKeys).set({ fullIdentifiers: true }).where(eq(apiKeys.id, k.id));
    const json = (await (await check(body(), k.key)).json()) as Body;
    expect(json.results[0]!.matches).toEqual([]);
    expect(json.results[4]!.matches[0]!.identifier).toBe(maskIdNumber(person.idNumber));
  });
});

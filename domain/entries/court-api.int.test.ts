/**
 * The court's push API, through the route handlers themselves (real Postgres, real keys).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT } from '@/app/api/v1/court/entries/[uid]/route';
import { POST as REVOKE } from '@/app/api/v1/court/entries/[uid]/revoke/route';
import { POST as BATCH } from '@/app/api/v1/court/entries/batch/route';
import { getDb } from '@/db/client';
import { entryHistory, saveEntry } from '@/domain/entries/entries';
import { getPublicEntry, removalNotices } from '@/domain/publishing/queries';
import { entries } from '@/db/schema';
import { ACTOR, entryState, makeOrganization, makePerson, residentId, uniqueUid } from '@/db/tests/factory';
import { seededRandom, testSeed } from '@/lib/testing/seeded-random';
import { createApiKey, revokeApiKey } from '@/domain/auth/api-keys';
import type { EntryInput } from '@/lib/validation/entry-push';
import { searchPublic } from '@/domain/publishing/search';
import { toPushPayload } from '@/lib/validation/push-payload';

let courtKey: string;
let departmentKey: string;

beforeAll(async () => {
  courtKey = (await createApiKey({ organization: '昆山市人民法院', role: 'court', createdBy: 'test' })).key;
  departmentKey = (await createApiKey({ organization: '市公安局', role: 'department', createdBy: 'test' })).key;
});

const payload = toPushPayload;

function person(overrides: Partial<EntryInput> = {}) {
  const publishedAt = new Date(Date.now() - 86_400_000);
  return makePerson({
    uid: uniqueUid('api'),
    publishedAt,
    idNumber: residentId({ birth: '1980-05-06' }),
    age: 46,
    otherIds: [],
    ...overrides,
  });
}

function request(
  method: string,
  path: string,
  body: unknown,
  key: string | null = courtKey,
  type = 'application/json',
) {
  const headers: Record<string, string> = { 'content-type': type };
  if (key) headers.authorization = `Bearer ${key}`;
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const put = (uid: string, body: unknown, key?: string | null) =>
  PUT(request('PUT', `/api/v1/court/entries/${uid}`, body, key === undefined ? courtKey : key), {
    params: Promise.resolve({ uid }),
  });
const revoke = (uid: string, body: unknown, key?: string | null) =>
  REVOKE(request('POST', `/api/v1/court/entries/${uid}/revoke`, body, key === undefined ? courtKey : key), {
    params: Promise.resolve({ uid }),
  });
const batch = (body: unknown, key?: string | null) =>
  BATCH(request('POST', '/api/v1/court/entries/batch', body, key === undefined ? courtKey : key));

async function rowOf(uid: string) {
  const [row] = await getDb().select().from(entries).where(eq(entries.uid, uid));
  return row;
}

describe('PUT /api/v1/court/entries/{uid}', () => {
  it('creates an entry that is public at once, and replaying it changes nothing', async () => {
    const e = person();
    const first = await put(e.uid, payload(e));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ uid: e.uid, outcome: 'created' });
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(await getPublicEntry(e.uid)).toMatchObject({ uid: e.uid, name: e.name });
    const found = await searchPublic(e.name, {}, 1);
    expect(found.status === 'ok' && found.entries.map((x) => x.uid)).toContain(e.uid);

    const replay = await put(e.uid, payload(e));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: 'unchanged' });
    expect((await entryHistory(e.uid)).map((h) => h.kind)).toEqual(['listed']);
    expect((await entryHistory(e.uid))[0]!.actor).toMatch(/^apikey:k_/);
  });

  it('updates an entry and records which fields changed', async () => {
    const e = person();
    await put(e.uid, payload(e));
    const response = await put(e.uid, { ...payload(e), duty: '被执行人支付人民币1元。' });
    expect(await response.json()).toMatchObject({ outcome: 'updated', changed: ['duty'] });
    expect((await rowOf(e.uid))?.duty).toBe('被执行人支付人民币1元。');
  });

  it('creates an organisation', async () => {
    const o = makeOrganization({
      uid: uniqueUid('api-org'),
      publishedAt: new Date(Date.now() - 3_600_000),
      otherIds: [],
    });
    const response = await put(o.uid, payload(o));
    expect(response.status).toBe(201);
    expect((await getPublicEntry(o.uid))?.idNumber).toBe(o.idNumber);
  });

  it('rejects invalid data with 422 and field errors, and writes nothing', async () => {
    const e = person();
    const body = {
      ...payload(e),
      idNumber: `${e.idNumber!.slice(0, 17)}${e.idNumber!.endsWith('0') ? '1' : '0'}`,
      shoeSize: 42,
    };
    const response = await put(e.uid, body);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as {
      error: { code: string; fields: { field: string; code: string; message: string }[] };
    };
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['idNumber', 'shoeSize']));
    for (const f of error.fields) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(error)).not.toContain(body.idNumber as string);
    expect(await rowOf(e.uid)).toBeUndefined();
  });

  it('refuses a minor, broken JSON, a wrong content type and an oversized body', async () => {
    const minor = person({ idNumber: residentId({ birth: `${new Date().getFullYear() - 17}-01-01` }), age: 17 });
    expect((await put(minor.uid, payload(minor))).status).toBe(422);
    expect(await rowOf(minor.uid)).toBeUndefined();

    const e = person();
    expect((await put(e.uid, '{"uid": ')).status).toBe(400);
    expect(
      (
        await PUT(request('PUT', `/api/v1/court/entries/${e.uid}`, payload(e), courtKey, 'text/plain'), {
          params: Promise.resolve({ uid: e.uid }),
        })
      ).status,
    ).toBe(415);
    expect((await put(e.uid, { ...payload(e), duty: 'x'.repeat(70_000) })).status).toBe(413);
    expect(await rowOf(e.uid)).toBeUndefined();
  });

  it('needs a valid, unrevoked court key', async () => {
    const e = person();
    expect((await put(e.uid, payload(e), null)).status).toBe(401);
    expect((await put(e.uid, payload(e), 'ck_k_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(
      401,
    );
    expect((await put(e.uid, payload(e), departmentKey)).status).toBe(403);
    const temp = await createApiKey({ organization: '昆山市人民法院', role: 'court', createdBy: 'test' });
    await revokeApiKey(temp.id);
    expect((await put(e.uid, payload(e), temp.key)).status).toBe(401);
    expect(await rowOf(e.uid)).toBeUndefined();
  });
});

describe('names are plain text', () => {
  const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];
  const refused = (label: string) =>
    `${label}：格式不正确，不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）`;

  it(
    'a name or legal representative with a bidi control, zero-width character or soft hyphen is refused (422)' +
      ' and nothing is stored',
    async () => {
      for (const c of FORMAT_CHARS) {
        const e = person({ name: `张${c}三` });
        const response = await put(e.uid, payload(e));
        expect(response.status).toBe(422);
        expect(await response.json()).toEqual({
          error: expect.objectContaining({
            code: 'validation_failed',
            fields: [{ field: 'name', code: 'invalid_format', message: refused('失信被执行人姓名/名称') }],
          }),
        });
        expect(await rowOf(e.uid)).toBeUndefined();

        const o = makeOrganization({
          uid: uniqueUid('api-plain'),
          legalRepresentative: `李${c}强`,
          publishedAt: new Date(Date.now() - 3_600_000),
          otherIds: [],
        });
        const body = (await (await batch({ entries: [payload(o)] })).json()) as {
          results: { status: string; errors?: unknown[] }[];
        };
        expect(body.results).toEqual([
          expect.objectContaining({
            status: 'rejected',
            errors: [{ field: 'legalRepresentative', code: 'invalid_format', message: refused('企业法定代表人姓名') }],
          }),
        ]);
        expect(await rowOf(o.uid)).toBeUndefined();
      }
    },
  );

  it('a search pasted with a soft hyphen or bidi control finds the entry named 张三 (built-in engine)', async () => {
    // A court of its own isolates the search; the API takes only directory courts, so it is saved below the boundary.
    const court = `名称测试法院${uniqueUid('court')}`;
    const e = person({ name: '张三', court });
    await saveEntry(e, ACTOR);
    const found = async (q: string) => {
      const r = await searchPublic(q, { court }, 1);
      return r.status === 'ok' ? { engine: r.engine, hits: r.entries.map((x) => [x.uid, x.rank]) } : r.status;
    };
    expect(await found('张三')).toEqual({ engine: 'postgres', hits: [[e.uid, 1]] });
    for (const q of ['张\u00AD三', '\u202E张三\u202C', '张\u2066三\u2069', '张\u200B三'])
      expect(await found(q), q).toEqual(await found('张三'));
  });
});

describe('stated age and gender against the 18-digit resident ID (real handler, real database)', () => {
  type Refusal = { error: { code: string; fields: { field: string; code: string; message: string }[] } };
  // Born 1986-06-15, 17th digit 3 (男); published 2026-06-14: the day before the 40th birthday (39 by the ID).
  const publishedAt = new Date('2026-06-14T02:00:00Z');
  const man = (over: Partial<EntryInput> = {}) =>
    person({ idNumber: residentId({ birth: '1986-06-15', seq: '123' }), publishedAt, filedAt: '2026-05-01', ...over });

  it('refuses an age that contradicts the birth date: 422 naming 年龄 and 身份证号码, nothing written', async () => {
    const e = man({ age: 123, gender: '男' });
    const response = await put(e.uid, payload(e));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as Refusal;
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([
      {
        field: 'age',
        code: 'id_mismatch',
        message: '年龄：与身份证号码/组织机构代码中的出生日期不符（按发布时间计算的周岁，容许相差 1 岁）',
      },
    ]);
    expect(JSON.stringify(error)).not.toContain(e.idNumber!);
    expect(await rowOf(e.uid)).toBeUndefined();
  });

  it('refuses a gender that contradicts the sex digit, naming both fields', async () => {
    const e = man({ age: 39, gender: '女' });
    const response = await put(e.uid, payload(e));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as Refusal;
    expect(error.fields.map((f) => [f.field, f.code])).toEqual([['gender', 'id_mismatch']]);
    expect(error.fields[0]!.message).toMatch(/^性别：与身份证号码\/组织机构代码中的性别不符/);
    expect(await rowOf(e.uid)).toBeUndefined();
  });

  it('accepts agreeing values, and ±1 year at the birthday boundary; not ±2', async () => {
    for (const age of [38, 39, 40]) {
      const e = man({ age, gender: '男' });
      expect((await put(e.uid, payload(e))).status, `age ${age}`).toBe(201);
      expect((await rowOf(e.uid))?.age).toBe(age);
    }
    const e = man({ age: 41, gender: '男' });
    expect((await put(e.uid, payload(e))).status).toBe(422);
  });

  it('leaves legacy 15-digit numbers unchecked', async () => {
    const e = person({ idNumber: '320583860615124', age: 99, gender: '男' });
    expect((await put(e.uid, payload(e))).status).toBe(201);
  });

  it('refuses the inconsistent item of a batch on its own', async () => {
    const good = man({ age: 39, gender: '男' });
    const bad = man({ age: 123, gender: '男' });
    const response = await batch({ entries: [payload(good), payload(bad)] });
    const body = (await response.json()) as {
      results: { status: string; errors?: { field: string; code: string }[] }[];
    };
    expect(body.results.map((r) => r.status)).toEqual(['created', 'rejected']);
    expect(body.results[1]!.errors).toEqual([expect.objectContaining({ field: 'age', code: 'id_mismatch' })]);
    expect(await rowOf(bad.uid)).toBeUndefined();
  });
});

describe('POST /api/v1/court/entries/batch', () => {
  it('commits valid items and rejects invalid ones, each on its own', async () => {
    const good = [person(), person()];
    const bad: Record<string, unknown> = { ...payload(person()), circumstances: [] };
    const response = await batch({ entries: [payload(good[0]!), bad, payload(good[1]!)] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      summary: Record<string, number>;
      results: { index: number; status: string; errors?: unknown[] }[];
    };
    expect(body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(body.results.map((r) => r.status)).toEqual(['created', 'rejected', 'created']);
    expect(body.results[1]!.errors).not.toHaveLength(0);
    for (const g of good) expect(await getPublicEntry(g.uid)).not.toBeNull();
    expect(await rowOf(bad.uid as string)).toBeUndefined();
  });

  it('rejects an item older than the stored version on its own, with its code; the others are saved', async () => {
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const stored = person({ updatedAt: ago(10) });
    await put(stored.uid, payload(stored));
    const before = await entryState(stored.uid);
    const fresh = person({ updatedAt: ago(30) });
    const stale = { ...stored, duty: '被执行人支付人民币3元。', updatedAt: ago(20) };
    const response = await batch({ entries: [payload(fresh), payload(stale)] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      summary: Record<string, number>;
      results: {
        index: number;
        uid: string;
        status: string;
        errors?: { field: string; code: string; message: string }[];
      }[];
    };
    expect(body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(body.results).toEqual([
      { index: 0, uid: fresh.uid, status: 'created' },
      {
        index: 1,
        uid: stored.uid,
        status: 'rejected',
        errors: [{ field: 'updatedAt', code: 'stale_version', message: expect.stringMatching(/^更新时间：/) }],
      },
    ]);
    expect(await entryState(stored.uid)).toEqual(before);
    expect((await rowOf(fresh.uid))?.sourceUpdatedAt).toEqual(fresh.updatedAt);
  });

  it('refuses more than 1,000 entries, and a body that is not a batch', async () => {
    const e = payload(person());
    expect((await batch({ entries: Array.from({ length: 1001 }, () => e) })).status).toBe(422);
    expect((await batch([e])).status).toBe(422);
    expect((await batch({ entries: [] })).status).toBe(422);
  });
});

describe('versions: updatedAt orders pushes of one entry', () => {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  type ErrorBody = {
    error: { code: string; message: string; fields: { field: string; code: string; message: string }[] };
  };

  /** Expects a 409 with `code` and the updatedAt field error, and the entry exactly as it was. */
  async function expectConflict(send: () => Promise<Response>, uid: string, code: string) {
    const before = await entryState(uid);
    const response = await send();
    expect(response.status).toBe(409);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ code, fields: [{ field: 'updatedAt', code }] });
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.fields[0]!.message).toMatch(/^更新时间：/);
    expect(await entryState(uid)).toEqual(before);
  }

  it('an older version after a newer one: 409 stale_version, nothing changed (row, events, outbox)', async () => {
    const newer = person({ updatedAt: ago(10) });
    expect((await put(newer.uid, payload(newer))).status).toBe(201);
    const older = { ...newer, duty: '被执行人支付人民币1元。', updatedAt: ago(20) };
    await expectConflict(() => put(older.uid, payload(older)), newer.uid, 'stale_version');
    expect((await rowOf(newer.uid))?.duty).toBe(newer.duty);
  });

  it(
    'an older version then a newer one: both saved; the same version again is 200 unchanged, with other' +
      ' content 409',
    async () => {
      const older = person({ updatedAt: ago(20) });
      expect((await put(older.uid, payload(older))).status).toBe(201);
      const newer = { ...older, duty: '被执行人支付人民币2元。', updatedAt: ago(10) };
      const updated = await put(newer.uid, payload(newer));
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ outcome: 'updated', changed: ['duty'] });

      const replay = await put(newer.uid, payload(newer));
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ outcome: 'unchanged' });
      expect((await entryHistory(newer.uid)).map((h) => h.kind)).toEqual(['listed', 'updated']);

      await expectConflict(
        () => put(newer.uid, { ...payload(newer), performance: '部分履行' }),
        newer.uid,
        'version_conflict',
      );
      const { updatedAt: _none, ...untimed } = payload(newer);
      await expectConflict(
        () => put(newer.uid, { ...untimed, performance: '部分履行' }),
        newer.uid,
        'version_required',
      );
    },
  );

  it('refuses an updatedAt in the future with 422', async () => {
    const e = person({ updatedAt: new Date(Date.now() + 10 * 60_000) });
    const response = await put(e.uid, payload(e));
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.fields).toEqual([
      expect.objectContaining({ field: 'updatedAt', code: 'future_date' }),
    ]);
  });

  it('two versions pushed at once: the newest is stored whatever the arrival order (seeded rounds)', async () => {
    const SEED = testSeed();
    const stream = seededRandom('court-api:version-race', SEED);
    const random = stream.next;
    for (let round = 0; round < 30; round++) {
      const base = person({ updatedAt: ago(60) });
      // Even rounds start from a stored older version; odd rounds race to create the entry.
      if (round % 2 === 0) expect((await put(base.uid, payload(base))).status).toBe(201);
      const versions = [
        { ...base, duty: `第${round}轮：版本一`, updatedAt: ago(20) },
        { ...base, duty: `第${round}轮：版本二`, updatedAt: ago(10) },
      ];
      const order = random() < 0.5 ? versions : [...versions].reverse();
      const responses = await Promise.all(
        order.map(async (v) => {
          await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
          return put(v.uid, payload(v));
        }),
      );
      const context = `seed ${SEED}, round ${round}, order ${order.map((v) => v.duty).join(' → ')}`;
      for (const r of responses) expect([200, 201, 409], context).toContain(r.status);
      const row = await rowOf(base.uid);
      expect(row, context).toMatchObject({ duty: versions[1]!.duty, sourceUpdatedAt: versions[1]!.updatedAt });
      // The older one was either saved first and then replaced, or refused as stale.
      const older = responses[order.indexOf(versions[0]!)]!;
      if (older.status === 409) expect(((await older.json()) as ErrorBody).error.code, context).toBe('stale_version');
      const saved = responses.filter((r) => r.status !== 409).length + (round % 2 === 0 ? 1 : 0);
      expect((await entryHistory(base.uid)).length, context).toBe(saved);
    }
  });
});

describe('POST /api/v1/court/entries/{uid}/revoke', () => {
  it('revokes: hidden at once, notice published, event recorded', async () => {
    const e = person();
    await put(e.uid, payload(e));
    const response = await revoke(e.uid, { kind: 'revoke', reason: '全部履行' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ uid: e.uid, status: 'revoked' });
    expect(await getPublicEntry(e.uid)).toBeNull();
    const found = await searchPublic(e.name, {}, 1);
    expect(found.status === 'ok' && found.entries.map((x) => x.uid)).not.toContain(e.uid);
    expect((await removalNotices({ days: 90, pageSize: 500 }).then((p) => p.notices)).map((n) => n.uid)).toContain(
      e.uid,
    );
    const last = (await entryHistory(e.uid)).at(-1)!;
    expect(last).toMatchObject({ kind: 'revoked', reason: '全部履行' });
    expect(last.actor).toMatch(/^apikey:/);

    expect((await revoke(e.uid, { kind: 'shield', reason: '纳入错误' })).status).toBe(409);
  });

  it('shields, and refuses unknown grounds, unknown entries and wrong roles', async () => {
    const e = person();
    await put(e.uid, payload(e));
    expect((await revoke(e.uid, { kind: 'revoke', reason: '心情不好' })).status).toBe(422);
    expect((await revoke(e.uid, { kind: 'shield', reason: '纳入错误' }, departmentKey)).status).toBe(403);
    expect((await revoke(e.uid, { kind: 'shield', reason: '纳入错误' }, null)).status).toBe(401);
    expect(await getPublicEntry(e.uid)).not.toBeNull();
    expect((await revoke(e.uid, { kind: 'shield', reason: '纳入错误' })).status).toBe(200);
    expect((await rowOf(e.uid))?.status).toBe('shielded');
    expect((await revoke('no-such-entry', { kind: 'revoke', reason: '全部履行' })).status).toBe(404);
  });

  it('refuses a removal dated before the entry was published', async () => {
    const e = person();
    await put(e.uid, payload(e));
    const before = new Date(e.publishedAt.getTime() - 86_400_000).toISOString();
    const response = await revoke(e.uid, { kind: 'revoke', reason: '全部履行', effectiveAt: before });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { fields: { field: string; code: string }[] } }).error.fields).toEqual([
      expect.objectContaining({ field: 'effectiveAt', code: 'date_order' }),
    ]);
    expect(await getPublicEntry(e.uid)).not.toBeNull();
  });
});

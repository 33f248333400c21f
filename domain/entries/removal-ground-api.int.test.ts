/**
 * POST /api/v1/court/entries/{uid}/removal-ground through the route handler itself (real Postgres, real keys):
 * the court's system starts the same removal clock as the clerk's screen, and a revocation through the API stops it.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as GROUND } from '@/app/api/v1/court/entries/[uid]/removal-ground/route';
import { POST as REVOKE } from '@/app/api/v1/court/entries/[uid]/revoke/route';
import { getDb } from '@/db/client';
import { entries } from '@/db/schema';
import { removalClock } from '@/db/staff-queries';
import { createApiKey } from '@/domain/auth/api-keys';
import { entryHistory, saveEntry } from '@/domain/entries/entries';
import { ACTOR, entryState, makePerson } from '@/db/tests/factory';
import { addDays, dueDay, todayInChina } from '@/lib/clocks';

let kunshanKey: string;
let kunshanAliasKey: string;
let suzhouKey: string;
let departmentKey: string;

beforeAll(async () => {
  const key = async (organization: string, role: 'court' | 'department') =>
    (await createApiKey({ organization, role, createdBy: 'test' })).key;
  kunshanKey = await key('昆山市人民法院', 'court');
  kunshanAliasKey = await key('昆山法院', 'court'); // an alias in the court directory
  suzhouKey = await key('苏州市中级人民法院', 'court');
  departmentKey = await key('市公安局', 'department');
});

const today = () => todayInChina();
const daysAgo = (n: number) => addDays(today(), -n);

async function listed(court = '昆山市人民法院') {
  const entry = makePerson({ court, filedAt: daysAgo(60) });
  await saveEntry(entry, ACTOR);
  return entry;
}

function post(path: string, body: unknown, key: string | null, type = 'application/json') {
  const headers: Record<string, string> = { 'content-type': type };
  if (key) headers.authorization = `Bearer ${key}`;
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ground = (uid: string, body: unknown, key: string | null = kunshanKey, type?: string) =>
  GROUND(post(`/api/v1/court/entries/${uid}/removal-ground`, body, key, type), { params: Promise.resolve({ uid }) });
const revoke = (uid: string, body: unknown, key: string | null = kunshanKey) =>
  REVOKE(post(`/api/v1/court/entries/${uid}/revoke`, body, key), { params: Promise.resolve({ uid }) });

type ErrorBody = {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
};
const errorOf = async (r: Response) => ((await r.json()) as ErrorBody).error;

async function clockRow(uid: string) {
  return (await removalClock()).find((r) => r.uid === uid);
}

describe('POST /api/v1/court/entries/{uid}/removal-ground', () => {
  it('records the ground: 201, the staff clock runs from the day it happened, one removal_due event', async () => {
    const e = await listed();
    const on = daysAgo(1);
    const r = await ground(e.uid, { ground: '全部履行', occurredOn: on, note: '已全额支付执行款' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toContain('no-store');
    expect(await r.json()).toEqual({
      uid: e.uid,
      ground: '全部履行',
      occurredOn: on,
      dueDay: dueDay(on, 'removalDays'),
      overdue: false,
      outcome: 'recorded',
    });
    // The staff's removal clock (the dashboard's table reads removalClock()).
    expect(await clockRow(e.uid)).toMatchObject({
      removalGround: '全部履行',
      removalGroundOn: on,
      dueDay: dueDay(on, 'removalDays'),
      overdue: false,
    });
    const events = await entryHistory(e.uid);
    expect(events.map((ev) => ev.kind)).toEqual(['listed', 'removal_due']);
    expect(events[1]).toMatchObject({
      reason: '全部履行',
      details: { on, note: '已全额支付执行款' },
      actor: expect.stringMatching(/^apikey:k_/),
    });
  });

  it('a ground 5 days old is overdue at once, in the answer and on the staff clock', async () => {
    const e = await listed();
    const r = await ground(e.uid, { ground: '执行和解履行完毕', occurredOn: daysAgo(5) });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ overdue: true });
    expect(await clockRow(e.uid)).toMatchObject({ overdue: true });
  });

  it('is idempotent: the same ground and day again is 200 unchanged, and changes nothing', async () => {
    const e = await listed();
    const body = { ground: '终结执行', occurredOn: daysAgo(2) };
    expect((await ground(e.uid, body)).status).toBe(201);
    const before = await entryState(e.uid);
    const replay = await ground(e.uid, { ...body, note: '重发' });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ ...body, outcome: 'unchanged' });
    expect(await entryState(e.uid)).toEqual(before);
    expect((await entryHistory(e.uid)).filter((ev) => ev.kind === 'removal_due')).toHaveLength(1);
  });

  it('refuses another ground, or another day, while the clock runs: 409 ground_conflict, nothing changed', async () => {
    const e = await listed();
    const on = daysAgo(2);
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: on })).status).toBe(201);
    const before = await entryState(e.uid);
    for (const body of [
      { ground: '终结执行', occurredOn: on },
      { ground: '全部履行', occurredOn: daysAgo(1) },
    ]) {
      const r = await ground(e.uid, body);
      expect(r.status).toBe(409);
      const error = await errorOf(r);
      expect(error.code).toBe('ground_conflict');
      expect(error.message).toContain('全部履行');
    }
    expect(await entryState(e.uid)).toEqual(before);
    expect(await clockRow(e.uid)).toMatchObject({ removalGround: '全部履行', removalGroundOn: on });
  });

  it("refuses another court's key (403 outside_court) and takes the own court's alias", async () => {
    const e = await listed();
    const before = await entryState(e.uid);
    const r = await ground(e.uid, { ground: '全部履行', occurredOn: daysAgo(1) }, suzhouKey);
    expect(r.status).toBe(403);
    expect((await errorOf(r)).code).toBe('outside_court');
    expect(await entryState(e.uid)).toEqual(before);
    expect(await clockRow(e.uid)).toBeUndefined();

    const sz = await listed('苏州市中级人民法院');
    expect((await ground(sz.uid, { ground: '全部履行', occurredOn: daysAgo(1) }, kunshanKey)).status).toBe(403);
    expect((await ground(sz.uid, { ground: '全部履行', occurredOn: daysAgo(1) }, suzhouKey)).status).toBe(201);
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: daysAgo(1) }, kunshanAliasKey)).status).toBe(201);
  });

  it('answers 404 for an unknown entry (and a malformed uid), 409 for a removed one', async () => {
    const body = { ground: '全部履行', occurredOn: daysAgo(1) };
    const unknown = await ground('no-such-entry-uid', body);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('not_found');
    expect((await ground('bad uid!', body)).status).toBe(404);

    const e = await listed();
    expect((await revoke(e.uid, { kind: 'shield', reason: '其他', note: '依法屏蔽' })).status).toBe(200);
    const removed = await ground(e.uid, body);
    expect(removed.status).toBe(409);
    expect((await errorOf(removed)).code).toBe('not_active');
  });

  it('refuses bad dates with 422: format, impossible day, the future, before the case was filed', async () => {
    const e = await listed();
    const cases: [unknown, string][] = [
      ['2025/01/02', 'invalid_format'],
      ['2025-02-30', 'invalid_date'],
      [20250102, 'invalid_type'],
      [addDays(today(), 1), 'future_date'],
      [daysAgo(61), 'date_order'], // filed 60 days ago
    ];
    for (const [occurredOn, code] of cases) {
      const r = await ground(e.uid, { ground: '全部履行', occurredOn });
      expect(r.status, String(occurredOn)).toBe(422);
      const error = await errorOf(r);
      expect(error.code).toBe('validation_failed');
      expect(error.fields, String(occurredOn)).toEqual([
        { field: 'occurredOn', code, message: expect.stringMatching(/^事由发生日：/) },
      ]);
    }
    expect(await clockRow(e.uid)).toBeUndefined();
    expect((await entryHistory(e.uid)).map((ev) => ev.kind)).toEqual(['listed']);
  });

  it('refuses a malformed or oversized body: broken JSON 400, not JSON 415, 413, bad fields 422', async () => {
    const e = await listed();
    expect((await ground(e.uid, '{"ground": ')).status).toBe(400);
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: daysAgo(1) }, kunshanKey, 'text/plain')).status).toBe(
      415,
    );
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: daysAgo(1), note: 'x'.repeat(70_000) })).status).toBe(
      413,
    );
    const fieldsOf = async (body: unknown) => {
      const r = await ground(e.uid, body);
      expect(r.status).toBe(422);
      return (await errorOf(r)).fields!.map((f) => `${f.field}:${f.code}`);
    };
    expect(await fieldsOf([])).toEqual([':invalid_type']);
    expect(await fieldsOf({})).toEqual(['ground:required', 'occurredOn:required']);
    expect(await fieldsOf({ ground: '还钱了', occurredOn: daysAgo(1), extra: 1 })).toEqual([
      'ground:invalid_enum',
      'extra:unknown_field',
    ]);
    expect(await fieldsOf({ ground: '其他', occurredOn: daysAgo(1) })).toEqual(['note:required']);
    expect(await fieldsOf({ ground: '全部履行', occurredOn: daysAgo(1), note: 'x'.repeat(501) })).toEqual([
      'note:too_long',
    ]);
    expect(await clockRow(e.uid)).toBeUndefined();
  });

  it('needs a court key: none 401, a department key 403', async () => {
    const e = await listed();
    const body = { ground: '全部履行', occurredOn: daysAgo(1) };
    expect((await ground(e.uid, body, null)).status).toBe(401);
    const r = await ground(e.uid, body, departmentKey);
    expect(r.status).toBe(403);
    expect((await errorOf(r)).code).toBe('forbidden');
    expect(await clockRow(e.uid)).toBeUndefined();
  });

  it('revoking through the API stops the clock: off the staff clock, the ground stays on record', async () => {
    const e = await listed();
    const on = daysAgo(1);
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: on })).status).toBe(201);
    expect(await clockRow(e.uid)).toBeDefined();
    const r = await revoke(e.uid, { kind: 'revoke', reason: '全部履行' });
    expect(r.status).toBe(200);
    // Met within the 3 days: revoked on or before its last day, and no longer on the clock.
    const [row] = await getDb().select().from(entries).where(eq(entries.uid, e.uid));
    expect(row).toMatchObject({ status: 'revoked', removalGround: '全部履行', removalGroundOn: on });
    expect(todayInChina(row!.statusChangedAt!) <= dueDay(on, 'removalDays')).toBe(true);
    expect(await clockRow(e.uid)).toBeUndefined();
    expect((await entryHistory(e.uid)).map((ev) => ev.kind)).toEqual(['listed', 'removal_due', 'revoked']);
    // The clock stopped: a ground posted afterwards is refused (the entry is no longer active).
    expect((await ground(e.uid, { ground: '全部履行', occurredOn: on })).status).toBe(409);
  });
});

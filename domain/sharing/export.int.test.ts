/**
 * The departments' export (GET /api/v1/export through its route handler, and startExport as the portal calls it):
 * who may export, which entries, persons' ID numbers per the grant, the filters, both formats parsed back, formula
 * injection defused, the audit rows, the refusals.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { and, desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/export/route';
import { getDb } from '@/db/client';
import { auditLog, entries } from '@/db/schema';
import { ACTOR, DAY, makeOrganization, makePerson, residentId } from '@/db/tests/factory';
import { createApiKey } from '@/domain/auth/api-keys';
import { saveEntries } from '@/domain/entries/entries';
import { EXPORT_HEADER, MAX_RUNNING_EXPORTS, startExport } from '@/domain/sharing/export';
import { can } from '@/lib/auth/capabilities';
import { maskIdNumber } from '@/lib/mask';
import { seededRandom } from '@/lib/testing/seeded-random';
import type { EntryInput } from '@/lib/validation/entry-push';

const random = seededRandom('export.int');
// A window of four days of its own (in 2016–2019) that no other file publishes on, so the filtered exports hold exactly
// this file's entries.
const START = Date.UTC(2016, 0, 1) + random.int(1400) * DAY;
const day = (i: number) => new Date(START + i * DAY).toISOString().slice(0, 10);
/** An instant on day i at the given China Standard Time wall clock. */
const cst = (i: number, time: string) => new Date(`${day(i)}T${time}+08:00`);
const on = (i: number, time = '10:00:00'): Partial<EntryInput> => ({
  publishedAt: cst(i, time),
  filedAt: day(i - 30),
  validUntil: null,
});

let masked: { id: string; key: string };
let full: { id: string; key: string };
let limited: { id: string; key: string };
let enterprise: string;
let court: string;

const e = {
  person: makePerson({ ...on(0), duty: '=HYPERLINK("http://x.example","点我")', performance: '+1' }),
  restricted: makePerson({ ...on(1), disclosure: 'restricted' }),
  org: makeOrganization({ ...on(2), severity: 'serious', legalRepresentative: '-李四' }),
  lastMinute: makePerson(on(2, '23:59:59')),
  nextDay: makePerson(on(3, '00:00:00')),
  revoked: makePerson(on(1)),
  shielded: makePerson(on(1)),
  expired: makePerson({ ...on(1), validUntil: cst(2, '12:00:00') }),
  minorByAge: makePerson(on(1)),
  minorById: makePerson(on(1)),
  future: makePerson({ publishedAt: new Date(Date.now() + 5 * DAY), filedAt: day(0), validUntil: null }),
};

beforeAll(async () => {
  const key = async (organization: string, role: 'department' | 'enterprise' | 'court', fullIdentifiers = false) => {
    const k = await createApiKey({ organization, role, createdBy: 'test', fullIdentifiers });
    return { id: k.id, key: k.key };
  };
  masked = await key('市税务局', 'department');
  full = await key('市公安局', 'department', true);
  limited = await key('市市场监管局', 'department');
  enterprise = (await key('某企业', 'enterprise')).key;
  court = (await key('昆山市人民法院', 'court')).key;
  const outcomes = await saveEntries(Object.values(e), ACTOR);
  expect(outcomes.every((o) => 'outcome' in o)).toBe(true);
  await saveEntries([{ ...e.revoked, revokedAt: new Date() }], ACTOR);
  const db = getDb();
  await db.update(entries).set({ status: 'shielded' }).where(eq(entries.uid, e.shielded.uid));
  // The push refuses minors; rows that became one anyway (a direct edit, an old import) are still never exported.
  await db.update(entries).set({ age: 17 }).where(eq(entries.uid, e.minorByAge.uid));
  const born = new Date(START + DAY - 17 * 365 * DAY).toISOString().slice(0, 10);
  await db
    .update(entries)
    .set({ idNumber: residentId({ birth: born }), age: null })
    .where(eq(entries.uid, e.minorById.uid));
});

const get = (query: string, key: string | null) =>
  GET(
    new Request(`http://localhost/api/v1/export${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }),
  );

const WINDOW = `from=${day(0)}&to=${day(2)}`;

/** The CSV's records (BOM checked and dropped), header first. */
async function csvRecords(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes.slice(3)), { relaxQuotes: false }) as string[][];
}

const col = (label: string) => EXPORT_HEADER.indexOf(label);
const UID = col('信息唯一标识');
const ID = col('身份证号码/组织机构代码');

function byUid(records: string[][]): Map<string, string[]> {
  return new Map(records.slice(1).map((r) => [r[UID]!, r]));
}

async function lastAudit(actor: string, action: 'export_done' | 'full_id_viewed') {
  const [row] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actor, actor), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

async function auditCount(actor: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(eq(auditLog.actor, actor));
  return row!.n;
}

describe('GET /api/v1/export', () => {
  it('answers department keys only', async () => {
    expect((await get('?format=csv', null)).status).toBe(401);
    expect((await get('?format=csv', 'ck_k_000000000000.nope')).status).toBe(401);
    expect((await get('?format=csv', enterprise)).status).toBe(403);
    expect((await get('?format=csv', court)).status).toBe(403);
  });

  it('refuses a bad format or day, a reversed range, an unknown or repeated parameter; records nothing', async () => {
    const before = await auditCount(`apikey:${masked.id}`);
    const cases: [string, string][] = [
      ['', 'format'],
      ['?format=pdf', 'format'],
      ['?format=csv&from=2020-13-01', 'from'],
      ['?format=csv&to=20200101', 'to'],
      [`?format=csv&from=${day(2)}&to=${day(0)}`, 'to'],
      ['?format=csv&kind=company', 'kind'],
      ['?format=csv&severity=high', 'severity'],
      ['?format=csv&limit=10', 'limit'],
      ['?format=csv&format=xlsx', 'format'],
    ];
    for (const [q, field] of cases) {
      const res = await get(q, masked.key);
      expect(res.status, q).toBe(422);
      const body = (await res.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
      expect(body.error.code, q).toBe('invalid_parameters');
      expect(
        body.error.fields.map((f) => f.field),
        q,
      ).toContain(field);
      expect(body.error.fields.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
    }
    expect(await auditCount(`apikey:${masked.id}`)).toBe(before);
  });

  it('exports the days as CSV: restricted included, persons masked, formulas defused', async () => {
    const res = await get(`?format=csv&${WINDOW}`, masked.key);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="shixin-export-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(res.headers.get('x-export-rows')).toBe('4');
    const records = await csvRecords(res);
    expect(records[0]).toEqual(EXPORT_HEADER);
    const rows = byUid(records);
    expect([...rows.keys()].sort()).toEqual([e.person.uid, e.restricted.uid, e.org.uid, e.lastMinute.uid].sort());
    // Oldest first.
    expect(records.slice(1).map((r) => r[UID])).toEqual([e.person.uid, e.restricted.uid, e.org.uid, e.lastMinute.uid]);
    expect(rows.get(e.person.uid)![ID]).toBe(maskIdNumber(e.person.idNumber!));
    expect(rows.get(e.person.uid)![ID]).not.toBe(e.person.idNumber);
    expect(rows.get(e.org.uid)![ID]).toBe(e.org.idNumber);
    expect(rows.get(e.restricted.uid)![col('公开方式')]).toBe('依法不宜公开');
    expect(rows.get(e.person.uid)![col('公开方式')]).toBe('公开');
    expect(rows.get(e.org.uid)![col('主体类型')]).toBe('法人及其他组织');
    expect(rows.get(e.org.uid)![col('失信严重程度')]).toBe('严重失信');
    expect(rows.get(e.lastMinute.uid)![col('发布时间（北京时间）')]).toBe(`${day(2)} 23:59:59`);
    // A spreadsheet runs none of them.
    expect(rows.get(e.person.uid)![col('法律生效文书确定的义务')]).toBe(`'${e.person.duty}`);
    expect(rows.get(e.person.uid)![col('被执行人的履行情况')]).toBe("'+1");
    expect(rows.get(e.org.uid)![col('企业法定代表人姓名')]).toBe("'-李四");
    for (const r of records.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('writes who, the filter, the format and the row count to the audit trail before the file', async () => {
    const res = await get(`?format=csv&${WINDOW}&kind=person`, masked.key);
    const row = await lastAudit(`apikey:${masked.id}`, 'export_done');
    expect(row).toMatchObject({
      objectType: 'export',
      detail: {
        filter: { from: day(0), to: day(2), kind: 'person' },
        format: 'csv',
        rows: 3,
        fullIdentifiers: false,
        via: 'api',
      },
    });
    expect(row!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await csvRecords(res)).length).toBe(1 + 3);
    // Masked IDs are no full-ID read.
    expect(await lastAudit(`apikey:${masked.id}`, 'full_id_viewed')).toBeUndefined();
  });

  it('gives a key granted full identifiers the whole numbers, and records that read', async () => {
    const rows = byUid(await csvRecords(await get(`?format=csv&${WINDOW}`, full.key)));
    expect(rows.get(e.person.uid)![ID]).toBe(e.person.idNumber);
    expect(rows.get(e.restricted.uid)![ID]).toBe(e.restricted.idNumber);
    expect(await lastAudit(`apikey:${full.id}`, 'full_id_viewed')).toMatchObject({
      objectType: 'export',
      detail: { filter: { from: day(0), to: day(2) }, persons: 3 },
    });
    expect((await lastAudit(`apikey:${full.id}`, 'export_done'))?.detail).toMatchObject({ fullIdentifiers: true });
    // Not even a full-ID audit row holds a number.
    const trail = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.actor, `apikey:${full.id}`));
    expect(JSON.stringify(trail)).not.toContain(e.person.idNumber!);
  });

  it('filters by kind, severity and China Standard Time days (both ends included)', async () => {
    const uids = async (q: string) => [...byUid(await csvRecords(await get(`?format=csv&${q}`, masked.key))).keys()];
    expect(await uids(`${WINDOW}&kind=organization`)).toEqual([e.org.uid]);
    expect(await uids(`${WINDOW}&severity=serious`)).toEqual([e.org.uid]);
    expect(await uids(`${WINDOW}&kind=person&severity=serious`)).toEqual([]);
    expect((await uids(`from=${day(2)}&to=${day(3)}`)).sort()).toEqual(
      [e.org.uid, e.lastMinute.uid, e.nextDay.uid].sort(),
    );
    expect(await uids(`from=${day(3)}&to=${day(3)}`)).toEqual([e.nextDay.uid]);
    expect(await uids(`from=${day(0)}&to=${day(0)}&kind=&severity=`)).toEqual([e.person.uid]);
  });

  it('never exports a revoked, shielded, expired, not yet published entry or a minor', async () => {
    const all = byUid(await csvRecords(await get('?format=csv', masked.key)));
    for (const shown of [e.person, e.restricted, e.org, e.lastMinute, e.nextDay]) expect(all.has(shown.uid)).toBe(true);
    for (const hidden of [e.revoked, e.shielded, e.expired, e.minorByAge, e.minorById, e.future])
      expect(all.has(hidden.uid), hidden.uid).toBe(false);
  });

  it('exports XLSX with the same rows: text cells, formulas defused, the age a number', async () => {
    const res = await get(`?format=xlsx&${WINDOW}`, full.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('失信被执行人名单');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(EXPORT_HEADER);
    expect(sheet.actualRowCount).toBe(5);
    const rows = new Map([2, 3, 4, 5].map((n) => [values(n)[UID] as string, sheet.getRow(n)]));
    expect([...rows.keys()].sort()).toEqual([e.person.uid, e.restricted.uid, e.org.uid, e.lastMinute.uid].sort());
    const person = rows.get(e.person.uid)!;
    const cell = (label: string) => person.getCell(col(label) + 1);
    expect(cell('身份证号码/组织机构代码').value).toBe(e.person.idNumber);
    expect(cell('身份证号码/组织机构代码').type).toBe(ExcelJS.ValueType.String);
    expect(cell('法律生效文书确定的义务').value).toBe(`'${e.person.duty}`);
    expect(cell('法律生效文书确定的义务').type).toBe(ExcelJS.ValueType.String);
    expect(cell('年龄').value).toBe(e.person.age);
    // Empty fields are empty cells.
    expect(rows.get(e.org.uid)!.getCell(col('年龄') + 1).value).toBeNull();
  });

  it('refuses a key over its hourly limit with 429 and Retry-After, after reading nothing', async () => {
    const empty = `?format=csv&from=${day(10)}&to=${day(10)}`;
    for (let i = 0; i < 20; i++) {
      const res = await get(empty, limited.key);
      expect(res.status).toBe(200);
      expect((await csvRecords(res)).length).toBe(1);
    }
    const before = await auditCount(`apikey:${limited.id}`);
    const refused = await get(empty, limited.key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect(await auditCount(`apikey:${limited.id}`)).toBe(before);
  });
});

describe('the portal export (startExport for staff)', () => {
  it('is for department officers and the credit office only', () => {
    expect(can({ role: 'department_officer' }, 'exportEntries')).toBe(true);
    expect(can({ role: 'credit_office' }, 'exportEntries')).toBe(true);
    expect(can({ role: 'court_clerk' }, 'exportEntries')).toBe(false);
    expect(can({ role: 'admin' }, 'exportEntries')).toBe(false);
  });

  it('masks persons and records the staff member', async () => {
    const actor = `staff:export-${random.hex(6)}@example.cn`;
    const started = await startExport({
      query: { format: 'csv', from: day(0), to: day(2) },
      fullIdentifiers: false,
      actor,
      clientAddress: '203.0.113.9',
      via: 'portal',
    });
    if (!started.ok) throw new Error('refused');
    expect(started.rows).toBe(4);
    const rows = byUid(await csvRecords(new Response(started.body, { headers: started.headers })));
    expect(rows.get(e.restricted.uid)![ID]).toBe(maskIdNumber(e.restricted.idNumber!));
    expect(await lastAudit(actor, 'export_done')).toMatchObject({
      clientAddress: '203.0.113.9',
      detail: { rows: 4, via: 'portal', format: 'csv' },
    });
  });

  it('runs at most MAX_RUNNING_EXPORTS at once (each holds a connection), refusing the next as busy', async () => {
    const request = (tag: string) =>
      startExport({
        query: { format: 'csv' },
        fullIdentifiers: false,
        actor: `staff:busy-${tag}-${random.hex(6)}@example.cn`,
        clientAddress: null,
        via: 'portal',
      });
    expect(MAX_RUNNING_EXPORTS).toBe(2);
    const first = await request('a');
    const second = await request('b');
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(await request('c')).toEqual({ ok: false, reason: 'busy', retryAfterSeconds: 60 });
    await first.body.cancel();
    // The second read to its end frees its place too.
    await new Response(second.body).arrayBuffer();
    const third = await request('d');
    const fourth = await request('e');
    if (!third.ok || !fourth.ok) throw new Error('refused after the first two ended');
    await third.body.cancel();
    await fourth.body.cancel();
  });

  it('gives the connection back when the download is cancelled', async () => {
    const started = await startExport({
      query: { format: 'xlsx' },
      fullIdentifiers: false,
      actor: `staff:cancel-${random.hex(6)}@example.cn`,
      clientAddress: null,
      via: 'portal',
    });
    if (!started.ok) throw new Error('refused');
    const reader = started.body.getReader();
    await reader.read();
    await reader.cancel();
    const [row] = await getDb().execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND state LIKE 'idle in transaction%'
        AND query LIKE 'select "uid", "case_no"%'`);
    expect(row?.n).toBe(0);
  });
});

/**
 * The staff search (issue 11 part 5) and the feedback form's lookup against the real
 * Postgres: every search key (identifiers matched exactly, never by substring), every
 * filter (the status filter is displayStatus() itself), paging with totals, masked
 * identifiers in the list, and several matches listed for the officer to choose.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { submitApplication } from '@/domain/applications/cases';
import { revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { findEntriesForFeedback } from '@/domain/sharing/feedback';
import { findEntriesForStaff, searchEntriesForStaff, type StaffSearchFilters } from '@/db/staff-queries';
import { todayInChina } from '@/lib/clocks';
import { DISPLAY_STATUSES, type DisplayStatus } from '@/lib/entry-input';
import type { EntryInput } from '@/lib/validation/entry-push';
import { maskIdNumber } from '@/lib/mask';
import { classifyStaffQuery } from '@/lib/validation/staff-search';
import { ACTOR, DAY, freshToken, makeOrganization, makePerson, orgCode, residentId, uscc } from './factory';

/** The uids a staff query finds (first page), sorted. */
async function found(q: string, filters: StaffSearchFilters = {}) {
  const c = classifyStaffQuery(q);
  if (!c.ok) throw new Error(`${q}: ${c.message}`);
  return (await searchEntriesForStaff(q.trim() ? c.query : null, filters)).rows.map((r) => r.uid).sort();
}

async function save(...inputs: EntryInput[]) {
  for (const input of inputs) await saveEntry(input, ACTOR);
  return inputs;
}

describe('staff search keys', () => {
  it(
    'a listed resident ID number finds its entries (lowercase x, spaces, full width too); a part of it finds' +
      ' nothing',
    async () => {
      // A check character X, to try the lowercase form.
      let id = residentId();
      while (!id.endsWith('X')) id = residentId();
      const [a, b] = await save(makePerson({ idNumber: id }), makePerson({ idNumber: id }));
      const other = (await save(makePerson()))[0]!;
      expect(await findEntriesForStaff(id).then((r) => r.map((x) => x.uid).sort())).toEqual([a!.uid, b!.uid].sort());
      for (const q of [
        id.toLowerCase(),
        ` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)} `,
        id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      ]) {
        expect(await found(q), q).toEqual([a!.uid, b!.uid].sort());
      }
      // Never by substring: the first 17 characters, the last 10, the masked form.
      for (const q of [id.slice(0, 17), id.slice(8), maskIdNumber(id)]) {
        const c = classifyStaffQuery(q);
        if (c.ok) expect(await found(q), q).toEqual([]);
      }
      expect(await found(other.idNumber!)).toEqual([other.uid]);
    },
  );

  it('another document in the entry’s list (多证件) finds it too', async () => {
    const passport = `E${randomUUID().replace(/\D/g, '').slice(0, 8).padEnd(8, '7')}`;
    const [p] = await save(makePerson({ otherIds: [{ type: '护照', number: passport }] }));
    expect(await found(passport)).toEqual([p!.uid]);
  });

  it(
    'a USCC, the organisation code inside it (with or without hyphen) and a stand-alone organisation' + ' code',
    async () => {
      const code = uscc();
      const [org] = await save(makeOrganization({ idNumber: code.uscc }));
      expect(await found(code.uscc)).toEqual([org!.uid]);
      expect(await found(code.uscc.toLowerCase())).toEqual([org!.uid]);
      expect(await found(code.orgCode)).toEqual([org!.uid]);
      expect(await found(`${code.orgCode.slice(0, 8)}-${code.orgCode.slice(8)}`)).toEqual([org!.uid]);
      const old = orgCode();
      const [oldOrg] = await save(makeOrganization({ idNumber: old.hyphenated }));
      expect(await found(old.code)).toEqual([oldOrg!.uid]);
      expect(await found(old.hyphenated)).toEqual([oldOrg!.uid]);
      expect(await found(code.uscc.slice(0, 17))).toEqual([]);
    },
  );

  it(
    'a case number in either bracket width, a uid, a name substring — including removed and restricted' + ' entries',
    async () => {
      const token = await freshToken(3);
      const [a, b] = await save(
        makePerson({ name: `${token}甲`, disclosure: 'restricted' }),
        makeOrganization({ name: `昆山${token}贸易有限公司` }),
      );
      await revokeEntry(a!.uid, { reason: '全部履行', actor: ACTOR });
      expect(await found(a!.caseNo)).toEqual([a!.uid]);
      expect(await found(a!.caseNo.replace('(', '（').replace(')', '）'))).toEqual([a!.uid]);
      expect(await found(b!.uid)).toEqual([b!.uid]);
      expect(await found(token)).toEqual([a!.uid, b!.uid].sort());
      expect(await found([...token].slice(1).join(''))).toEqual([a!.uid, b!.uid].sort());
      expect(await found(`${token}贸易`)).toEqual([b!.uid]);
      // LIKE wildcards are literal.
      expect(await found('%%')).toEqual([]);
    },
  );

  it('an application’s tracking number finds the entry it is about', async () => {
    const [entry] = await save(makePerson());
    const { trackingNo } = await submitApplication({
      kind: 'correction',
      submissionToken: randomUUID(),
      entryUid: entry!.uid,
      applicantName: '申请人',
      phone: '0512-57001234',
      statement: '事实',
      learnedOn: todayInChina(),
      files: [],
    });
    expect(await found(trackingNo)).toEqual([entry!.uid]);
    expect(await found(trackingNo.toLowerCase())).toEqual([entry!.uid]);
    expect(await found(`${trackingNo.slice(0, -1)}${trackingNo.endsWith('A') ? 'B' : 'A'}`)).toEqual([]);
  });

  it('the list shows a person’s ID masked and an organisation’s USCC whole', async () => {
    const token = await freshToken(3);
    const [person, org] = await save(
      makePerson({ name: `${token}乙` }),
      makeOrganization({ name: `${token}有限公司` }),
    );
    const c = classifyStaffQuery(token);
    const { rows } = await searchEntriesForStaff(c.ok ? c.query : null);
    const byUid = new Map(rows.map((r) => [r.uid, r]));
    expect(byUid.get(person!.uid)!.identifier).toBe(maskIdNumber(person!.idNumber!));
    expect(byUid.get(person!.uid)!.identifier).toMatch(/^\d{10}\*{4}[\dX]{4}$/);
    expect(byUid.get(org!.uid)!.identifier).toBe(org!.idNumber);
    expect(JSON.stringify(rows)).not.toContain(person!.idNumber!);
  });
});

describe('staff search filters and paging', () => {
  let token: string;
  const made = new Map<DisplayStatus, EntryInput[]>();
  const court = `测试中级人民法院${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    token = await freshToken(3);
    const now = Date.now();
    const current = { publishedAt: new Date(now - 10 * DAY), validUntil: new Date(now + 400 * DAY) };
    const add = async (want: DisplayStatus, input: EntryInput) => {
      await saveEntry(input, ACTOR);
      if (want === 'revoked') await revokeEntry(input.uid, { reason: '全部履行', actor: ACTOR });
      if (want === 'shielded') await shieldEntry(input.uid, { reason: '纳入错误', actor: ACTOR });
      made.set(want, [...(made.get(want) ?? []), input]);
    };
    await add('public', makePerson({ name: `${token}公`, ...current }));
    await add('public', makePerson({ name: `${token}公`, ...current, court }));
    await add(
      'future',
      makePerson({ name: `${token}待`, publishedAt: new Date(now + DAY), validUntil: new Date(now + 400 * DAY) }),
    );
    await add(
      'expired',
      makePerson({
        name: `${token}期`,
        publishedAt: new Date(now - 400 * DAY),
        validUntil: new Date(now - 1000),
        court,
      }),
    );
    await add('revoked', makePerson({ name: `${token}撤`, ...current }));
    await add('shielded', makePerson({ name: `${token}屏`, ...current, disclosure: 'restricted' }));
    await add('restricted', makePerson({ name: `${token}限`, ...current, disclosure: 'restricted' }));
  });

  const uidsOf = (...statuses: DisplayStatus[]) => statuses.flatMap((s) => made.get(s)!.map((e) => e.uid)).sort();

  it('the status filter gives exactly the entries displayStatus() puts in each status', async () => {
    for (const status of DISPLAY_STATUSES) {
      expect(await found(token, { status }), status).toEqual(uidsOf(status));
      // The same rule as the status column: every row reads the filtered status.
      const c = classifyStaffQuery(token);
      const { rows } = await searchEntriesForStaff(c.ok ? c.query : null, { status });
      expect(rows.every((r) => r.displayStatus === status)).toBe(true);
    }
    expect(await found(token)).toEqual(uidsOf(...DISPLAY_STATUSES));
  });

  it(
    'court, disclosure and the publication days (China Standard Time, both ends included) filter; filters' + ' combine',
    async () => {
      expect(await found(token, { court })).toEqual([made.get('public')![1]!.uid, made.get('expired')![0]!.uid].sort());
      expect(await found(token, { court, status: 'expired' })).toEqual(uidsOf('expired'));
      expect(await found(token, { disclosure: 'restricted' })).toEqual(uidsOf('shielded', 'restricted'));
      expect(await found(token, { disclosure: 'public', status: 'shielded' })).toEqual([]);

      // An entry published at 00:30 on a day in China is that day's, not the previous UTC day's.
      const day = '2023-06-15';
      const [onDay] = await save(
        makePerson({ name: `${token}日`, publishedAt: new Date(`${day}T00:30:00+08:00`), filedAt: '2023-01-01' }),
      );
      const [dayBefore] = await save(
        makePerson({ name: `${token}日`, publishedAt: new Date('2023-06-14T23:59:00+08:00'), filedAt: '2023-01-01' }),
      );
      expect(await found(`${token}日`, { publishedFrom: day, publishedTo: day })).toEqual([onDay!.uid]);
      expect(await found(`${token}日`, { publishedFrom: '2023-06-14', publishedTo: '2023-06-14' })).toEqual([
        dayBefore!.uid,
      ]);
      expect(await found(`${token}日`, { publishedFrom: '2023-06-14' })).toEqual([onDay!.uid, dayBefore!.uid].sort());
      expect(await found(`${token}日`, { publishedTo: '2023-06-13' })).toEqual([]);
    },
  );

  it('an empty query with a filter lists every entry matching the filter', async () => {
    const { rows, total } = await searchEntriesForStaff(null, { court });
    expect(rows.map((r) => r.uid).sort()).toEqual([made.get('public')![1]!.uid, made.get('expired')![0]!.uid].sort());
    expect(total).toBe(2);
  });

  it('pages of 50 with the exact total; pages do not overlap and together hold every match, newest first', async () => {
    const many = await freshToken(3);
    const now = Date.now();
    const inputs = Array.from({ length: 123 }, (_, i) =>
      makePerson({ name: `${many}${i}`, publishedAt: new Date(now - (i + 1) * 60_000) }),
    );
    await save(...inputs);
    const c = classifyStaffQuery(many);
    if (!c.ok) throw new Error(c.message);
    const pages = await Promise.all([1, 2, 3, 4].map((p) => searchEntriesForStaff(c.query, {}, p)));
    expect(pages.map((p) => p.total)).toEqual([123, 123, 123, 123]);
    expect(pages.map((p) => p.pageCount)).toEqual([3, 3, 3, 3]);
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 23, 0]);
    const all = pages.flatMap((p) => p.rows.map((r) => r.uid));
    expect(new Set(all).size).toBe(123);
    expect(all).toEqual(inputs.map((e) => e.uid)); // newest first
    // The total counts matches, not what the first page shows (main stopped at 50).
    expect(await findEntriesForStaff(many)).toHaveLength(50);
    const [n] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entries WHERE search_name LIKE ${`${many}%`}`,
    );
    expect(Number(n!.n)).toBe(123);
  });
});

describe('staff query validation', () => {
  it(
    'refuses over-long, control-character, one-character and mistyped identifier queries with a Chinese' + ' message',
    () => {
      const id = residentId();
      const wrongCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
      const code = uscc().uscc;
      const wrongUscc = code.slice(0, 17) + (code.endsWith('A') ? 'B' : 'A');
      const cases: [string, RegExp][] = [
        ['张'.repeat(101), /不能超过 100 个字符/],
        ['张三\u0000', /控制字符/],
        ['张\u200b三', /不可见/],
        ['张', /至少输入 2 个字/],
        [wrongCheck, /不是有效的身份证号码/],
        [wrongUscc, /不是有效的统一社会信用代码/],
      ];
      for (const [q, message] of cases) {
        const c = classifyStaffQuery(q);
        expect(c.ok, q).toBe(false);
        if (!c.ok) expect(c.message, q).toMatch(message);
      }
      for (const q of [id, code, '张三', '(2024)苏0583执1号', 'DEMO0000001', ''])
        expect(classifyStaffQuery(q).ok, q).toBe(true);
      // A case number or a valid identifier is not also looked for inside names (its grams would only cost time).
      for (const q of [id, code, '（2024）苏0583执1号']) {
        const c = classifyStaffQuery(q);
        expect(c.ok && c.query.name, q).toBeNull();
      }
      const c = classifyStaffQuery('昆山第3建筑公司');
      expect(c.ok && c.query.name).toBe('昆山第3建筑公司');
    },
  );
});

describe('feedback lookup', () => {
  const uidsOf = async (q: string) => {
    const r = await findEntriesForFeedback(q);
    if ('message' in r) throw new Error(r.message);
    return r.choices;
  };

  it('a case number with two debtors lists both, with names, masked identifiers and the case number', async () => {
    const [a] = await save(makePerson());
    const [b] = await save(makeOrganization({ caseNo: a!.caseNo }));
    const choices = await uidsOf(a!.caseNo.replace('(', '（').replace(')', '）'));
    expect(choices.map((c) => c.uid).sort()).toEqual([a!.uid, b!.uid].sort());
    const byUid = new Map(choices.map((c) => [c.uid, c]));
    expect(byUid.get(a!.uid)).toMatchObject({
      name: a!.name,
      caseNo: a!.caseNo,
      identifier: maskIdNumber(a!.idNumber!),
    });
    expect(byUid.get(b!.uid)).toMatchObject({ name: b!.name, caseNo: a!.caseNo, identifier: b!.idNumber });
    expect(JSON.stringify(choices)).not.toContain(a!.idNumber!);
    // The uid names one of them alone.
    expect((await uidsOf(b!.uid)).map((c) => c.uid)).toEqual([b!.uid]);
  });

  it(
    'finds by resident ID number and USCC (restricted and revoked entries too), never by name or part of a' +
      ' number; not yet published entries are left out',
    async () => {
      const id = residentId();
      const [p1, p2] = await save(makePerson({ idNumber: id, disclosure: 'restricted' }), makePerson({ idNumber: id }));
      await revokeEntry(p2!.uid, { reason: '全部履行', actor: ACTOR });
      await save(makePerson({ idNumber: id, publishedAt: new Date(Date.now() + DAY) }));
      expect((await uidsOf(id)).map((c) => c.uid).sort()).toEqual([p1!.uid, p2!.uid].sort());
      expect(await uidsOf(id.slice(0, 16))).toEqual([]);
      const code = uscc();
      const [org] = await save(makeOrganization({ idNumber: code.uscc }));
      expect((await uidsOf(code.uscc)).map((c) => c.uid)).toEqual([org!.uid]);
      expect(await uidsOf(org!.name)).toEqual([]);
      const bad = await findEntriesForFeedback(id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'));
      expect(bad).toEqual({ message: expect.stringContaining('不是有效的身份证号码') });
    },
  );
});

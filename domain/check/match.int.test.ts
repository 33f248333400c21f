/**
 * The bulk check against a real Postgres: exact identifiers (resident ID, USCC, organisation
 * code), names, never-listed subjects, and every entry the visibility rules hide — in one
 * 1,000-subject request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeEntry, saveEntries, shieldEntry } from '@/domain/entries/entries';
import {
  ACTOR,
  DAY,
  freshToken,
  makeOrganization,
  makePerson,
  orgCode,
  residentId,
  uniqueUid,
  uscc,
} from '@/db/tests/factory';
import type { EntryInput } from '@/lib/validation/entry-push';
import { PUBLIC_DISCLOSURE, type Disclosure } from '@/lib/disclosure';
import { maskIdNumber } from '@/lib/mask';
import { checkSubjects, MAX_MATCHES, type CheckResult } from '@/domain/check/match';
import { type CheckSubject } from '@/lib/validation/check';

const made: Record<string, EntryInput> = {};
let token: string;

beforeAll(async () => {
  token = await freshToken(3);
  const now = Date.now();
  const orgCodeOnly = orgCode();
  const specs: Record<string, EntryInput> = {
    person: makePerson({ name: `${token}甲` }),
    org: makeOrganization({ name: `昆山${token}发展有限公司` }),
    orgCodeOnly: makeOrganization({ name: `昆山${token}乙厂`, idNumber: orgCodeOnly.hyphenated }),
    revoked: makeOrganization({ name: `昆山${token}撤销有限公司` }),
    shielded: makeOrganization({ name: `昆山${token}屏蔽有限公司` }),
    restricted: makePerson({ name: `${token}丙`, disclosure: 'restricted' }),
    expired: makeOrganization({ name: `昆山${token}过期有限公司`, validUntil: new Date(now - DAY) }),
    future: makeOrganization({
      name: `昆山${token}未发布有限公司`,
      publishedAt: new Date(now + DAY),
      validUntil: new Date(now + 400 * DAY),
    }),
    namesakeA: makePerson({ name: `${token}丁` }),
    namesakeB: makePerson({ name: `${token}丁` }),
  };
  for (const [key, input] of Object.entries(specs)) made[key] = { ...input, uid: uniqueUid(`chk-${key}`) };
  const outcomes = await saveEntries(Object.values(made), ACTOR);
  expect(outcomes.every((o) => !(o instanceof Error))).toBe(true);
  await revokeEntry(made.revoked!.uid, { reason: '全部履行', actor: ACTOR });
  await shieldEntry(made.shielded!.uid, { reason: '纳入错误', actor: ACTOR });
});

const uids = (r: CheckResult | undefined) => r?.matches.map((m) => m.uid) ?? [];
const DEPARTMENT: Disclosure = { audience: 'department', personIds: false };
const DEPARTMENT_FULL: Disclosure = { audience: 'department', personIds: true };

describe('checkSubjects', () => {
  it('answers a 1,000-subject request in order, with exactly the matching entries', async () => {
    const e = made as Record<string, EntryInput & { idNumber: string }>;
    const orgUscc = e.org!.idNumber;
    const cases: { subject: CheckSubject; expectUids: string[]; listed: boolean; reason?: string; score?: number }[] = [
      // a person's ID number alone is never looked up for the public (it would confirm a guess)
      { subject: { idNumber: e.person!.idNumber.toLowerCase() }, expectUids: [], listed: false },
      // exact organisation identifiers, typed the way people type them
      { subject: { idNumber: ` ${orgUscc.slice(0, 9)} ${orgUscc.slice(9)} ` }, expectUids: [e.org!.uid], listed: true },
      { subject: { idNumber: orgUscc.slice(8, 17) }, expectUids: [e.org!.uid], listed: true },
      {
        subject: { idNumber: e.orgCodeOnly!.idNumber.replace('-', '') },
        expectUids: [e.orgCodeOnly!.uid],
        listed: true,
      },
      // both: the strongest
      {
        subject: { name: e.org!.name, idNumber: orgUscc },
        expectUids: [e.org!.uid],
        listed: true,
        reason: '证件号码和名称均一致',
        score: 1,
      },
      // identifier matches, the name differs (renamed)
      {
        subject: { name: `昆山${token}旧名有限公司`, idNumber: orgUscc },
        expectUids: [e.org!.uid],
        listed: true,
        score: 0.9,
      },
      // names
      { subject: { name: e.org!.name }, expectUids: [e.org!.uid], listed: true, reason: '名称完全一致', score: 1 },
      { subject: { name: `  昆山 ${token}發展有限公司 ` }, expectUids: [e.org!.uid], listed: true, score: 0.95 },
      // a person's name alone: both namesakes, not enough to say "listed"
      {
        subject: { name: e.namesakeA!.name },
        expectUids: [e.namesakeA!.uid, e.namesakeB!.uid].sort(),
        listed: false,
        score: 0.7,
      },
      // …and with any ID number, right or wrong: judged on the name alone, so the answer is the same
      {
        subject: { name: e.namesakeA!.name, idNumber: residentId() },
        expectUids: [e.namesakeA!.uid, e.namesakeB!.uid].sort(),
        listed: false,
        score: 0.7,
      },
      {
        subject: { name: e.person!.name, idNumber: e.person!.idNumber },
        expectUids: [e.person!.uid],
        listed: false,
        score: 0.7,
      },
      // an organisation's name with another code: shown, weak
      { subject: { name: e.org!.name, idNumber: uscc().uscc }, expectUids: [e.org!.uid], listed: false, score: 0.6 },
      // substrings are never matches
      { subject: { name: `${token}` }, expectUids: [], listed: false },
      { subject: { name: `昆山${token}发展` }, expectUids: [], listed: false },
      // removed, hidden or not yet public: not listed
      { subject: { name: e.revoked!.name, idNumber: e.revoked!.idNumber }, expectUids: [], listed: false },
      { subject: { name: e.shielded!.name, idNumber: e.shielded!.idNumber }, expectUids: [], listed: false },
      { subject: { name: e.expired!.name, idNumber: e.expired!.idNumber }, expectUids: [], listed: false },
      { subject: { name: e.future!.name, idNumber: e.future!.idNumber }, expectUids: [], listed: false },
      { subject: { name: e.restricted!.name, idNumber: e.restricted!.idNumber }, expectUids: [], listed: false },
    ];
    // Fill to 1,000 with subjects never listed.
    for (let k = 0; cases.length < 1000; k++) {
      const subject: CheckSubject =
        k % 3 === 0
          ? { idNumber: uscc().uscc }
          : k % 3 === 1
            ? { name: `昆山${token}从未${k}有限公司` }
            : { name: `${token}无${k}`, idNumber: residentId() };
      cases.push({ subject, expectUids: [], listed: false });
    }
    const started = performance.now();
    const results = await checkSubjects(
      cases.map((c) => c.subject),
      PUBLIC_DISCLOSURE,
    );
    const ms = performance.now() - started;
    expect(results).toHaveLength(1000);
    results.forEach((r, i) => {
      const c = cases[i]!;
      expect(r.index).toBe(i);
      expect([...uids(r)].sort(), `subject ${i}`).toEqual(c.expectUids);
      expect(r.listed, `subject ${i}`).toBe(c.listed);
      if (c.reason) expect(r.matches[0]!.reason).toBe(c.reason);
      if (c.score !== undefined)
        expect(
          r.matches.every((m) => m.score === c.score),
          `subject ${i}`,
        ).toBe(true);
    });
    expect(ms).toBeLessThan(5000);
  });

  it('gives the same answer for a listed person’s true ID number and every other candidate of its mask', async () => {
    const id = made.person!.idNumber!;
    // Every candidate a masked ID leaves: the hidden birth month and day, 1 January to 31 December.
    const candidates: string[] = [];
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= 31; d++)
        candidates.push(`${id.slice(0, 10)}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${id.slice(14)}`);
    }
    expect(candidates).toContain(id);
    for (const disclosure of [PUBLIC_DISCLOSURE, DEPARTMENT]) {
      const results = await checkSubjects(
        candidates.map((idNumber) => ({ name: made.person!.name, idNumber })),
        disclosure,
      );
      const answers = new Set(results.map((r) => JSON.stringify({ ...r, index: 0 })));
      expect(answers.size, disclosure.audience).toBe(1);
      const alone = await checkSubjects(
        candidates.map((idNumber) => ({ idNumber })),
        disclosure,
      );
      expect(
        alone.every((r) => r.matches.length === 0),
        disclosure.audience,
      ).toBe(true);
    }
  });

  it('masks persons’ ID numbers for the public and shows organisation codes whole', async () => {
    const [person, org] = await checkSubjects(
      [{ name: made.person!.name }, { idNumber: made.org!.idNumber! }],
      PUBLIC_DISCLOSURE,
    );
    expect(person!.matches[0]).toMatchObject({
      uid: made.person!.uid,
      caseNo: made.person!.caseNo,
      name: made.person!.name,
      court: made.person!.court,
      subjectType: 'person',
      publishedAt: made.person!.publishedAt.toISOString(),
      identifier: maskIdNumber(made.person!.idNumber!),
    });
    expect(person!.matches[0]!.identifier).not.toBe(made.person!.idNumber);
    expect(org!.matches[0]!.identifier).toBe(made.org!.idNumber);
    // A department key without fullIdentifiers gets them masked too.
    const [dept] = await checkSubjects([{ name: made.person!.name }], DEPARTMENT);
    expect(dept!.matches[0]!.identifier).toBe(maskIdNumber(made.person!.idNumber!));
  });

  it('shares restricted entries with departments — never revoked, shielded, expired or future ones', async () => {
    const keys = ['restricted', 'person', 'revoked', 'shielded', 'expired', 'future'];
    const subjects = keys.map((k) => ({ idNumber: made[k]!.idNumber! }));
    const results = await checkSubjects(subjects, DEPARTMENT_FULL);
    expect(results.map((r) => r.listed)).toEqual([true, true, false, false, false, false]);
    expect(results[0]!.matches[0]!.identifier).toBe(made.restricted!.idNumber);
    const byName = await checkSubjects([{ name: made.restricted!.name }], DEPARTMENT);
    expect(uids(byName[0])).toEqual([made.restricted!.uid]);
  });

  it('caps the matches of a very common name and says so', async () => {
    const name = `${await freshToken(3)}`;
    const many = Array.from({ length: MAX_MATCHES + 3 }, () => ({
      ...makePerson({ name }),
      uid: uniqueUid('chk-many'),
    }));
    await saveEntries(many, ACTOR);
    const [r] = await checkSubjects([{ name }], PUBLIC_DISCLOSURE);
    expect(r!.matches).toHaveLength(MAX_MATCHES);
    expect(r!.truncated).toBe(true);
    const [one] = await checkSubjects([{ idNumber: many[0]!.idNumber! }], DEPARTMENT_FULL);
    expect(one!.truncated).toBe(false);
  });

  it('answers an empty list, and blank input matches nothing', async () => {
    expect(await checkSubjects([], PUBLIC_DISCLOSURE)).toEqual([]);
    expect(await checkSubjects([{ name: ' · ' }, { idNumber: ' - ' }], PUBLIC_DISCLOSURE)).toEqual([
      { index: 0, listed: false, matches: [], truncated: false },
      { index: 1, listed: false, matches: [], truncated: false },
    ]);
  });
});

/** Stored checks: saved with a code and digest, found again, the digest recomputed. */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { saveEntry } from '@/domain/entries/entries';
import { checkReports } from '@/db/schema';
import { ACTOR, makePerson, uniqueUid, uscc } from '@/db/tests/factory';
import { maskIdNumber } from '@/lib/mask';
import { PUBLIC_DISCLOSURE } from '@/lib/disclosure';
import { checkSubjects } from '@/domain/check/match';
import { findCheckReport, saveCheckReport } from '@/domain/check/reports';

describe('check reports', () => {
  it('store only masked identifiers, and are found by code with a matching digest', async () => {
    const person = { ...makePerson(), uid: uniqueUid('rep') };
    await saveEntry(person, ACTOR);
    const subjects = [
      { name: person.name, idNumber: person.idNumber! },
      { name: '昆山从未有限公司', idNumber: uscc().uscc },
    ];
    const report = await saveCheckReport(subjects, await checkSubjects(subjects, PUBLIC_DISCLOSURE));
    // A person is judged on the name alone for the public (lib/disclosure.ts): needs a manual check, not "listed".
    expect(report).toMatchObject({ subjectCount: 2, listedCount: 0 });
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(report)).not.toContain(person.idNumber!);
    expect(report.results[0]).toMatchObject({ idNumber: maskIdNumber(person.idNumber!), listed: false });
    expect(report.results[1]).toMatchObject({ idNumber: subjects[1]!.idNumber, listed: false, matches: [] });
  });

  it('echo an organisation’s code as typed and a person’s ID masked, however either was typed', async () => {
    const code = uscc().uscc;
    const typed = `${code.slice(0, 8).toLowerCase()} ${code.slice(8)}`;
    const idNumber = makePerson().idNumber!;
    const spaced = `${idNumber.slice(0, 6)} ${idNumber.slice(6)}`;
    const subjects = [
      { name: '昆山某某科技有限公司', idNumber: typed },
      { name: '张某', idNumber: spaced },
    ];
    const report = await saveCheckReport(subjects, await checkSubjects(subjects, PUBLIC_DISCLOSURE));
    expect(report.results.map((r) => r.idNumber)).toEqual([typed, maskIdNumber(idNumber)]);
    expect(JSON.stringify(report)).not.toContain(idNumber.slice(6, 14));
    expect((await findCheckReport(report.verificationCode))?.results.map((r) => r.idNumber)).toEqual([
      typed,
      maskIdNumber(idNumber),
    ]);

    const found = await findCheckReport(report.verificationCode);
    expect(found).toEqual({ ...report, digestMatches: true });
    expect(await findCheckReport('HC-0000-0000-0000')).toBeNull();
    expect(await findCheckReport('not a code')).toBeNull();

    // Altered in the database: the digest no longer matches.
    await getDb()
      .update(checkReports)
      .set({ listedCount: sql`${checkReports.listedCount} + 1` })
      .where(eq(checkReports.verificationCode, report.verificationCode));
    expect((await findCheckReport(report.verificationCode))?.digestMatches).toBe(false);
  });
});

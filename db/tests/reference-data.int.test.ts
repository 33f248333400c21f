/**
 * The seed's tables as data (design rule 6): Attachment 2's 41 measures with the
 * departments implementing each, Attachment 3's 50 member units.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { listDepartments, listMeasures } from '@/domain/publishing/queries';
import { loadReferenceData } from '@/db/reference-data';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function numeral(n: number): string {
  if (n < 10) return `（${DIGITS[n]}）`;
  const tens = Math.floor(n / 10);
  return `（${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}）`;
}

async function counts() {
  const [row] = await getDb().execute<{ measures: number; departments: number; links: number; members: number }>(sql`
    SELECT (SELECT count(*)::int FROM measures) AS measures,
           (SELECT count(*)::int FROM departments) AS departments,
           (SELECT count(*)::int FROM measure_departments) AS links,
           (SELECT count(*)::int FROM departments WHERE is_member_unit) AS members`);
  return row;
}

describe('listMeasures', () => {
  it('returns the 41 measures in order, numbered （一）…（四十一）, each with text and departments', async () => {
    const measures = await listMeasures();
    expect(measures).toHaveLength(41);
    measures.forEach((m, i) => {
      expect(m.no).toBe(i + 1);
      expect(m.numeral).toBe(numeral(i + 1));
      expect(m.text.length).toBeGreaterThan(5);
      expect(m.implementersText.length).toBeGreaterThan(0);
      expect(m.departments.length).toBeGreaterThan(0);
      for (const d of m.departments) {
        expect(d.code).toMatch(/^[a-z-]+$/);
        expect(d.name.length).toBeGreaterThan(0);
      }
      // No department twice on one measure.
      expect(new Set(m.departments.map((d) => d.code)).size).toBe(m.departments.length);
    });
    expect(measures[40]!.numeral).toBe('（四十一）');
  });

  it('with a kind of subject, returns only the measures that can apply to it, as the seed data says', async () => {
    const nos = async (kind?: 'person' | 'organization') => (await listMeasures(kind)).map((m) => m.no);
    const persons = await nos('person');
    const units = await nos('organization');
    expect(persons).toContain(13); // civil service
    expect(persons).not.toContain(30); // customs certification
    expect(units).toContain(30);
    expect(units).not.toContain(13);
    expect(new Set([...persons, ...units]).size).toBe(41); // every measure applies to some kind
    expect((await listMeasures('organization')).find((m) => m.no === 30)?.departments.map((d) => d.code)).toEqual([
      'customs',
      'ciq',
    ]);
    expect(await nos()).toHaveLength(41);
  });

  it('measure 1 is implemented by 市银监办 only', async () => {
    const [first] = await listMeasures();
    expect(first?.implementersText).toBe('市银监办');
    expect(first?.departments).toEqual([{ code: 'cbrc', name: '市银监办' }]);
  });

  it('links each measure to the departments its implementers text names (samples)', async () => {
    const byNo = new Map((await listMeasures()).map((m) => [m.no, m]));
    expect(byNo.get(28)?.departments.map((d) => d.name)).toEqual(['市公安局']);
    expect(
      byNo
        .get(30)
        ?.departments.map((d) => d.name)
        .sort(),
    ).toEqual(['出入境检验检疫局', '昆山海关'].sort());
    expect(
      byNo
        .get(41)
        ?.departments.map((d) => d.code)
        .sort(),
    ).toEqual(['court', 'procuratorate', 'public-security']);
    expect(byNo.get(10)?.departments.map((d) => d.code)).toEqual(['all-regulators']);
  });
});

describe('listDepartments', () => {
  it('returns the 50 member units of Attachment 3, first in sort order', async () => {
    const all = await listDepartments();
    const members = all.filter((d) => d.isMemberUnit);
    expect(members).toHaveLength(50);
    expect(new Set(members.map((d) => d.code)).size).toBe(50);
    expect(new Set(members.map((d) => d.name)).size).toBe(50);
    // Member units come before the other bodies Attachment 2 names.
    expect(all.slice(0, 50).every((d) => d.isMemberUnit)).toBe(true);
    expect(all.slice(50).every((d) => !d.isMemberUnit)).toBe(true);
    expect(members[0]).toMatchObject({ code: 'npc-office', name: '市人大办' });
    expect(members.map((d) => d.name)).toEqual(
      expect.arrayContaining(['市人民法院', '市银监办', '市发改委', '中国联通']),
    );
  });

  it('lists for each department the measures it implements, consistent with listMeasures', async () => {
    const [departments, measures] = await Promise.all([listDepartments(), listMeasures()]);
    expect(departments.find((d) => d.code === 'cbrc')?.measureNos).toEqual([1, 2, 5, 7]);
    for (const d of departments) {
      const expected = measures.filter((m) => m.departments.some((x) => x.code === d.code)).map((m) => m.no);
      expect(d.measureNos).toEqual(expected);
    }
    // Every link points at a listed department.
    const codes = new Set(departments.map((d) => d.code));
    for (const m of measures) for (const d of m.departments) expect(codes.has(d.code)).toBe(true);
  });
});

describe('loadReferenceData', () => {
  it('is idempotent: loading twice more keeps every count and every row', async () => {
    const before = await counts();
    const measuresBefore = await listMeasures();
    const departmentsBefore = await listDepartments();
    expect(before).toMatchObject({ measures: 41, members: 50 });

    await loadReferenceData(getDb());
    await loadReferenceData(getDb());

    expect(await counts()).toEqual(before);
    expect(await listMeasures()).toEqual(measuresBefore);
    expect(await listDepartments()).toEqual(departmentsBefore);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Court } from '@/lib/courts';

interface Body {
  code: string;
  name: string;
  shortName: string;
  sortOrder: number;
}
interface OtherBody extends Body {
  note: string;
}
interface Measure {
  no: number;
  numeral: string;
  text: string;
  implementersText: string;
  departments: string[];
  subjects: string[];
}

const read = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8');
const memberUnits = JSON.parse(read('./member-units.json')) as Body[];
const otherBodies = JSON.parse(read('./other-bodies.json')) as OtherBody[];
const measures = JSON.parse(read('./measures.json')) as Measure[];
/** Attachments 2 and 3 copied verbatim from the source document (昆办发〔2017〕135号). */
const source = read('./source-attachments.txt');
const sourceLines = source.split('\n');

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Chinese numeral for 1..99 as used in the document, e.g. 10 → 十, 14 → 十四, 20 → 二十, 41 → 四十一. */
function toChineseNumeral(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) throw new RangeError(`unsupported: ${n}`);
  const d = (k: number): string => DIGITS[k] ?? '';
  if (n < 10) return d(n);
  const tens = Math.floor(n / 10);
  return (tens === 1 ? '' : d(tens)) + '十' + d(n % 10);
}

const byNo = (no: number): Measure => {
  const m = measures.find((x) => x.no === no);
  if (!m) throw new Error(`measure ${no} missing`);
  return m;
};

describe('numeral converter', () => {
  it('converts sample values', () => {
    expect([1, 9, 10, 11, 17, 20, 22, 30, 38, 40, 41].map(toChineseNumeral)).toEqual([
      '一', '九', '十', '十一', '十七', '二十', '二十二', '三十', '三十八', '四十', '四十一',
    ]);
  });
});

describe('measures.json (Attachment 2)', () => {
  it('has exactly 41 measures numbered 1..41 in order with matching numerals', () => {
    expect(measures).toHaveLength(41);
    measures.forEach((m, i) => {
      expect(m.no).toBe(i + 1);
      expect(m.numeral).toBe(`（${toChineseNumeral(i + 1)}）`);
    });
  });

  it('has trimmed, non-empty text and implementersText', () => {
    for (const m of measures) {
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text).toBe(m.text.trim());
      expect(m.implementersText.length).toBeGreaterThan(0);
      expect(m.implementersText).toBe(m.implementersText.trim());
      expect(m.text.startsWith('（')).toBe(false);
    }
  });

  it('each measure (numeral + text) appears verbatim as a line of the source', () => {
    for (const m of measures) {
      expect(source).toContain(m.text);
      const line = sourceLines.find((l) => l.trim().startsWith(m.numeral));
      expect(line, m.numeral).toBeDefined();
      expect(line!.trim()).toBe(m.numeral + m.text);
    }
  });

  it('each implementersText appears verbatim as a cell line of the source', () => {
    for (const m of measures) {
      expect(source).toContain(m.implementersText);
      expect(sourceLines).toContain(`\t${m.implementersText}`);
    }
  });

  it('the source attachment contains exactly 41 measure rows', () => {
    const att2 = source.slice(0, source.indexOf('附件3'));
    expect(att2.match(/^\t?（[一二三四五六七八九十]+）/gm)).toHaveLength(41);
  });

  it('measures sharing one implementers cell repeat the same cell text and departments', () => {
    const cells: Array<[number, number]> = [[13, 17], [22, 27], [31, 33], [34, 37]];
    for (const [from, to] of cells) {
      for (let n = from + 1; n <= to; n++) {
        expect(byNo(n).implementersText).toBe(byNo(from).implementersText);
        expect(byNo(n).departments).toEqual(byNo(from).departments);
      }
    }
    expect(byNo(17).implementersText).not.toBe(byNo(18).implementersText);
  });

  it('keeps exact wording of spot-checked measures', () => {
    expect(byNo(1).text).toBe('根据上级要求，协调各商业银行协助查询和执行金融理财产品、“保管箱”信息；');
    expect(byNo(3).text).toBe('协助查询政府采购项目信息；依法限制作为供应商参加政府采购活动；');
    expect(byNo(12).text.startsWith('限制担任事业单位法定代表，限制担任食品')).toBe(true);
    expect(byNo(18).text).toBe('通过“诚信昆山”网站、市法院门户网站和企业信用信息公示系统向社会公布；');
    expect(byNo(20).text).toContain('禁止参与“重合同守信用”企业公示活动');
    expect(byNo(28).text).toBe(
      '协助查询身份、出国境证件、住宿、车辆财产信息；协助查找失信被执行人；条线有明确要求的，限制出境；协助查封、扣押车辆；',
    );
    expect(byNo(38).text).toBe('以拒不执行判决、裁定罪处罚；');
    expect(byNo(41).text).toBe(
      '公安、检察机关和人民法院对拒不执行生效判决、裁定以及其他妨碍执行构成犯罪的行为，要及时依法侦查、提起公诉和审判。',
    );
  });

  it('keeps exact implementers cells and resolved departments for spot checks', () => {
    expect(byNo(1).implementersText).toBe('市银监办');
    expect(byNo(1).departments).toEqual(['cbrc']);
    expect(byNo(7).implementersText).toBe('人民银行、市银监办');
    expect(byNo(7).departments).toEqual(['pbc', 'cbrc']);
    expect(byNo(10).implementersText).toBe('市各市场监管、行业主管部门');
    expect(byNo(10).departments).toEqual(['all-regulators']);
    expect(byNo(18).departments).toEqual(['credit-office', 'court', 'market-supervision']);
    expect(byNo(29).implementersText).toBe('市发改委、国土局、农委');
    expect(byNo(29).departments).toEqual(['ndrc', 'land-resources', 'agriculture']);
    expect(byNo(30).departments).toEqual(['customs', 'ciq']);
    expect(byNo(34).implementersText).toBe('市民政局、司法局、交通运输局、农委、交通运输局、卫计委');
    expect(byNo(34).departments).toEqual(['civil-affairs', 'justice', 'transport', 'agriculture', 'health-family-planning']);
    expect(byNo(39).departments).toEqual(['procuratorate', 'public-security', 'telecom-bureau', 'china-mobile', 'china-unicom']);
    expect(byNo(41).implementersText).toBe('市法院、检察院、公安局');
    expect(byNo(41).departments).toEqual(['court', 'procuratorate', 'public-security']);
    expect(byNo(8).departments).toContain('sports');
    expect(byNo(13).departments).toEqual(expect.arrayContaining(['npc-office', 'npc-committees', 'cppcc-office', 'cppcc-committees']));
  });

  it('every department code resolves and no measure lists a department twice', () => {
    const known = new Set([...memberUnits, ...otherBodies].map((b) => b.code));
    for (const m of measures) {
      expect(m.departments.length, `measure ${m.no}`).toBeGreaterThan(0);
      expect(new Set(m.departments).size, `measure ${m.no}`).toBe(m.departments.length);
      for (const code of m.departments) expect(known.has(code), `measure ${m.no}: ${code}`).toBe(true);
    }
  });

  it('names the kinds of subject each measure can apply to: posts and honours of persons, three measures of units', () => {
    const only = (kind: string) => measures.filter((m) => m.subjects.join() === kind).map((m) => m.no);
    for (const m of measures) {
      expect(m.subjects.length).toBeGreaterThan(0);
      expect(new Set(m.subjects).size).toBe(m.subjects.length);
      for (const kind of m.subjects) expect(['person', 'organization']).toContain(kind);
    }
    // Posts, party and military careers, exit papers, marriage registration and phone numbers are a person's.
    expect(only('person')).toEqual([11, 12, 13, 14, 15, 16, 17, 28, 37, 39]);
    // Market supervision, customs certification and construction qualifications are a unit's.
    expect(only('organization')).toEqual([10, 30, 32]);
  });
});

describe('member-units.json (Attachment 3)', () => {
  it('has exactly 50 units with unique codes and names, sorted 1..50', () => {
    expect(memberUnits).toHaveLength(50);
    expect(new Set(memberUnits.map((u) => u.code)).size).toBe(50);
    expect(new Set(memberUnits.map((u) => u.name)).size).toBe(50);
    memberUnits.forEach((u, i) => expect(u.sortOrder).toBe(i + 1));
    for (const u of memberUnits) expect(u.code).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('shortNames reproduce the Attachment 3 list in document order', () => {
    const listLine = sourceLines[sourceLines.indexOf('联合惩戒成员单位名单') + 1];
    const written = (listLine ?? '').split(/[、，]/);
    expect(memberUnits.map((u) => u.shortName)).toEqual(written);
  });

  it('expands grouped names with the implied 市/市委 prefix', () => {
    const name = (code: string) => memberUnits.find((u) => u.code === code)?.name;
    expect(name('propaganda-dept')).toBe('市委宣传部（文明办）');
    expect(name('united-front-dept')).toBe('市委统战部');
    expect(name('court')).toBe('市人民法院');
    expect(name('procuratorate')).toBe('市人民检察院');
    expect(name('ndrc')).toBe('市发改委');
    expect(name('market-supervision')).toBe('市市场监督管理局');
    expect(name('customs')).toBe('昆山海关');
    expect(name('cbrc')).toBe('市银监办');
    expect(name('pbc')).toBe('人民银行');
    expect(name('youth-league')).toBe('团市委');
  });
});

describe('other-bodies.json', () => {
  it('has unique codes not clashing with member units, each with a note and referenced by a measure', () => {
    const memberCodes = new Set(memberUnits.map((u) => u.code));
    const memberNames = new Set(memberUnits.map((u) => u.name));
    const used = new Set(measures.flatMap((m) => m.departments));
    expect(new Set(otherBodies.map((b) => b.code)).size).toBe(otherBodies.length);
    otherBodies.forEach((b, i) => {
      expect(b.sortOrder).toBe(i + 1);
      expect(memberCodes.has(b.code)).toBe(false);
      expect(memberNames.has(b.name)).toBe(false);
      expect(b.note.length).toBeGreaterThan(0);
      expect(used.has(b.code), b.code).toBe(true);
      expect(source).toContain(b.shortName);
    });
    expect(otherBodies.map((b) => b.code).sort()).toEqual(
      ['all-regulators', 'cppcc-committees', 'credit-office', 'npc-committees', 'sports'].sort(),
    );
  });
});

describe('courts.json (the court directory)', () => {
  const courts = JSON.parse(read('./courts.json')) as Court[];

  it('names each court once, by its name or an alias, and every superior is a court of the directory', () => {
    const names = courts.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(courts.map((c) => c.code)).size).toBe(courts.length);
    expect(new Set(courts.map((c) => c.sortOrder)).size).toBe(courts.length);
    const canonical = new Set(courts.map((c) => c.name));
    for (const c of courts) {
      if (c.superior !== null) expect(canonical.has(c.superior), c.name).toBe(true);
      expect(c.superior).not.toBe(c.name);
      expect(c.phone.length).toBeGreaterThan(0);
      expect(c.address.length).toBeGreaterThan(0);
    }
  });

  it('has the home court taking requests, its superior not', () => {
    const byName = new Map(courts.map((c) => [c.name, c]));
    expect(byName.get('昆山市人民法院')?.handlesRequests).toBe(true);
    expect(byName.get('昆山市人民法院')?.superior).toBe('苏州市中级人民法院');
    expect(byName.get('苏州市中级人民法院')?.handlesRequests).toBe(false);
  });
});

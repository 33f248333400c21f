import { describe, expect, it } from 'vitest';
import type { Entry } from '@/db/schema';
import { publicEntrySchema, toPublicEntry } from '@/domain/publishing/public-entry';

const base: Entry = {
  uid: 'U1',
  caseNo: '(2024)苏0583执1号',
  subjectType: 'person',
  name: '张三',
  gender: '男',
  age: 40,
  idNumber: '320583198001011234',
  otherIds: [{ type: '护照', number: 'E12345678' }],
  legalRepresentative: null,
  court: '昆山市人民法院',
  regionId: '320583',
  regionName: '昆山市',
  basisDocNo: 'd',
  basisIssuer: 'i',
  duty: 'duty',
  performance: '全部未履行',
  circumstances: ['违反财产报告制度'],
  publishedAt: new Date('2025-01-01T00:00:00Z'),
  filedAt: '2024-06-01',
  performedPart: null,
  unperformedPart: null,
  revokedAt: null,
  severity: 'general',
  validUntil: null,
  disclosure: 'public',
  sourceUpdatedAt: null,
  status: 'active',
  statusChangedAt: null,
  statusReason: null,
  removalGround: null,
  removalGroundOn: null,
  demo: false,
  createdAt: new Date(),
  updatedAt: new Date(),
  searchName: '张三',
  searchGrams: ['张三'],
  searchPinyin: 'zhangsan',
  searchInitials: 'zs',
  searchCaseNo: 'x',
  searchIds: ['320583198001011234'],
};

describe('toPublicEntry', () => {
  it('masks a person’s ID and other documents and drops internal fields', () => {
    const p = toPublicEntry(base);
    expect(p.idNumber).toBe('3205831980****1234');
    expect(p.otherIds[0]!.number).not.toBe('E12345678');
    const json = JSON.stringify(p);
    expect(json).not.toContain('320583198001011234');
    expect(json).not.toContain('E12345678');
    for (const hidden of ['status', 'disclosure', 'statusReason', 'searchIds', 'searchName'])
      expect(p).not.toHaveProperty(hidden);
  });

  it('shows an organisation’s USCC whole', () => {
    const p = toPublicEntry({ ...base, subjectType: 'organization', idNumber: '91440300708461136T', otherIds: [] });
    expect(p.idNumber).toBe('91440300708461136T');
  });

  it("gives exactly the shape publicEntrySchema (the OpenAPI document's PublicEntry) describes", () => {
    const org = { ...base, subjectType: 'organization' as const, gender: null, age: null, legalRepresentative: '李四' };
    const withDates = { ...base, validUntil: new Date('2027-01-01T00:00:00Z') };
    for (const row of [base, org, withDates])
      expect(publicEntrySchema.parse(toPublicEntry(row))).toEqual(toPublicEntry(row));
    // Strict: a field the schema does not name would be refused, so none can slip into a response unnoticed.
    expect(() => publicEntrySchema.parse({ ...toPublicEntry(base), disclosure: 'public' })).toThrow();
  });
});

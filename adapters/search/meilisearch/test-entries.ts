/** Entry fixtures for the Meilisearch builder tests (no database involved). */
import type { Entry } from '@/db/schema';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '@/lib/identifiers';
import { searchFieldsFor } from '@/lib/search/fields';

/** A valid-looking resident ID of someone born 1980-01-01 in Kunshan (320583). */
export const PERSON_ID = (() => {
  const first17 = '32058319800101123';
  return first17 + residentIdCheckChar(first17);
})();

export const ORG_CODE = (() => {
  const org8 = '71610585';
  return org8 + orgCodeCheckChar(org8);
})();

export const USCC = (() => {
  const body = `91320583${ORG_CODE}`;
  return body + usccCheckChar(body);
})();

type Overrides = Partial<
  Pick<
    Entry,
    | 'uid'
    | 'subjectType'
    | 'name'
    | 'caseNo'
    | 'idNumber'
    | 'otherIds'
    | 'legalRepresentative'
    | 'court'
    | 'regionId'
    | 'publishedAt'
    | 'severity'
  >
>;

export function makeEntry(o: Overrides = {}): Entry {
  const base: Pick<Entry, 'uid' | 'caseNo' | 'subjectType' | 'name' | 'idNumber' | 'otherIds'> = {
    uid: o.uid ?? 'E0000001',
    caseNo: o.caseNo ?? '（２０２３）苏0583执１２３４号',
    subjectType: o.subjectType ?? 'person',
    name: o.name ?? '張 偉',
    idNumber: o.idNumber === undefined ? PERSON_ID : o.idNumber,
    otherIds: o.otherIds ?? [],
  };
  const fields = searchFieldsFor(base);
  const now = new Date('2024-01-01T00:00:00Z');
  return {
    ...base,
    gender: null,
    age: null,
    legalRepresentative: o.legalRepresentative ?? null,
    court: o.court ?? '昆山市人民法院',
    regionId: o.regionId === undefined ? '320583' : o.regionId,
    regionName: '昆山市',
    basisDocNo: '（2023）苏0583民初1号',
    basisIssuer: '昆山市人民法院',
    duty: '支付货款',
    performance: '全部未履行',
    circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
    publishedAt: o.publishedAt ?? new Date('2024-03-01T16:30:00.750Z'),
    filedAt: '2023-06-01',
    performedPart: null,
    unperformedPart: null,
    revokedAt: null,
    severity: o.severity ?? 'general',
    validUntil: null,
    disclosure: 'public',
    sourceUpdatedAt: null,
    status: 'active',
    statusChangedAt: null,
    statusReason: null,
    removalGround: null,
    removalGroundOn: null,
    demo: false,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

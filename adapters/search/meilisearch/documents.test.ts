import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { hashIdentifier, toMeiliDocument, uidSortKey, unixMillis } from '@/adapters/search/meilisearch/documents';
import { cstDayStartMs } from '@/adapters/search/meilisearch/filters';
import { makeEntry, ORG_CODE, PERSON_ID, USCC } from '@/adapters/search/meilisearch/test-entries';

describe('hashIdentifier', () => {
  it('is the lowercase hex SHA-256 of the UTF-8 bytes without a secret', () => {
    // FIPS 180-2 test vector.
    expect(hashIdentifier('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashIdentifier(PERSON_ID)).toBe(createHash('sha256').update(PERSON_ID).digest('hex'));
  });

  it('is HMAC-SHA-256 under a secret', () => {
    // RFC 4231 test case 2.
    expect(hashIdentifier('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hashIdentifier(PERSON_ID, 'a-secret-of-16-chars')).not.toBe(hashIdentifier(PERSON_ID));
  });
});

describe('uidSortKey', () => {
  it('spells each UTF-8 byte as two lowercase letters a–p, with no digits', () => {
    // A = 0x41 → e b; b = 0x62 → g c; - = 0x2d → c n; 0 = 0x30 → d a; 9 = 0x39 → d j; _ = 0x5f → f p; x = 0x78 → h i
    expect(uidSortKey('Ab-09_x')).toBe('ebgccndadjfphi');
    expect(uidSortKey('32058319800101123X')).toMatch(/^[a-p]+$/);
  });

  it('orders uids as Postgres does under collation C (code point), which a lowercased key would not', () => {
    const uids = ['b-1', 'B-2', 'a_9', 'A-10', 'a-1', 'Z', '_x', '-y', '0'];
    const byCodePoint = [...uids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byKey = [...uids].sort((a, b) =>
      uidSortKey(a) < uidSortKey(b) ? -1 : uidSortKey(a) > uidSortKey(b) ? 1 : 0,
    );
    expect(byKey).toEqual(byCodePoint);
    const lowered = [...uids].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    expect(lowered).not.toEqual(byCodePoint);
  });

  it('keeps a prefix before its extensions', () => {
    expect(uidSortKey('E1') < uidSortKey('E1-0')).toBe(true);
  });
});

describe('toMeiliDocument', () => {
  it('maps the derived search columns', () => {
    const entry = makeEntry({ legalRepresentative: null });
    const doc = toMeiliDocument(entry);
    expect(doc).toEqual({
      uid: 'E0000001',
      uidKey: uidSortKey('E0000001'),
      name: '张伟',
      pinyin: 'zhangwei',
      pinyinInitials: 'zw',
      legalRepresentative: null,
      caseNo: '(2023)苏0583执1234号',
      // Persons are never found by identifier on the public search (lib/disclosure.ts).
      idHashes: [],
      subjectType: 'person',
      court: '昆山市人民法院',
      regionId: '320583',
      severity: 'general',
      publishedAtMs: Date.parse('2024-03-01T16:30:00.750Z'),
    });
  });

  it('never holds a full resident ID, in any spelling', () => {
    const withX = '11010519491231002X';
    const entry = makeEntry({ idNumber: PERSON_ID, otherIds: [{ type: '身份证', number: withX.toLowerCase() }] });
    const json = JSON.stringify(toMeiliDocument(entry));
    for (const id of [PERSON_ID, withX, withX.toLowerCase(), PERSON_ID.slice(0, 17)]) expect(json).not.toContain(id);
    // Nor any 15+ digit run at all (a hash is hex, but a long decimal run would be suspicious).
    expect(json).not.toMatch(/\d{15}/);
  });

  it('hashes every normalised identifier exactly as the engine hashes a query', () => {
    const entry = makeEntry({
      subjectType: 'organization',
      name: '某某有限公司',
      idNumber: USCC.toLowerCase(),
      otherIds: [{ type: '注册号', number: '３２０５８３ 000 123' }],
    });
    const doc = toMeiliDocument(entry);
    expect(doc.idHashes).toEqual([USCC, ORG_CODE, '320583000123'].map((id) => hashIdentifier(id)));
    // A user typing the USCC in lowercase / full-width, or the organisation code with a hyphen, hits the same hash.
    expect(doc.idHashes).toContain(hashIdentifier(normalizeIdentifierInput(USCC.toLowerCase())));
    expect(doc.idHashes).toContain(
      hashIdentifier(normalizeIdentifierInput(`${ORG_CODE.slice(0, 8)}-${ORG_CODE.slice(8)}`)),
    );
    expect(doc.idHashes).toContain(hashIdentifier(normalizeIdentifierInput('３２０５８３０００１２３')));
    // Stable: building twice gives the same hashes.
    expect(toMeiliDocument(entry).idHashes).toEqual(doc.idHashes);
  });

  it('uses the HMAC secret when given', () => {
    const doc = toMeiliDocument(makeEntry({ subjectType: 'organization', name: '某某有限公司', idNumber: USCC }), {
      idHashSecret: 'a-secret-of-16-chars',
    });
    expect(doc.idHashes).toContain(hashIdentifier(USCC, 'a-secret-of-16-chars'));
  });

  it('has no identifier hash for an entry without identifiers', () => {
    expect(toMeiliDocument(makeEntry({ idNumber: null })).idHashes).toEqual([]);
  });

  it('normalises the legal representative, and keeps null for none or blank', () => {
    expect(toMeiliDocument(makeEntry({ legalRepresentative: '買買提 · 艾力' })).legalRepresentative).toBe('买买提艾力');
    expect(toMeiliDocument(makeEntry({ legalRepresentative: '  ' })).legalRepresentative).toBeNull();
    expect(toMeiliDocument(makeEntry({ regionId: null })).regionId).toBeNull();
  });

  it('stores publishedAt as Unix milliseconds, so entries in the same second keep their order', () => {
    const doc = toMeiliDocument(makeEntry({ publishedAt: new Date('2024-03-01T16:30:00.999Z') }));
    expect(doc.publishedAtMs).toBe(1709310600999);
    const earlier = toMeiliDocument(makeEntry({ publishedAt: new Date('2024-03-01T16:30:00.001Z') }));
    expect(earlier.publishedAtMs).toBeLessThan(doc.publishedAtMs);
    expect(() => unixMillis(new Date('nope'))).toThrow(RangeError);
  });

  it('puts an entry in its China Standard Time day', () => {
    // 2024-03-01T16:30Z is 2024-03-02 00:30 CST: it belongs to 3月2日, not 3月1日.
    const at = toMeiliDocument(makeEntry({ publishedAt: new Date('2024-03-01T16:30:00Z') })).publishedAtMs;
    expect(at).toBeGreaterThanOrEqual(cstDayStartMs('2024-03-02'));
    expect(at).toBeLessThan(cstDayStartMs('2024-03-03'));
    // The last millisecond of a CST day, and the first one of the next.
    const lastSecond = toMeiliDocument(makeEntry({ publishedAt: new Date('2024-03-01T15:59:59.999Z') })).publishedAtMs;
    expect(lastSecond).toBeLessThan(cstDayStartMs('2024-03-02'));
    expect(lastSecond).toBeGreaterThanOrEqual(cstDayStartMs('2024-03-01'));
  });

  it('refuses a uid Meilisearch would reject as a document id', () => {
    expect(() => toMeiliDocument(makeEntry({ uid: '案件/1' }))).toThrow(/document id/);
    expect(() => toMeiliDocument(makeEntry({ uid: 'a'.repeat(512) }))).toThrow(/document id/);
    expect(toMeiliDocument(makeEntry({ uid: 'Ab-09_x' })).uid).toBe('Ab-09_x');
  });
});

import type { Settings, Task } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { toMeiliDocument } from '@/adapters/search/meilisearch/documents';
import { SORT } from '@/adapters/search/meilisearch/engine';
import {
  assertTaskSucceeded,
  INDEX_SETTINGS,
  MAX_TOTAL_HITS,
  PRIMARY_KEY,
} from '@/adapters/search/meilisearch/settings';
import { makeEntry } from '@/adapters/search/meilisearch/test-entries';

const doc = toMeiliDocument(makeEntry({ legalRepresentative: '张三' }));
const docKeys = new Set(Object.keys(doc));

describe('INDEX_SETTINGS', () => {
  it('is exactly the documented settings object', () => {
    const expected: Settings = {
      searchableAttributes: ['name'],
      filterableAttributes: [
        'subjectType',
        'court',
        'regionId',
        'severity',
        'publishedAtMs',
        'idHashes',
        'caseNo',
        'name',
        'pinyin',
        'pinyinInitials',
      ],
      sortableAttributes: ['publishedAtMs', 'uidKey'],
      rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
      typoTolerance: { enabled: false },
      prefixSearch: 'disabled',
      localizedAttributes: [{ attributePatterns: ['name'], locales: ['cmn'] }],
      pagination: { maxTotalHits: 10_000 },
      displayedAttributes: ['uid', 'name', 'pinyin', 'pinyinInitials', 'caseNo', 'publishedAtMs'],
      facetSearch: false,
    };
    expect(INDEX_SETTINGS).toEqual(expected);
  });

  it('only uses keys of the settings object (PATCH /indexes/{uid}/settings)', () => {
    const known = new Set([
      'displayedAttributes',
      'searchableAttributes',
      'filterableAttributes',
      'sortableAttributes',
      'rankingRules',
      'stopWords',
      'nonSeparatorTokens',
      'separatorTokens',
      'dictionary',
      'synonyms',
      'distinctAttribute',
      'proximityPrecision',
      'typoTolerance',
      'faceting',
      'pagination',
      'embedders',
      'searchCutoffMs',
      'localizedAttributes',
      'facetSearch',
      'prefixSearch',
    ]);
    for (const key of Object.keys(INDEX_SETTINGS)) expect(known.has(key), key).toBe(true);
  });

  it('names only fields a document has', () => {
    const attrs = [
      ...INDEX_SETTINGS.searchableAttributes,
      ...INDEX_SETTINGS.filterableAttributes,
      ...INDEX_SETTINGS.sortableAttributes,
      ...INDEX_SETTINGS.displayedAttributes,
      ...INDEX_SETTINGS.localizedAttributes.flatMap((r) => r.attributePatterns),
    ];
    for (const a of attrs) expect(docKeys.has(a), a).toBe(true);
    expect(docKeys.has(PRIMARY_KEY)).toBe(true);
  });

  it('lists no attribute twice in one list', () => {
    for (const list of [
      INDEX_SETTINGS.searchableAttributes,
      INDEX_SETTINGS.filterableAttributes,
      INDEX_SETTINGS.displayedAttributes,
      INDEX_SETTINGS.rankingRules,
    ]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('ranks by the sort first, so a sorted query is in sort order; the sort keys are sortable', () => {
    expect(INDEX_SETTINGS.rankingRules[0]).toBe('sort');
    expect(INDEX_SETTINGS.rankingRules).not.toContainEqual(expect.stringMatching(/:(asc|desc)$/));
    for (const s of SORT) {
      const [field, dir] = s.split(':');
      expect(['asc', 'desc']).toContain(dir);
      expect(INDEX_SETTINGS.sortableAttributes).toContain(field);
    }
    expect(typeof doc.publishedAtMs).toBe('number');
    expect(doc.uidKey).toMatch(/^[a-p]+$/);
  });

  it('makes the exact-match, match and user-filter fields filterable', () => {
    for (const f of [
      'idHashes',
      'caseNo',
      'name',
      'pinyin',
      'pinyinInitials',
      'subjectType',
      'court',
      'publishedAtMs',
    ]) {
      expect(INDEX_SETTINGS.filterableAttributes).toContain(f);
    }
  });

  it('returns every field the engine reads to rank a hit', () => {
    for (const f of ['uid', 'name', 'pinyin', 'pinyinInitials', 'publishedAtMs'])
      expect(INDEX_SETTINGS.displayedAttributes).toContain(f);
    // Identifier hashes are never returned.
    expect(INDEX_SETTINGS.displayedAttributes).not.toContain('idHashes');
  });

  it('uses a supported ISO 639-3 locale for the Chinese name', () => {
    expect(INDEX_SETTINGS.localizedAttributes).toEqual([{ attributePatterns: ['name'], locales: ['cmn'] }]);
  });

  it('counts up to maxTotalHits', () => {
    expect(MAX_TOTAL_HITS).toBe(INDEX_SETTINGS.pagination.maxTotalHits);
  });
});

describe('assertTaskSucceeded', () => {
  const task = (status: Task['status'], error: Task['error'] = null) => ({
    uid: 7,
    type: 'settingsUpdate' as const,
    status,
    error,
  });

  it('passes a succeeded task', () => {
    expect(() => assertTaskSucceeded(task('succeeded'))).not.toThrow();
  });

  it('throws with the task error otherwise', () => {
    const error = {
      message: 'Attribute `x` is not filterable.',
      code: 'invalid_settings_filterable_attributes',
      type: 'invalid_request',
      link: '',
    };
    expect(() => assertTaskSucceeded(task('failed', error))).toThrow(
      /task 7 \(settingsUpdate\) failed: invalid_settings_filterable_attributes/,
    );
    expect(() => assertTaskSucceeded(task('canceled'))).toThrow(/canceled: no error reported/);
    expect(() => assertTaskSucceeded(task('processing'))).toThrow(/processing/);
  });
});

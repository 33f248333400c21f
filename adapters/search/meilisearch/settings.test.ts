import type { Settings, Task } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { toMeiliDocument } from '@/adapters/search/meilisearch/documents';
import { assertTaskSucceeded, INDEX_SETTINGS, PRIMARY_KEY } from '@/adapters/search/meilisearch/settings';
import { makeEntry } from '@/adapters/search/meilisearch/test-entries';

const doc = toMeiliDocument(makeEntry({ legalRepresentative: '张三' }));
const docKeys = new Set(Object.keys(doc));

describe('INDEX_SETTINGS', () => {
  it('is exactly the documented settings object', () => {
    const expected: Settings = {
      searchableAttributes: ['name', 'nameSubstrings', 'pinyin', 'pinyinInitials', 'legalRepresentative', 'caseNo'],
      filterableAttributes: [
        'subjectType',
        'court',
        'regionId',
        'severity',
        'publishedAt',
        'idHashes',
        'caseNo',
        'name',
        'pinyin',
        'pinyinInitials',
      ],
      sortableAttributes: ['publishedAt'],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAt:desc'],
      typoTolerance: { enabled: false },
      localizedAttributes: [{ attributePatterns: ['name', 'nameSubstrings', 'legalRepresentative'], locales: ['cmn'] }],
      pagination: { maxTotalHits: 10_000 },
      displayedAttributes: ['uid', 'name', 'pinyin', 'pinyinInitials', 'caseNo', 'publishedAt'],
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

  it('ranks by the built-in rules, each once, then newest first on a sortable number', () => {
    const builtIn = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
    expect(INDEX_SETTINGS.rankingRules.slice(0, 6)).toEqual(builtIn);
    const custom = INDEX_SETTINGS.rankingRules.slice(6);
    expect(custom).toEqual(['publishedAt:desc']);
    for (const rule of custom) {
      const m = /^([A-Za-z_]+):(asc|desc)$/.exec(rule);
      expect(m).not.toBeNull();
      const field = m![1]!;
      expect(INDEX_SETTINGS.sortableAttributes).toContain(field);
      expect(typeof doc[field as keyof typeof doc]).toBe('number');
    }
  });

  it('makes the exact-match and filter fields filterable, and publishedAt a number', () => {
    for (const f of ['idHashes', 'caseNo', 'name', 'pinyin', 'pinyinInitials', 'subjectType', 'court', 'publishedAt']) {
      expect(INDEX_SETTINGS.filterableAttributes).toContain(f);
    }
    expect(typeof doc.publishedAt).toBe('number');
  });

  it('returns every field the engine reads to rank a hit', () => {
    for (const f of ['uid', 'name', 'pinyin', 'pinyinInitials', 'publishedAt'])
      expect(INDEX_SETTINGS.displayedAttributes).toContain(f);
    // Identifier hashes are never returned.
    expect(INDEX_SETTINGS.displayedAttributes).not.toContain('idHashes');
  });

  it('uses a supported ISO 639-3 locale for the Chinese fields', () => {
    expect(INDEX_SETTINGS.localizedAttributes).toEqual([
      { attributePatterns: ['name', 'nameSubstrings', 'legalRepresentative'], locales: ['cmn'] },
    ]);
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

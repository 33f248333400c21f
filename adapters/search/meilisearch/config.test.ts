import { describe, expect, it } from 'vitest';
import { meiliConfigFromEnv, MeiliConfigError } from '@/adapters/search/meilisearch/config';

const base = { MEILI_URL: 'http://meilisearch:7700', MEILI_MASTER_KEY: 'master-key-0123456789' };

describe('meiliConfigFromEnv', () => {
  it('is null without MEILI_URL (built-in engine)', () => {
    expect(meiliConfigFromEnv({})).toBeNull();
    expect(meiliConfigFromEnv({ MEILI_URL: '  ', MEILI_MASTER_KEY: 'k' })).toBeNull();
  });

  it('applies the defaults', () => {
    expect(meiliConfigFromEnv(base)).toEqual({
      host: 'http://meilisearch:7700',
      apiKey: 'master-key-0123456789',
      indexUid: 'entries',
      timeoutMs: 300,
      idHashSecret: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      meiliConfigFromEnv({
        MEILI_URL: 'https://search.example.cn/',
        MEILI_API_KEY: 'api-key',
        MEILI_MASTER_KEY: 'master',
        MEILI_INDEX: 'entries_v2',
        MEILI_TIMEOUT_MS: '1500',
        MEILI_ID_HASH_SECRET: 'sixteen-chars-ok',
      }),
    ).toEqual({
      host: 'https://search.example.cn/',
      apiKey: 'api-key',
      indexUid: 'entries_v2',
      timeoutMs: 1500,
      idHashSecret: 'sixteen-chars-ok',
    });
  });

  it('prefers MEILI_API_KEY and falls back to MEILI_MASTER_KEY', () => {
    expect(meiliConfigFromEnv({ ...base, MEILI_API_KEY: 'scoped' })?.apiKey).toBe('scoped');
    expect(meiliConfigFromEnv({ ...base, MEILI_API_KEY: '' })?.apiKey).toBe('master-key-0123456789');
  });

  it('requires a key unless explicitly allowed (development server without master key)', () => {
    expect(() => meiliConfigFromEnv({ MEILI_URL: 'http://localhost:7700' })).toThrow(MeiliConfigError);
    expect(meiliConfigFromEnv({ MEILI_URL: 'http://localhost:7700', MEILI_ALLOW_NO_KEY: '1' })?.apiKey).toBeUndefined();
  });

  it('validates the URL', () => {
    expect(() => meiliConfigFromEnv({ ...base, MEILI_URL: 'meilisearch:7700/x y' })).toThrow(MeiliConfigError);
    expect(() => meiliConfigFromEnv({ ...base, MEILI_URL: 'ftp://meilisearch' })).toThrow(/http or https/);
    expect(() => meiliConfigFromEnv({ ...base, MEILI_URL: 'not a url' })).toThrow(MeiliConfigError);
  });

  it('validates the timeout', () => {
    for (const bad of ['0', '-5', '1.5', 'abc', '300ms', '60001', '1e3']) {
      expect(() => meiliConfigFromEnv({ ...base, MEILI_TIMEOUT_MS: bad }), bad).toThrow(/MEILI_TIMEOUT_MS/);
    }
    expect(meiliConfigFromEnv({ ...base, MEILI_TIMEOUT_MS: ' 60000 ' })?.timeoutMs).toBe(60000);
    expect(meiliConfigFromEnv({ ...base, MEILI_TIMEOUT_MS: '' })?.timeoutMs).toBe(300);
  });

  it('validates the index uid', () => {
    for (const bad of ['entries index', 'entrées', 'a/b', 'x'.repeat(401)]) {
      expect(() => meiliConfigFromEnv({ ...base, MEILI_INDEX: bad }), bad).toThrow(/MEILI_INDEX/);
    }
    expect(meiliConfigFromEnv({ ...base, MEILI_INDEX: 'Entries-2024_a' })?.indexUid).toBe('Entries-2024_a');
  });

  it('refuses a short hash secret', () => {
    expect(() => meiliConfigFromEnv({ ...base, MEILI_ID_HASH_SECRET: 'short' })).toThrow(/MEILI_ID_HASH_SECRET/);
  });
});

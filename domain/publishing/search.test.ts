import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchPublic, SearchFailedError } from '@/domain/publishing/search';
import { PostgresSearchEngine } from '@/adapters/search/postgres-engine';

describe('a failing engine query', () => {
  afterEach(() => vi.restoreAllMocks());

  it('surfaces an error without the query, so logs never hold an ID number', async () => {
    const id = '320583198001011234';
    const dbError = Object.assign(new Error(`Failed query: SELECT … params: ${id}`), { cause: { code: '57014' } });
    vi.spyOn(PostgresSearchEngine.prototype, 'search').mockRejectedValue(dbError);
    // (A bare ID number never reaches an engine: searchPublic answers person_id first.)
    const error = await searchPublic(`张三${id}`, {}, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchFailedError);
    expect((error as Error).message).toBe('search engine query failed (code 57014)');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(id);
  });
});

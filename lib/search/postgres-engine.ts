import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isPublic } from '@/db/visibility';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import type { SearchEngine, SearchQuery, SearchResult } from './types';

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function bigrams(s: string): string[] {
  const chars = [...s];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/**
 * The built-in engine: plain SQL over the derived `search_*` columns.
 * - identifiers and case numbers: exact match (GIN on search_ids, btree on search_case_no);
 * - names: a 2-character-gram GIN index narrows candidates, LIKE confirms the substring
 *   (a trigram index cannot serve a 2-character infix);
 * - Latin input also matches pinyin (full prefix) and initials.
 * The visibility rule is part of the query, so counts are counts of public entries.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  async search(query: SearchQuery): Promise<SearchResult> {
    const name = normalizeText(query.q);
    const id = normalizeIdentifierInput(query.q);
    const caseNo = normalizeCaseNo(query.q);
    const like = `%${escapeLike(name)}%`;
    const prefix = `${escapeLike(name)}%`;
    const grams = bigrams(name);
    const isLatin = /^[a-z]+$/.test(name);

    const matches: SQL[] = [sql`search_ids @> ARRAY[${id}]::text[]`, sql`search_case_no = ${caseNo}`];
    if (grams.length > 0) matches.push(sql`(search_grams @> ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[] AND search_name LIKE ${like})`);
    if (isLatin) matches.push(sql`search_pinyin LIKE ${prefix}`, sql`search_initials = ${name}`);

    const filters: SQL[] = [isPublic()];
    if (query.subjectType) filters.push(sql`subject_type = ${query.subjectType}`);
    if (query.court) filters.push(sql`court = ${query.court}`);
    // Dates are China Standard Time days, as the site displays them.
    if (query.publishedFrom) filters.push(sql`published_at >= (${query.publishedFrom}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (query.publishedTo) filters.push(sql`published_at < (${query.publishedTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);

    const rank = sql`CASE
      WHEN search_ids @> ARRAY[${id}]::text[] OR search_case_no = ${caseNo} THEN 0
      WHEN search_name = ${name} OR search_pinyin = ${name} THEN 1
      WHEN search_name LIKE ${prefix} OR search_pinyin LIKE ${prefix} OR search_initials = ${name} THEN 2
      ELSE 3 END`;

    const rows = await getDb().execute<{ uid: string; rank: number; total: number }>(sql`
      SELECT uid, rank, count(*) OVER ()::int AS total FROM (
        SELECT uid, published_at, ${rank} AS rank
        FROM entries
        WHERE ${sql.join(filters, sql` AND `)} AND (${sql.join(matches, sql` OR `)})
      ) m
      ORDER BY rank, published_at DESC, uid
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`);

    return {
      hits: rows.map((r) => ({ uid: r.uid, rank: Number(r.rank) })),
      total: rows[0] ? Number(rows[0].total) : await this.countOnly(filters, matches, query.page),
    };
  }

  /** A page past the end returns no rows; still report the total. */
  private async countOnly(filters: SQL[], matches: SQL[], page: number) {
    if (page === 1) return 0;
    const [row] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entries WHERE ${sql.join(filters, sql` AND `)} AND (${sql.join(matches, sql` OR `)})`,
    );
    return Number(row?.n ?? 0);
  }
}

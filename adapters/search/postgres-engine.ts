import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isPublic } from '@/db/visibility';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { nameBigrams, normalizeCaseNo, normalizeText } from '@/lib/normalize';
import type { SearchEngine, SearchResult } from '@/adapters/search/types';
import { type SearchQuery } from '@/lib/search/params';

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The built-in engine: plain SQL over the derived `search_*` columns.
 * - identifiers and case numbers: exact match (GIN on search_ids, btree on search_case_no);
 * - names: a 2-character-gram GIN index narrows candidates, LIKE confirms the substring
 *   (a trigram index cannot serve a 2-character infix);
 * - Latin input also matches pinyin (full prefix) and initials.
 * The visibility rule is part of the query, so counts are counts of public entries.
 */
/**
 * Above this many matches the total is reported as a lower bound ("3000 条以上") and the
 * first pages are found newest-first instead of by ranking every match: a frequent
 * fragment such as 有限公司 would otherwise cost a heap visit per match. Measured in
 * docs/benchmarks.md.
 */
export const EXACT_TOTAL_LIMIT = 3000;
const NEWEST_FIRST_MAX_PAGE = 5;

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  async search(query: SearchQuery): Promise<SearchResult> {
    const name = normalizeText(query.q);
    const id = normalizeIdentifierInput(query.q);
    const caseNo = normalizeCaseNo(query.q);
    const like = `%${escapeLike(name)}%`;
    const prefix = `${escapeLike(name)}%`;
    const grams = nameBigrams(query.q);
    const isLatin = /^[a-z]+$/.test(name);

    // Identifiers find organisations only: a person found by ID number would confirm a guess (lib/disclosure.ts).
    const byId = sql`(search_ids @> ARRAY[${id}]::text[] AND subject_type = 'organization')`;
    const matches: SQL[] = [byId, sql`search_case_no = ${caseNo}`];
    if (grams.length > 0)
      matches.push(
        sql`(search_grams @> ARRAY[${sql.join(
          grams.map((g) => sql`${g}`),
          sql`, `,
        )}]::text[] AND search_name LIKE ${like})`,
      );
    if (isLatin) matches.push(sql`search_pinyin LIKE ${prefix}`, sql`search_initials = ${name}`);

    const filters: SQL[] = [isPublic()];
    if (query.subjectType) filters.push(sql`subject_type = ${query.subjectType}`);
    if (query.court) filters.push(sql`court = ${query.court}`);
    // Dates are China Standard Time days, as the site displays them.
    if (query.publishedFrom)
      filters.push(sql`published_at >= (${query.publishedFrom}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (query.publishedTo)
      filters.push(sql`published_at < (${query.publishedTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);

    // Rows ranked 0–2 (identifier, case number, exact name, name or pinyin prefix); the rest rank 3.
    const strong = sql`(${byId} OR search_case_no = ${caseNo}
      OR search_name = ${name} OR search_pinyin = ${name}
      OR search_name LIKE ${prefix} OR search_pinyin LIKE ${prefix} OR search_initials = ${name})`;
    const rank = sql`CASE
      WHEN ${byId} OR search_case_no = ${caseNo} THEN 0
      WHEN search_name = ${name} OR search_pinyin = ${name} THEN 1
      WHEN search_name LIKE ${prefix} OR search_pinyin LIKE ${prefix} OR search_initials = ${name} THEN 2
      ELSE 3 END`;
    const filtered = sql.join(filters, sql` AND `);
    const matched = sql`(${sql.join(matches, sql` OR `)})`;
    const offset = (query.page - 1) * query.pageSize;
    const toHits = (rows: { uid: string; rank: number }[]) => rows.map((r) => ({ uid: r.uid, rank: Number(r.rank) }));
    const db = getDb();

    // 1. Collect at most EXACT_TOTAL_LIMIT + 1 matches (no ORDER BY, so the scan can stop
    //    early); when that is all there is, rank and page them: exact total, exact order.
    const [first] = await db.execute<{ total: number; hits: { uid: string; rank: number }[] | null }>(sql`
      WITH m AS MATERIALIZED (
        SELECT uid, published_at, ${rank} AS rank FROM entries WHERE ${filtered} AND ${matched} LIMIT
          ${EXACT_TOTAL_LIMIT + 1}
      )
      SELECT (SELECT count(*) FROM m)::int AS total,
             (SELECT json_agg(json_build_object('uid', uid, 'rank', rank) ORDER BY rank, published_at DESC, uid)
                FROM (SELECT * FROM m ORDER BY rank, published_at DESC, uid
                      LIMIT ${query.pageSize} OFFSET ${offset}) p) AS hits`);
    const total = Number(first?.total ?? 0);
    if (total <= EXACT_TOTAL_LIMIT) return { hits: toHits(first?.hits ?? []), total, totalIsLowerBound: false };

    // 2. A frequent term (e.g. 有限公司). Deep pages: rank every match (cost grows with matches).
    if (query.page > NEWEST_FIRST_MAX_PAGE) {
      const rows = await db.execute<{ uid: string; rank: number }>(sql`
        SELECT uid, rank FROM (SELECT uid, published_at, ${rank} AS rank FROM entries WHERE ${filtered} AND
          ${matched}) m
        ORDER BY rank, published_at DESC, uid LIMIT ${query.pageSize} OFFSET ${offset}`);
      return { hits: toHits(rows), total: EXACT_TOTAL_LIMIT, totalIsLowerBound: true };
    }
    // 3. First pages: rank 0–2 rows first; only if they do not fill the page, rank-3 rows
    //    walked newest first along entries_published_at_idx. (Walking when the strong rows
    //    suffice would scan the whole table for, e.g., initials with no substring matches.)
    //    `IS TRUE` keeps the planner from driving the strong query from the large gram bitmap.
    const k = offset + query.pageSize;
    const strongRows = await db.execute<{ uid: string; rank: number }>(sql`
      SELECT uid, ${rank} AS rank FROM entries
      WHERE ${strong} AND ${filtered} AND ${matched} IS TRUE
      ORDER BY 2, published_at DESC, uid LIMIT ${k}`);
    const substringRows =
      strongRows.length >= k
        ? []
        : await db.execute<{ uid: string; rank: number }>(sql`
            SELECT uid, 3 AS rank FROM entries WHERE ${filtered} AND ${matched} AND NOT ${strong}
            ORDER BY published_at DESC, uid LIMIT ${k - strongRows.length}`);
    const rows = [...strongRows, ...substringRows].slice(offset, k);
    return { hits: toHits(rows), total: EXACT_TOTAL_LIMIT, totalIsLowerBound: true };
  }
}

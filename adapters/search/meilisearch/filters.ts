import 'server-only';
import { CST_OFFSET_MS } from '@/lib/cst';
import { type SearchFilters } from '@/lib/search/params';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Meilisearch filter expressions (string syntax,
 * https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference).
 *
 * String values are always written in double quotes. Inside them the filter parser
 * (meilisearch crates/filter-parser/src/value.rs) ends the value at the first `"` not
 * preceded by `\`, turns `\"` into `"`, then unescapes the rest (`\\` → `\`, also `\n`,
 * `\u{…}`; since v1.4 a literal backslash must be written `\\`, changelog v1.4). So a value
 * is escaped by doubling every `\` first, then writing every `"` as `\"`. Quoting also
 * keeps values equal to a keyword (AND, OR, NOT, TO…) or holding spaces, brackets or `=`
 * from being read as syntax. `=` on strings is case-insensitive, which changes nothing
 * here: the normalised values are lowercase already.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = "value"`; attribute names are ours (plain identifiers), never user input. */
export function eq(attribute: string, value: string): string {
  return `${attribute} = ${quoteFilterValue(value)}`;
}

/**
 * `attribute STARTS WITH "value"`: a range scan over the attribute's facet values (no
 * experimental feature needed). Unlike a text query's prefix, which Meilisearch expands to at
 * most 1,000 indexed words in alphabetical order, this finds every value with the prefix.
 */
export function startsWith(attribute: string, value: string): string {
  return `${attribute} STARTS WITH ${quoteFilterValue(value)}`;
}

/**
 * `attribute CONTAINS "value"`: substring match over the attribute's facet values. Needs the
 * experimental feature `containsFilter` (settings.ts enables it); Meilisearch checks each
 * distinct value of the attribute, so its cost grows with the number of distinct names.
 */
export function contains(attribute: string, value: string): string {
  return `${attribute} CONTAINS ${quoteFilterValue(value)}`;
}

/** Joins conditions with AND; a condition holding OR is parenthesised (AND binds tighter). */
export function andFilters(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((p) => (/\sOR\s/.test(p) && !isWrapped(p) ? `(${p})` : p)).join(' AND ');
}

/** Joins conditions with OR, each parenthesised when it holds AND. */
export function orFilters(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((p) => (/\sAND\s/.test(p) && !isWrapped(p) ? `(${p})` : p)).join(' OR ');
}

/** True when the whole expression is one parenthesised group. */
function isWrapped(p: string): boolean {
  if (!p.startsWith('(') || !p.endsWith(')')) return false;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && i < p.length - 1) return false;
    }
  }
  return depth === 0;
}

/**
 * Unix milliseconds of 00:00 China Standard Time (UTC+8, no DST) on the given YYYY-MM-DD day.
 * Throws a RangeError for anything that is not a real calendar date.
 */
export function cstDayStartMs(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError('date must be YYYY-MM-DD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError('date is not a real calendar date');
  }
  return utc - CST_OFFSET_MS;
}

/**
 * The user filters as one expression, or undefined when there are none. Dates are China
 * Standard Time days, inclusive at both ends, like the built-in engine:
 * `publishedFrom` → `publishedAtMs >= <00:00 CST that day>`,
 * `publishedTo`   → `publishedAtMs < <00:00 CST the next day>`.
 */
export function buildFilter(filters: SearchFilters): string | undefined {
  const parts: string[] = [];
  if (filters.subjectType) parts.push(eq('subjectType', filters.subjectType));
  if (filters.court) parts.push(eq('court', filters.court));
  if (filters.publishedFrom) parts.push(`publishedAtMs >= ${cstDayStartMs(filters.publishedFrom)}`);
  if (filters.publishedTo) parts.push(`publishedAtMs < ${cstDayStartMs(filters.publishedTo) + DAY_MS}`);
  return andFilters(...parts);
}

/**
 * Rank-0 matches: an organisation's identifier (by its hash) or the normalised case number.
 * Persons are never found by identifier on the public search (lib/disclosure.ts).
 * `caseNo` null leaves the case-number branch out (the engine does so when the query is a
 * resident ID, so that the full number is never sent to the index).
 */
export function exactFilter(idHash: string, caseNo: string | null): string {
  const byId = `(${eq('idHashes', idHash)} AND ${eq('subjectType', 'organization')})`;
  return caseNo === null || caseNo === '' ? byId : `(${byId} OR ${eq('caseNo', caseNo)})`;
}

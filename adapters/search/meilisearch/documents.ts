import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import type { Entry } from '@/db/schema';
import { normalizeText } from '@/lib/normalize';

/**
 * # The Meilisearch document of an entry
 *
 * One document per public entry, primary key `uid` (信息唯一标识). It holds only what search
 * needs: hits are re-read from Postgres (and re-checked against the visibility rule) before
 * anything is shown, so no display field lives in the index. All text fields are the
 * entry's derived `search_*` columns (lib/search/fields.ts), i.e. normalised exactly as the
 * built-in engine and the user's query are.
 *
 * | field | value | used for |
 * | --- | --- | --- |
 * | `uid` | entry uid | primary key, the hit |
 * | `name` | `searchName` (normalizeText of the name) | searchable; filter `name = q` |
 * | `nameSubstrings` | every distinct 1–4 code-point substring of `name` | searchable (infixes, see below) |
 * | `pinyin` | `searchPinyin` (full pinyin, e.g. `zhangwei`) | searchable; filter `pinyin = q` |
 * | `pinyinInitials` | `searchInitials` (e.g. `zw`) | searchable; filter `= q` |
 * | `legalRepresentative` | normalizeText of 企业法定代表人, or null | searchable (not queried yet) |
 * | `caseNo` | `searchCaseNo` (normalizeCaseNo) | filter `caseNo = q` (exact) |
 * | `idHashes` | hashIdentifier of each `searchIds` element | filter `idHashes = hash(q)` |
 * | `subjectType` | `person` / `organization` | filter |
 * | `court` | 执行法院, as stored | filter |
 * | `regionId` | 地域ID or null | filter |
 * | `severity` | `general` / `serious` | filter |
 * | `publishedAt` | Unix seconds (number) | filter (CST day bounds), sort |
 *
 * Why `nameSubstrings`: Meilisearch segments Chinese with jieba and matches whole words (the
 * last query word also as a prefix), so "农业" may miss "中国农业发展银行" and "业发" always
 * would. Indexing every 1–4 character substring makes every short infix, and every
 * segment of a longer one, a word the document contains. The engine then keeps only hits
 * whose `name` really contains the query (adapters/search/meilisearch/engine.ts), which also
 * removes the noise of two-character names.
 *
 * Why no `publishedDay`: a China Standard Time day is the half-open range
 * [00:00 CST, next 00:00 CST) of `publishedAt` seconds, so filters.ts turns
 * `publishedFrom`/`publishedTo` into two numeric bounds; a second date field would only
 * duplicate `publishedAt`.
 *
 * Identifiers (design rule 5: no full ID number ever reaches the index): each normalised
 * identifier is stored as `hashIdentifier(id, secret)`, a lowercase hex SHA-256, or
 * HMAC-SHA-256 under `MEILI_ID_HASH_SECRET` when set (config.ts explains why production
 * should set it). Identifiers are matched by filter equality only, never by text search.
 */
export type MeiliDocument = {
  uid: string;
  name: string;
  nameSubstrings: string[];
  pinyin: string;
  pinyinInitials: string;
  legalRepresentative: string | null;
  caseNo: string;
  idHashes: string[];
  subjectType: Entry['subjectType'];
  court: string;
  regionId: string | null;
  severity: Entry['severity'];
  publishedAt: number;
};

/** Longest substring indexed in `nameSubstrings`. */
export const MAX_SUBSTRING_CHARS = 4;

/**
 * Document ids may hold only `a-z A-Z 0-9 - _`, at most 511 bytes (error `invalid_document_id`,
 * https://www.meilisearch.com/docs/reference/errors/error_codes#invalid_document_id); one
 * invalid id fails the whole addition task, so it is refused here with a clear message.
 */
const DOCUMENT_ID_RE = /^[A-Za-z0-9_-]{1,511}$/;

export function isValidDocumentId(uid: string): boolean {
  return DOCUMENT_ID_RE.test(uid);
}

/**
 * The hash under which a normalised identifier (normalizeIdentifierInput, as in
 * `searchIds`) is indexed and queried: lowercase hex SHA-256 of its UTF-8 bytes, or
 * HMAC-SHA-256 keyed with `secret` when one is given. Indexing and search must use the same
 * secret.
 */
export function hashIdentifier(normalisedId: string, secret?: string): string {
  const h = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  return h.update(normalisedId, 'utf8').digest('hex');
}

/** Every distinct substring of 1–`maxChars` code points, by start position then length. */
export function nameSubstrings(normalisedName: string, maxChars = MAX_SUBSTRING_CHARS): string[] {
  const chars = Array.from(normalisedName);
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let s = '';
    for (let len = 1; len <= maxChars && i + len <= chars.length; len++) {
      s += chars[i + len - 1];
      out.add(s);
    }
  }
  return [...out];
}

/** Unix seconds (floored, so a CST-day bound in whole seconds classifies it exactly). */
export function unixSeconds(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError('publishedAt is not a valid date');
  return Math.floor(ms / 1000);
}

export type DocumentOptions = { idHashSecret?: string };

/**
 * Builds the index document of an entry from its derived search columns (the legal
 * representative has no derived column, so it is normalised here).
 */
export function toMeiliDocument(entry: Entry, opts: DocumentOptions = {}): MeiliDocument {
  if (!isValidDocumentId(entry.uid)) {
    throw new RangeError(
      'entry uid is not a valid Meilisearch document id (allowed: A-Z a-z 0-9 - _, at most 511 bytes)',
    );
  }
  const legal = entry.legalRepresentative ? normalizeText(entry.legalRepresentative) : '';
  return {
    uid: entry.uid,
    name: entry.searchName,
    nameSubstrings: nameSubstrings(entry.searchName),
    pinyin: entry.searchPinyin,
    pinyinInitials: entry.searchInitials,
    legalRepresentative: legal === '' ? null : legal,
    caseNo: entry.searchCaseNo,
    // Persons are never found by identifier on the public search (lib/disclosure.ts): the index holds none of theirs.
    idHashes:
      entry.subjectType === 'person'
        ? []
        : [...new Set(entry.searchIds)].map((id) => hashIdentifier(id, opts.idHashSecret)),
    subjectType: entry.subjectType,
    court: entry.court,
    regionId: entry.regionId ?? null,
    severity: entry.severity,
    publishedAt: unixSeconds(entry.publishedAt),
  };
}

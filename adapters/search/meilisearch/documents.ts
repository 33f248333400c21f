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
 * | `uidKey` | the uid's UTF-8 bytes as letters `a`–`p` (uidSortKey) | sort: the uid tie-break (see below) |
 * | `name` | `searchName` (normalizeText of the name) | filter `=`, `STARTS WITH`, `CONTAINS` |
 * | `pinyin` | `searchPinyin` (full pinyin, e.g. `zhangwei`) | filter `=`, `STARTS WITH` |
 * | `pinyinInitials` | `searchInitials` (e.g. `zw`) | filter `=` |
 * | `legalRepresentative` | normalizeText of 企业法定代表人, or null | stored, not queried (the contract matches names) |
 * | `caseNo` | `searchCaseNo` (normalizeCaseNo) | filter `caseNo = q` (exact) |
 * | `idHashes` | hashIdentifier of each `searchIds` element | filter `idHashes = hash(q)` |
 * | `subjectType` | `person` / `organization` | filter |
 * | `court` | 执行法院, as stored | filter |
 * | `regionId` | 地域ID or null | filter |
 * | `severity` | `general` / `serious` | filter |
 * | `publishedAtMs` | Unix milliseconds (number) | filter (CST day bounds), sort (newest first) |
 *
 * Every match is a filter, never a text query (engine.ts explains why): a text query cuts
 * Chinese with jieba, matches the last word as a prefix expanded to at most 1,000 words,
 * reads only the first 10 words, and orders by relevance, so it cannot give the built-in
 * engine's "name contains the query, newest first". The earlier `nameSubstrings` field (every
 * 1–4 character substring, meant to make infixes words) is gone: jieba cuts most 3- and
 * 4-character pieces again, so they were rarely words of their own and only cost index size,
 * and `name CONTAINS q` matches any infix exactly.
 *
 * Why `publishedAtMs` and not seconds: the built-in engine orders by `published_at` (which
 * holds what a JavaScript Date holds, milliseconds); two entries in the same second would be
 * a tie in seconds and fall to the uid, in a different order. Why `uidKey`: Meilisearch sorts
 * strings by their normalised (lowercased) facet value, so `B…` would sort after `a…`;
 * Postgres (collation C.UTF-8) sorts by code point. `uidKey` spells each byte in lowercase
 * letters in byte order, so sorting on it equals `ORDER BY uid`.
 *
 * Why no `publishedDay`: a China Standard Time day is the half-open range
 * [00:00 CST, next 00:00 CST) of `publishedAtMs`, so filters.ts turns
 * `publishedFrom`/`publishedTo` into two numeric bounds.
 *
 * Identifiers (design rule 5: no full ID number ever reaches the index): each normalised
 * identifier is stored as `hashIdentifier(id, secret)`, a lowercase hex SHA-256, or
 * HMAC-SHA-256 under `MEILI_ID_HASH_SECRET` when set (config.ts explains why production
 * should set it). Identifiers are matched by filter equality only, never by text search.
 */
export type MeiliDocument = {
  uid: string;
  uidKey: string;
  name: string;
  pinyin: string;
  pinyinInitials: string;
  legalRepresentative: string | null;
  caseNo: string;
  idHashes: string[];
  subjectType: Entry['subjectType'];
  court: string;
  regionId: string | null;
  severity: Entry['severity'];
  publishedAtMs: number;
};

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

/** Unix milliseconds of a date (what a JavaScript Date and the stored `published_at` hold). */
export function unixMillis(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError('publishedAt is not a valid date');
  return ms;
}

/**
 * The sort key of a uid: each UTF-8 byte as two letters `a`–`p` (its high and low nibble), so
 * the key's string order is the byte order (`ORDER BY uid` under collation C), it is already
 * lowercase (Meilisearch lowercases facet strings before sorting) and it holds no digits (no
 * long digit run that could be mistaken for an ID number).
 */
export function uidSortKey(uid: string): string {
  let key = '';
  for (const b of Buffer.from(uid, 'utf8')) key += String.fromCharCode(97 + (b >> 4), 97 + (b & 15));
  return key;
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
    uidKey: uidSortKey(entry.uid),
    name: entry.searchName,
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
    publishedAtMs: unixMillis(entry.publishedAt),
  };
}

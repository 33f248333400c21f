/**
 * Bulk check of counterparties against the list (issue 6): for each subject, whether it is
 * listed now and which entries match. Shared by POST /api/v1/check (department and
 * enterprise keys) and the public page /check.
 *
 * Matching is exact, never by substring — a department system intercepts on the answer:
 * - identifier: the input goes through normalizeIdentifierInput (full-width, case, spaces,
 *   hyphens) and is looked up in the `search_ids` GIN array, which holds every entry's
 *   identifiers (and the organisation code inside a USCC); a USCC given here also finds an
 *   entry stored with only its organisation code;
 * - name: normalizeText (traditional → simplified, full-width, case, spaces, name dots)
 *   equal to the stored `search_name` (btree).
 *
 * Scores (`listed` is true when some match scores ≥ LISTED_SCORE):
 * | case                                                         | score | reason |
 * | identifier and name both match                               | 1.0   | 证件号码和名称均一致 |
 * | identifier matches, no name given                            | 1.0   | 证件号码一致 |
 * | organisation name identical, no identifier given             | 1.0   | 名称完全一致 |
 * | organisation name equal after normalisation                  | 0.95  | 名称一致（繁简体、全半角或空格不同） |
 * | identifier matches, the name given differs                   | 0.9   | 证件号码一致，名称不同（可能已更名） |
 * | person's name only (namesakes are common: 王伟)               | 0.7   | 姓名一致，未核对证件号码（可能为同名的他人） |
 * | organisation name matches, the identifier given differs      | 0.6   | 名称一致，但证件号码不同 |
 * A person's name with an identifier that differs from the entry's is a namesake, not a match.
 *
 * Disclosure (lib/disclosure.ts): the public audience sees what isPublic() lets through,
 * departments what isSharedWithDepartments() does (restricted entries too). Only a caller
 * allowed persons' full ID numbers matches on them: for everyone else a person-shaped
 * identifier is not looked up, identifiers find organisations only, and a person is matched
 * by name alone (whatever identifier was given), so no answer can confirm a guessed ID. Revoked, shielded, expired and
 * not-yet-published entries never match. The whole request is one SQL statement: the
 * subjects go in as two JSON parameters and are joined LATERALly to the indexes, at most
 * MAX_MATCHES + 1 rows per name.
 */
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isPublic, isSharedWithDepartments } from '@/db/visibility';
import { isPersonIdShaped, type Disclosure } from '@/lib/disclosure';
import { isValidUscc, normalizeIdentifierInput } from '@/lib/identifiers';
import type { CheckSubject } from '@/lib/validation/check';
import { maskIdentifierForPublic } from '@/lib/mask';
import { normalizeText } from '@/lib/normalize';

export type CheckMatch = {
  uid: string;
  caseNo: string;
  name: string;
  court: string;
  publishedAt: string;
  subjectType: 'person' | 'organization';
  /** Persons' ID numbers masked, unless the caller may read them whole. */
  identifier: string | null;
  score: number;
  reason: string;
};

export type CheckResult = {
  index: number;
  listed: boolean;
  matches: CheckMatch[];
  /** More entries matched than MAX_MATCHES (a common person's name): the strongest are shown. */
  truncated: boolean;
};

/** Matches returned per subject, strongest first. */
export const MAX_MATCHES = 20;
/** A subject is `listed` when a match scores at least this: an identifier or an organisation's name. */
export const LISTED_SCORE = 0.9;

const REASONS = {
  both: { score: 1, reason: '证件号码和名称均一致' },
  identifier: { score: 1, reason: '证件号码一致' },
  nameExact: { score: 1, reason: '名称完全一致' },
  nameNormalized: { score: 0.95, reason: '名称一致（繁简体、全半角或空格不同）' },
  identifierNameDiffers: { score: 0.9, reason: '证件号码一致，名称不同（可能已更名）' },
  personName: { score: 0.7, reason: '姓名一致，未核对证件号码（可能为同名的他人）' },
  nameIdentifierDiffers: { score: 0.6, reason: '名称一致，但证件号码不同' },
} as const;
type MatchKind = keyof typeof REASONS;
/** Rows fetched per identifier or name looked up: one more than is shown, to tell when there were more. */
const LOOKUP_LIMIT = MAX_MATCHES + 1;
/** Tie-break among equal scores: both > identifier > name. */
const STRENGTH: Record<MatchKind, number> = {
  both: 0,
  identifier: 1,
  nameExact: 2,
  nameNormalized: 2,
  identifierNameDiffers: 1,
  personName: 2,
  nameIdentifierDiffers: 2,
};

type Row = {
  i: number;
  via: 'id' | 'name';
  key: string;
  uid: string;
  case_no: string;
  name: string;
  court: string;
  published_at: string | Date;
  subject_type: 'person' | 'organization';
  id_number: string | null;
  search_ids: string[];
  search_name: string;
};

type Prepared = { ids: string[]; name: string | null; rawName: string | null };

/** The identifiers a subject's input stands for: itself, and the organisation code inside a USCC. */
function identifiersOf(input: string | undefined, personIds: boolean): string[] {
  const id = input ? normalizeIdentifierInput(input) : '';
  if (!id || (!personIds && isPersonIdShaped(id))) return [];
  return isValidUscc(id) ? [id, id.slice(8, 17)] : [id];
}

function prepare(s: CheckSubject, personIds: boolean): Prepared {
  const rawName = s.name?.trim() || null;
  const name = rawName ? normalizeText(rawName) || null : null;
  return { ids: identifiersOf(s.idNumber, personIds), name, rawName };
}

function classify(input: Prepared, row: Row, personIds: boolean): MatchKind | null {
  // Without the right to read persons' IDs, a person is judged on the name alone.
  const p = row.subject_type === 'person' && !personIds ? { ...input, ids: [] } : input;
  const idMatch = p.ids.some((id) => row.search_ids.includes(id));
  const nameMatch = p.name !== null && p.name === row.search_name;
  if (idMatch) return p.name === null ? 'identifier' : nameMatch ? 'both' : 'identifierNameDiffers';
  if (!nameMatch) return null;
  // The subject gave an identifier and the entry carries others: a different subject of the same name.
  if (p.ids.length > 0 && row.search_ids.length > 0)
    return row.subject_type === 'person' ? null : 'nameIdentifierDiffers';
  if (row.subject_type === 'person') return 'personName';
  return p.rawName === row.name.trim() ? 'nameExact' : 'nameNormalized';
}

function identifierFor(row: Row, personIds: boolean): string | null {
  return personIds ? row.id_number : maskIdentifierForPublic(row.subject_type, row.id_number);
}

/** Checks `subjects` in order, as `disclosure` allows (lib/disclosure.ts). */
export async function checkSubjects(subjects: CheckSubject[], disclosure: Disclosure): Promise<CheckResult[]> {
  const { personIds } = disclosure;
  const prepared = subjects.map((s) => prepare(s, personIds));
  const idLookups = prepared.flatMap((p, i) => p.ids.map((v) => ({ i, v })));
  const nameLookups = prepared.flatMap((p, i) => (p.name ? [{ i, v: p.name }] : []));
  const rows = idLookups.length + nameLookups.length === 0 ? [] : await lookup(idLookups, nameLookups, disclosure);

  const found = prepared.map(() => new Map<string, { row: Row; kind: MatchKind }>());
  const truncated = prepared.map(() => false);
  const rowsPerLookup = new Map<string, number>();
  for (const row of rows) {
    const i = Number(row.i);
    const kind = classify(prepared[i]!, row, personIds);
    if (kind) found[i]!.set(row.uid, { row, kind });
    // A name lookup that returned LOOKUP_LIMIT rows was cut short (a very common name).
    const lookupKey = `${i}\u0000${row.via}\u0000${row.key}`;
    const n = (rowsPerLookup.get(lookupKey) ?? 0) + 1;
    rowsPerLookup.set(lookupKey, n);
    if (kind && n >= LOOKUP_LIMIT) truncated[i] = true;
  }
  return prepared.map((_, index) => {
    const ranked = [...found[index]!.values()].sort(
      (a, b) =>
        REASONS[b.kind].score - REASONS[a.kind].score ||
        STRENGTH[a.kind] - STRENGTH[b.kind] ||
        new Date(b.row.published_at).getTime() - new Date(a.row.published_at).getTime() ||
        a.row.uid.localeCompare(b.row.uid),
    );
    const matches = ranked.slice(0, MAX_MATCHES).map(({ row, kind }) => ({
      uid: row.uid,
      caseNo: row.case_no,
      name: row.name,
      court: row.court,
      publishedAt: new Date(row.published_at).toISOString(),
      subjectType: row.subject_type,
      identifier: identifierFor(row, personIds),
      ...REASONS[kind],
    }));
    return {
      index,
      listed: matches.some((m) => m.score >= LISTED_SCORE),
      matches,
      truncated: truncated[index]! || ranked.length > MAX_MATCHES,
    };
  });
}

/**
 * One statement: every identifier and every name looked up through its index, visibility
 * applied. Identifier lookups carry no ORDER BY/LIMIT: the planner's generic estimate for
 * `search_ids @> ARRAY[$1]` is thousands of rows, and with a LIMIT it would rather walk
 * entries_published_at_idx backwards, filtering — the whole table per subject at 1,000,000
 * entries. An identifier names one subject, so its rows are few; MAX_MATCHES applies in JS.
 */
async function lookup(
  ids: { i: number; v: string }[],
  names: { i: number; v: string }[],
  disclosure: Disclosure,
): Promise<Row[]> {
  const visible = disclosure.audience === 'public' ? isPublic() : isSharedWithDepartments();
  const byIdentifier = disclosure.personIds ? sql`TRUE` : sql`subject_type = 'organization'`;
  const columns = sql`uid, case_no, name, court, published_at, subject_type, id_number, search_ids, search_name`;
  return getDb().execute<Row>(sql`
    SELECT q.i, 'id' AS via, q.v AS key, m.* FROM json_to_recordset(${JSON.stringify(ids)}::json) AS q(i int, v text)
    CROSS JOIN LATERAL (
      SELECT ${columns} FROM entries WHERE search_ids @> ARRAY[q.v] AND ${byIdentifier} AND ${visible}
    ) m
    UNION ALL
    SELECT q.i, 'name' AS via, q.v AS key, m.* FROM json_to_recordset(${JSON.stringify(names)}::json) AS q(i int, v
      text)
    CROSS JOIN LATERAL (
      SELECT ${columns} FROM entries WHERE search_name = q.v AND ${visible}
      ORDER BY published_at DESC LIMIT ${LOOKUP_LIMIT}
    ) m`);
}

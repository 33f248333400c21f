import 'server-only';
import { and, arrayContains, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { toPublicEntry, type PublicEntry } from '@/domain/publishing/public-entry';
import { scrubDeep } from '@/lib/disclosure';
import { maskPersonName } from '@/lib/mask';
import { normalizeCaseNo } from '@/lib/normalize';
import type { SubjectType } from '@/lib/entry-input';
import { withinCstDays } from '@/db/clock';
import { getDb } from '@/db/client';
import { courts, departments, entries, measureDepartments, measures } from '@/db/schema';
import { isPublic, isPublicRemoval } from '@/db/visibility';

/** Public reads. Every one that touches entries filters with isPublic() (design rule 2). */

export async function getPublicEntry(uid: string): Promise<PublicEntry | null> {
  const [row] = await getDb()
    .select()
    .from(entries)
    .where(and(eq(entries.uid, uid), isPublic()));
  return row ? toPublicEntry(row) : null;
}

/** Re-checks search hits against the visibility rule; returns the visible ones in the given order. */
export async function getPublicEntriesInOrder(uids: string[]): Promise<PublicEntry[]> {
  if (uids.length === 0) return [];
  const rows = await getDb()
    .select()
    .from(entries)
    .where(and(inArray(entries.uid, uids), isPublic()));
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  return uids.flatMap((uid) => {
    const row = byUid.get(uid);
    return row ? [toPublicEntry(row)] : [];
  });
}

export async function countPublicEntries(): Promise<{ person: number; organization: number }> {
  const rows = await getDb()
    .select({ subjectType: entries.subjectType, n: count() })
    .from(entries)
    .where(isPublic())
    .groupBy(entries.subjectType);
  const result = { person: 0, organization: 0 };
  for (const r of rows) result[r.subjectType] = r.n;
  return result;
}

/**
 * The home page's counts, reused for a minute per process: a count over every public entry is a full scan (about 16 ms
 * of Postgres CPU a request at 100,000 entries, which held `/` to 20 requests/s: docs/benchmarks.md), and a count a
 * minute old names no one. The entries themselves are never cached: a revoked one is gone from every list at once.
 */
const COUNTS_TTL_MS = 60_000;
let cachedCounts: { at: number; counts: ReturnType<typeof countPublicEntries> } | null = null;

export function recentPublicEntryCounts(): ReturnType<typeof countPublicEntries> {
  if (!cachedCounts || Date.now() - cachedCounts.at > COUNTS_TTL_MS) {
    const counts = countPublicEntries();
    cachedCounts = { at: Date.now(), counts };
    // A failed count is not kept: the next request asks again.
    counts.catch(() => {
      if (cachedCounts?.counts === counts) cachedCounts = null;
    });
  }
  return cachedCounts.counts;
}

export async function latestPublicEntries(limit: number): Promise<PublicEntry[]> {
  const rows = await getDb()
    .select()
    .from(entries)
    .where(isPublic())
    .orderBy(desc(entries.publishedAt), asc(entries.uid))
    .limit(limit);
  return rows.map(toPublicEntry);
}

/**
 * Courts for the search filter: the court directory's canonical names (pushes store an alias under them) that have
 * entries, in the directory's order — one index probe per court. Court names are public institutions, so this list
 * needs no visibility filter.
 */
export async function listCourts(): Promise<string[]> {
  const rows = await getDb().execute<{ name: string }>(sql`
    SELECT name FROM ${courts} c WHERE EXISTS (SELECT 1 FROM ${entries} e WHERE e.court = c.name)
    ORDER BY c.sort_order`);
  return rows.map((r) => r.name);
}

export type RemovalNotice = {
  uid: string;
  caseNo: string;
  court: string;
  displayName: string;
  subjectType: 'person' | 'organization';
  kind: 'revoked' | 'shielded';
  at: string;
};

export const NOTICES_PAGE_SIZE = 20;

/** What /notices may be narrowed to (lib/validation/notices.ts parses it from the address). */
export type NoticeQuery = {
  /** The notice period: removals of the last `days` days. */
  days: number;
  kind?: 'revoked' | 'shielded';
  /** China Standard Time calendar days (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  /** A case number, matched as the search matches it (normalised, whole). */
  caseNo?: string;
  court?: string;
  page?: number;
  pageSize?: number;
};

export type NoticePage = { notices: RemovalNotice[]; total: number; page: number; pageCount: number };

function noticeWhere(q: Omit<NoticeQuery, 'page' | 'pageSize'>) {
  return and(
    isPublicRemoval(),
    gte(entries.statusChangedAt, sql`now() - make_interval(days => ${q.days})`),
    q.kind ? eq(entries.status, q.kind) : undefined,
    withinCstDays(entries.statusChangedAt, q.from, q.to),
    q.caseNo ? eq(entries.searchCaseNo, normalizeCaseNo(q.caseNo)) : undefined,
    q.court ? eq(entries.court, q.court) : undefined,
  );
}

/**
 * Removals made public (seed 二(四)), newest first, a page at a time. Restricted entries were never public, so their
 * removal is not announced either; a natural person's name is masked (张*). Names are not a filter: a full name
 * matched against removed entries would confirm who was once listed, which the masked notice does not say.
 */
export async function removalNotices(query: NoticeQuery): Promise<NoticePage> {
  const pageSize = query.pageSize ?? NOTICES_PAGE_SIZE;
  const where = noticeWhere(query);
  const [[counted], rows] = await Promise.all([
    getDb().select({ total: count() }).from(entries).where(where),
    getDb()
      .select({
        uid: entries.uid,
        caseNo: entries.caseNo,
        court: entries.court,
        name: entries.name,
        subjectType: entries.subjectType,
        status: entries.status,
        at: entries.statusChangedAt,
      })
      .from(entries)
      .where(where)
      .orderBy(desc(entries.statusChangedAt), asc(entries.uid))
      .limit(pageSize)
      .offset(((query.page ?? 1) - 1) * pageSize),
  ]);
  // A public shape: through the one scrubbing function, like every other (lib/disclosure.ts).
  const notices = scrubDeep(
    rows.map((r) => ({
      uid: r.uid,
      caseNo: r.caseNo,
      court: r.court,
      subjectType: r.subjectType,
      displayName: r.subjectType === 'person' ? maskPersonName(r.name) : r.name,
      kind: r.status as 'revoked' | 'shielded',
      at: r.at!.toISOString(),
    })),
  );
  const total = counted?.total ?? 0;
  return { notices, total, page: query.page ?? 1, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The courts that have a notice in the period, for the court filter. */
export async function noticeCourts(days: number): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ court: entries.court })
    .from(entries)
    .where(noticeWhere({ days }))
    .orderBy(asc(entries.court));
  return rows.map((r) => r.court);
}

/** The 41 measures with their implementing bodies; with `subjectType`, only those that can apply to that kind. */
export async function listMeasures(subjectType?: SubjectType) {
  const db = getDb();
  const [measureRows, links] = await Promise.all([
    db
      .select()
      .from(measures)
      .where(subjectType ? arrayContains(measures.subjects, [subjectType]) : undefined)
      .orderBy(measures.no),
    db
      .select({ measureNo: measureDepartments.measureNo, code: departments.code, name: departments.name })
      .from(measureDepartments)
      .innerJoin(departments, eq(departments.code, measureDepartments.departmentCode))
      .orderBy(departments.sortOrder),
  ]);
  return measureRows.map((m) => ({
    ...m,
    departments: links.filter((l) => l.measureNo === m.no).map(({ code, name }) => ({ code, name })),
  }));
}

export async function listDepartments() {
  const db = getDb();
  const [rows, links] = await Promise.all([
    db.select().from(departments).orderBy(departments.sortOrder),
    db.select().from(measureDepartments).orderBy(measureDepartments.measureNo),
  ]);
  return rows.map((d) => ({
    ...d,
    measureNos: links.filter((l) => l.departmentCode === d.code).map((l) => l.measureNo),
  }));
}

/**
 * Reads for staff screens. Unlike domain/publishing/queries.ts these include entries that are not public
 * (restricted, revoked, shielded): callers check the staff member's capability first.
 */
import 'server-only';
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { parseActor, type ActorDirectory } from '@/lib/actors';
import { HOME_COURT } from '@/lib/auth/staff-identity';
import { TIME_RULES } from '@/lib/clocks';
import { maskIdentifierForPublic } from '@/lib/mask';
import { normalizeCaseNo } from '@/lib/normalize';
import { classifyStaffQuery, STAFF_PAGE_SIZE, type StaffQuery, type StaffSearch } from '@/lib/validation/staff-search';
import { getDb } from './client';
import { todayInChinaSql, withinCstDays } from './clock';
import { apiKeys, applications, departments, entries, entryEvents, removalRequests, staffUsers } from './schema';
import { displayStatus } from './visibility';

/** Matches the entry a staff member names by its uid or its case number (either bracket width). */
export function uidOrCaseNo(query: string) {
  const q = query.trim();
  return or(eq(entries.uid, q), eq(entries.searchCaseNo, normalizeCaseNo(q)))!;
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Entries a classified staff query names (lib/validation/staff-search.ts): the uid, the case
 * number, an identifier (GIN on search_ids, exact), the entries of applications with that
 * tracking number, a name substring (2-gram GIN narrows, LIKE confirms). `keys` limits which
 * of them count (the feedback form looks entries up by uid, case number and identifier only).
 */
export async function staffQueryMatch(
  query: StaffQuery,
  keys: { tracking?: boolean; name?: boolean } = { tracking: true, name: true },
): Promise<SQL> {
  const matches: (SQL | undefined)[] = [eq(entries.uid, query.uid), eq(entries.searchCaseNo, query.caseNo)];
  if (query.identifier) matches.push(sql`${entries.searchIds} @> ARRAY[${query.identifier}]::text[]`);
  if (keys.tracking && query.trackingNo) {
    const apps = await getDb()
      .select({ entryUid: applications.entryUid })
      .from(applications)
      .where(eq(applications.trackingNo, query.trackingNo));
    if (apps.length > 0)
      matches.push(
        inArray(
          entries.uid,
          apps.map((a) => a.entryUid),
        ),
      );
  }
  if (keys.name && query.name && query.nameGrams.length > 0) {
    matches.push(
      sql`(${entries.searchGrams} @> ARRAY[${sql.join(
        query.nameGrams.map((g) => sql`${g}`),
        sql`, `,
      )}]::text[] AND ${entries.searchName} LIKE ${`%${escapeLike(query.name)}%`})`,
    );
  }
  return or(...matches)!;
}

/** The filters of the staff search, in SQL; the status filter is db/visibility.ts displayStatus() itself. */
function staffFilters(f: StaffSearchFilters): SQL[] {
  const filters: SQL[] = [];
  if (f.status) filters.push(sql`${displayStatus()} = ${f.status}`);
  if (f.court) filters.push(eq(entries.court, f.court));
  if (f.disclosure) filters.push(eq(entries.disclosure, f.disclosure));
  // Days are China Standard Time days, as pages show them; both ends included.
  const published = withinCstDays(entries.publishedAt, f.publishedFrom, f.publishedTo);
  if (published) filters.push(published);
  return filters;
}

export type StaffSearchFilters = Partial<
  Pick<StaffSearch, 'status' | 'court' | 'disclosure' | 'publishedFrom' | 'publishedTo'>
>;

/**
 * One page of the staff search, newest first, with the total: every entry the query names
 * (all of them when the query is null) that passes the filters, whatever its status —
 * restricted, revoked, shielded, expired and not yet published ones included. Identifiers
 * come masked (lib/mask.ts): the full number is shown on the entry page only.
 */
export async function searchEntriesForStaff(
  query: StaffQuery | null,
  filters: StaffSearchFilters = {},
  page = 1,
  pageSize = STAFF_PAGE_SIZE,
) {
  const conditions = staffFilters(filters);
  if (query) conditions.push(await staffQueryMatch(query));
  const where = conditions.length ? and(...conditions) : undefined;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({
        uid: entries.uid,
        caseNo: entries.caseNo,
        name: entries.name,
        subjectType: entries.subjectType,
        idNumber: entries.idNumber,
        court: entries.court,
        disclosure: entries.disclosure,
        displayStatus: displayStatus(),
        publishedAt: entries.publishedAt,
        validUntil: entries.validUntil,
        removalGroundOn: entries.removalGroundOn,
      })
      .from(entries)
      .where(where)
      .orderBy(desc(entries.publishedAt), entries.uid)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(entries)
      .where(where),
  ]);
  const total = Number(count?.n ?? 0);
  return {
    rows: rows.map(({ idNumber, ...r }) => ({ ...r, identifier: maskIdentifierForPublic(r.subjectType, idNumber) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/**
 * Finds entries by any staff search key (uid, case number, identifier, tracking number, name), newest first: the first
 * page.
 */
export async function findEntriesForStaff(query: string) {
  const classified = classifyStaffQuery(query);
  if (!classified.ok || query.trim() === '') return [];
  return (await searchEntriesForStaff(classified.query)).rows;
}

export async function getEntryForStaff(uid: string) {
  const [found] = await getDb()
    .select({ entry: entries, displayStatus: displayStatus() })
    .from(entries)
    .where(eq(entries.uid, uid));
  if (!found) return null;
  const [history, requests] = await Promise.all([
    getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, uid)).orderBy(entryEvents.id),
    getDb().select().from(removalRequests).where(eq(removalRequests.entryUid, uid)).orderBy(desc(removalRequests.id)),
  ]);
  const actors = [
    ...history.map((h) => h.actor),
    ...requests.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy])),
  ];
  return { ...found, history, requests, actors: await actorDirectory(actors) };
}

/**
 * The staff members (name, role, unit) and API keys (organisation) that these actor codes name, for lib/actors.ts
 * actorLabel().
 */
export async function actorDirectory(actors: string[]): Promise<ActorDirectory> {
  const parsed = actors.map(parseActor);
  const emails = [...new Set(parsed.flatMap((p) => (p.staffEmail ? [p.staffEmail] : [])))];
  const keyIds = [...new Set(parsed.flatMap((p) => (p.keyId ? [p.keyId] : [])))];
  const staff = emails.length
    ? await getDb()
        .select({
          email: staffUsers.email,
          name: staffUsers.name,
          role: staffUsers.role,
          unit: departments.name,
          court: staffUsers.court,
        })
        .from(staffUsers)
        .leftJoin(departments, eq(departments.code, staffUsers.departmentCode))
        .where(inArray(staffUsers.email, emails))
    : [];
  const keys = keyIds.length
    ? await getDb()
        .select({ id: apiKeys.id, organization: apiKeys.organization })
        .from(apiKeys)
        .where(inArray(apiKeys.id, keyIds))
    : [];
  // A clerk's unit is their court (courtScope: none means the city court).
  const unitOf = (s: (typeof staff)[number]) => (s.role === 'court_clerk' ? (s.court ?? HOME_COURT) : s.unit);
  return {
    staff: new Map(staff.map((s) => [s.email, { name: s.name, role: s.role, unit: unitOf(s) }])),
    keys: new Map(keys.map((k) => [k.id, k.organization])),
  };
}

/**
 * Active entries whose removal clock runs (a removal ground is recorded), oldest first;
 * `overdue` once today (China Standard Time) is past the ground's day + removalDays.
 */
export async function removalClock() {
  const dueDay = sql`(${entries.removalGroundOn} + ${TIME_RULES.removalDays.days}::int)`;
  return getDb()
    .select({
      uid: entries.uid,
      caseNo: entries.caseNo,
      name: entries.name,
      court: entries.court,
      removalGround: entries.removalGround,
      removalGroundOn: entries.removalGroundOn,
      dueDay: sql<string>`${dueDay}::text`,
      overdue: sql<boolean>`${todayInChinaSql} > ${dueDay}`,
    })
    .from(entries)
    .where(and(eq(entries.status, 'active'), isNotNull(entries.removalGroundOn)))
    .orderBy(entries.removalGroundOn, entries.uid);
}

/**
 * Reads for staff screens. Unlike db/queries.ts these include entries that are not public
 * (restricted, revoked, shielded): callers check the staff member's capability first.
 */
import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { parseActor, type ActorDirectory } from '@/lib/actors';
import { TIME_RULES } from '@/lib/clocks';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import { getDb } from './client';
import { todayInChinaSql } from './clock';
import { apiKeys, departments, entries, entryEvents, removalRequests, staffUsers } from './schema';
import { displayStatus } from './visibility';

const STAFF_RESULT_LIMIT = 50;

/** Matches the entry a staff member names by its uid or its case number (either bracket width). */
export function uidOrCaseNo(query: string) {
  const q = query.trim();
  return or(eq(entries.uid, q), eq(entries.searchCaseNo, normalizeCaseNo(q)))!;
}

/** Finds entries by uid, case number or name (substring), newest first. */
export async function findEntriesForStaff(query: string) {
  const q = query.trim();
  if (q.length === 0) return [];
  const name = normalizeText(q);
  return getDb()
    .select({
      uid: entries.uid,
      caseNo: entries.caseNo,
      name: entries.name,
      court: entries.court,
      displayStatus: displayStatus(),
      publishedAt: entries.publishedAt,
      validUntil: entries.validUntil,
      removalGroundOn: entries.removalGroundOn,
    })
    .from(entries)
    .where(
      or(
        eq(entries.uid, q),
        eq(entries.searchCaseNo, normalizeCaseNo(q)),
        name.length >= 2 ? sql`${entries.searchName} LIKE ${'%' + name.replace(/[\\%_]/g, '\\$&') + '%'}` : undefined,
      ),
    )
    .orderBy(desc(entries.publishedAt))
    .limit(STAFF_RESULT_LIMIT);
}

export async function getEntryForStaff(uid: string) {
  const [found] = await getDb().select({ entry: entries, displayStatus: displayStatus() }).from(entries).where(eq(entries.uid, uid));
  if (!found) return null;
  const [history, requests] = await Promise.all([
    getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, uid)).orderBy(entryEvents.id),
    getDb().select().from(removalRequests).where(eq(removalRequests.entryUid, uid)).orderBy(desc(removalRequests.id)),
  ]);
  const actors = [...history.map((h) => h.actor), ...requests.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy]))];
  return { ...found, history, requests, actors: await actorDirectory(actors) };
}

/** The staff members (name, role, unit) and API keys (organisation) that these actor codes name, for lib/actors.ts actorLabel(). */
export async function actorDirectory(actors: string[]): Promise<ActorDirectory> {
  const parsed = actors.map(parseActor);
  const emails = [...new Set(parsed.flatMap((p) => (p.staffEmail ? [p.staffEmail] : [])))];
  const keyIds = [...new Set(parsed.flatMap((p) => (p.keyId ? [p.keyId] : [])))];
  const staff = emails.length
    ? await getDb()
        .select({ email: staffUsers.email, name: staffUsers.name, role: staffUsers.role, unit: departments.name })
        .from(staffUsers)
        .leftJoin(departments, eq(departments.code, staffUsers.departmentCode))
        .where(inArray(staffUsers.email, emails))
    : [];
  const keys = keyIds.length ? await getDb().select({ id: apiKeys.id, organization: apiKeys.organization }).from(apiKeys).where(inArray(apiKeys.id, keyIds)) : [];
  return { staff: new Map(staff.map((s) => [s.email, { name: s.name, role: s.role, unit: s.unit }])), keys: new Map(keys.map((k) => [k.id, k.organization])) };
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

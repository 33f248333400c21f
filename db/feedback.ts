/**
 * Feedback on measures applied (seed 四(五) 加大结果反馈力度): a member unit reports which of
 * the 41 measures of Attachment 2 it applied to an entry it received, when, and to what
 * effect; the credit office reads how often each unit applied each measure. Reports are
 * appended, never changed.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { isoDate } from '@/lib/format';
import { feedbackSchema, type FeedbackInput } from '@/lib/validation/sharing';
import { getDb } from './client';
import { departments, entries, measureDepartments, measureFeedback, measures } from './schema';
import { uidOrCaseNo } from './staff-queries';

export class FeedbackRefusedError extends Error {
  constructor(
    readonly code: 'not_department_officer' | 'entry_not_found' | 'measure_not_for_unit' | 'before_publication',
    message: string,
  ) {
    super(message);
  }
}

/** The measures a member unit implements per Attachment 2, in number order. */
export async function measuresOfUnit(departmentCode: string) {
  return getDb()
    .select({ no: measures.no, numeral: measures.numeral, text: measures.text })
    .from(measureDepartments)
    .innerJoin(measures, eq(measures.no, measureDepartments.measureNo))
    .where(eq(measureDepartments.departmentCode, departmentCode))
    .orderBy(asc(measures.no));
}

/**
 * The entry a unit means by a uid or a case number: any entry that was listed (every member
 * unit receives all of them, restricted ones included), whatever its status now. A case
 * number naming several debtors is ambiguous: the uid is needed then.
 */
export async function findEntryForFeedback(query: string): Promise<{ uid: string } | 'ambiguous' | null> {
  const q = query.trim();
  const rows = await getDb()
    .select({ uid: entries.uid })
    .from(entries)
    .where(and(uidOrCaseNo(q), sql`${entries.publishedAt} <= now()`))
    .limit(2);
  const exact = rows.find((r) => r.uid === q);
  if (exact) return exact;
  return rows.length === 1 ? rows[0]! : rows.length > 1 ? 'ambiguous' : null;
}

/**
 * Records one applied measure. Only a department officer, only for a measure their unit
 * implements, dated between the entry's publication and today. Throws ZodError for input
 * the form would refuse, FeedbackRefusedError for the rest; nothing is stored either way.
 */
export async function recordFeedback(staff: Staff, input: FeedbackInput) {
  const f = feedbackSchema.parse(input);
  if (staff.role !== 'department_officer' || !staff.departmentCode) {
    throw new FeedbackRefusedError('not_department_officer', `${staff.email} reports for no member unit`);
  }
  const unit = staff.departmentCode;
  const db = getDb();
  const [entry] = await db
    .select({ publishedAt: entries.publishedAt })
    .from(entries)
    .where(and(eq(entries.uid, f.entryUid), sql`${entries.publishedAt} <= now()`));
  if (!entry) throw new FeedbackRefusedError('entry_not_found', `entry ${f.entryUid} was never listed`);
  const [link] = await db
    .select()
    .from(measureDepartments)
    .where(and(eq(measureDepartments.measureNo, f.measureNo), eq(measureDepartments.departmentCode, unit)));
  if (!link) throw new FeedbackRefusedError('measure_not_for_unit', `measure ${f.measureNo} is not implemented by ${unit}`);
  if (f.appliedOn < isoDate(entry.publishedAt)) throw new FeedbackRefusedError('before_publication', `applied before entry ${f.entryUid} was published`);
  const [row] = await db
    .insert(measureFeedback)
    .values({ entryUid: f.entryUid, departmentCode: unit, measureNo: f.measureNo, appliedOn: f.appliedOn, outcome: f.outcome, recordedBy: staffActor(staff) })
    .returning();
  return row!;
}

/** What a unit has reported, latest first. */
export async function feedbackOfUnit(departmentCode: string, limit = 200) {
  return getDb()
    .select({
      id: measureFeedback.id,
      entryUid: measureFeedback.entryUid,
      caseNo: entries.caseNo,
      name: entries.name,
      measureNo: measureFeedback.measureNo,
      measureText: measures.text,
      appliedOn: measureFeedback.appliedOn,
      outcome: measureFeedback.outcome,
      recordedBy: measureFeedback.recordedBy,
      createdAt: measureFeedback.createdAt,
    })
    .from(measureFeedback)
    .innerJoin(entries, eq(entries.uid, measureFeedback.entryUid))
    .innerJoin(measures, eq(measures.no, measureFeedback.measureNo))
    .where(eq(measureFeedback.departmentCode, departmentCode))
    .orderBy(desc(measureFeedback.id))
    .limit(limit);
}

/** How many times each unit reported applying each measure (and to how many entries), for the credit office. */
export async function feedbackSummary() {
  return getDb()
    .select({
      departmentCode: departments.code,
      departmentName: departments.name,
      measureNo: measures.no,
      measureText: measures.text,
      applications: sql<number>`count(*)::int`,
      entries: sql<number>`count(DISTINCT ${measureFeedback.entryUid})::int`,
    })
    .from(measureFeedback)
    .innerJoin(departments, eq(departments.code, measureFeedback.departmentCode))
    .innerJoin(measures, eq(measures.no, measureFeedback.measureNo))
    .groupBy(departments.code, departments.name, departments.sortOrder, measures.no, measures.text)
    .orderBy(asc(departments.sortOrder), asc(measures.no));
}

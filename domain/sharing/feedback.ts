/**
 * Feedback on measures applied (seed 四(五) 加大结果反馈力度): a member unit reports which of
 * the 41 measures of Attachment 2 it applied to an entry it received, when, and to what
 * effect; the credit office reads how often each unit applied each measure. Reports are
 * appended, never changed.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { cstDate } from '@/lib/cst';
import { maskIdentifierForPublic } from '@/lib/mask';
import { classifyStaffQuery } from '@/lib/validation/staff-search';
import { feedbackSchema, type FeedbackInput } from '@/lib/validation/sharing';
import { getDb } from '@/db/client';
import { departments, entries, measureDepartments, measureFeedback, measures } from '@/db/schema';
import { staffQueryMatch } from '@/db/staff-queries';

export class FeedbackRefusedError extends AppError {
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

/** An entry a feedback lookup found, as the officer chooses among several: the identifier masked (lib/mask.ts). */
export type FeedbackChoice = {
  uid: string;
  name: string;
  caseNo: string;
  court: string;
  identifier: string | null;
  publishedAt: Date;
};

/**
 * The entries a unit may mean by a uid, a case number (either bracket width), a resident ID
 * number, a USCC or an organisation code (exact matches only): any entry that was listed
 * (every member unit receives all of them, restricted ones included), whatever its status
 * now, newest first. A uid names one entry alone; a case number with several debtors or a
 * subject listed in several cases gives several, for the officer to choose. A query that
 * cannot be searched gets the message lib/validation/staff-search.ts gives.
 */
export async function findEntriesForFeedback(
  query: string,
  limit = 20,
): Promise<{ choices: FeedbackChoice[] } | { message: string }> {
  const classified = classifyStaffQuery(query);
  if (!classified.ok) return { message: classified.message };
  const db = getDb();
  const rows = await db
    .select({
      uid: entries.uid,
      name: entries.name,
      caseNo: entries.caseNo,
      court: entries.court,
      subjectType: entries.subjectType,
      idNumber: entries.idNumber,
      publishedAt: entries.publishedAt,
    })
    .from(entries)
    .where(
      and(
        await staffQueryMatch(classified.query, { tracking: false, name: false }),
        sql`${entries.publishedAt} <= now()`,
      ),
    )
    .orderBy(desc(entries.publishedAt), asc(entries.uid))
    .limit(limit);
  const exact = rows.filter((r) => r.uid === classified.query.uid);
  return {
    choices: (exact.length ? exact : rows).map(({ subjectType, idNumber, ...r }) => ({
      ...r,
      identifier: maskIdentifierForPublic(subjectType, idNumber),
    })),
  };
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
  if (!link)
    throw new FeedbackRefusedError('measure_not_for_unit', `measure ${f.measureNo} is not implemented by ${unit}`);
  if (f.appliedOn < cstDate(entry.publishedAt))
    throw new FeedbackRefusedError('before_publication', `applied before entry ${f.entryUid} was published`);
  const [row] = await db
    .insert(measureFeedback)
    .values({
      entryUid: f.entryUid,
      departmentCode: unit,
      measureNo: f.measureNo,
      appliedOn: f.appliedOn,
      outcome: f.outcome,
      recordedBy: staffActor(staff),
    })
    .returning();
  return row!;
}

export const FEEDBACK_PAGE_SIZE = 50;

/** One page of what a unit has reported, latest first, and how many reports it has. */
export async function feedbackOfUnit(departmentCode: string, page = 1) {
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
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
      .limit(FEEDBACK_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * FEEDBACK_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(measureFeedback)
      .where(eq(measureFeedback.departmentCode, departmentCode)),
  ]);
  return { rows, total: count?.n ?? 0 };
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

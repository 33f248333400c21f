/**
 * Applications from listed subjects and the cases they open (seed 二(三), 二(五), 二(六)):
 * an objection opens one case per department concerned, a correction request one case for
 * the court, a credit-repair request one for the credit office. Every change of a case is an
 * event and a message to the applicant, written in the same transaction.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { siteHmac } from '@/lib/auth/site-secret';
import { courtScope, inCourtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';
import { addDays, TIME_RULES, todayInChina, type TimeRule } from '@/lib/clocks';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import { entriesCommitted } from './after-commit';
import { getDb, type Database, type Transaction } from './client';
import { todayInChinaSql } from './clock';
import { EntryNotActiveError, OutsideCourtError, revokeEntry } from './entries';
import { openObjectionLiftingTask } from './lifting';
import {
  applicationFiles,
  applications,
  caseEvents,
  cases,
  departments,
  entries,
  measureDepartments,
  messageOutbox,
  type Application,
  type Case,
} from './schema';

export type ApplicationKind = Application['kind'];
export type CaseStatus = Case['status'];
export type Decision = NonNullable<Case['decision']>;
type Handler = Case['handler'];

export const KIND_LABELS: Record<ApplicationKind, string> = { objection: '异议申请', correction: '纠错申请', repair: '信用修复申请' };
export const STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  under_review: '审查中',
  decided: '已决定',
  closed: '已办结',
};
/**
 * The decisions each kind of application allows, in the order offered, with what each means.
 * A correction is either upheld — the entry revoked (纳入错误) or corrected — or refused; only
 * revoke_entry removes it. An objection upheld in whole or in part lifts measures.
 */
export const DECISIONS: Record<ApplicationKind, readonly { decision: Decision; label: string; explanation: string }[]> = {
  correction: [
    { decision: 'revoke_entry', label: '纠正（撤销名单）', explanation: '纳入确有错误：该失信信息立即撤销，不再公示，并发布撤销公告。' },
    { decision: 'amend_entry', label: '纠正（更正信息）', explanation: '应当纳入，但信息有误：该信息继续公示，由法院更正后重新推送；申请人会被告知。' },
    { decision: 'rejected', label: '驳回', explanation: '纠错理由不成立：信息不变；申请人会被告知可向苏州市中级人民法院申请复议。' },
  ],
  objection: [
    { decision: 'upheld', label: '理由成立', explanation: '申请人提出异议的、由本单位实施的惩戒措施全部解除。' },
    { decision: 'partly_upheld', label: '部分成立', explanation: '只解除下面勾选的惩戒措施，其余继续实施。' },
    { decision: 'rejected', label: '理由不成立', explanation: '惩戒措施继续实施。' },
  ],
  repair: [
    { decision: 'upheld', label: '理由成立', explanation: '准予信用修复。' },
    { decision: 'rejected', label: '理由不成立', explanation: '不予信用修复。' },
  ],
};

/** Labels of decisions recorded before corrections had their own (upheld / partly_upheld). */
const LEGACY_LABELS: Record<Decision, string> = { upheld: '理由成立', partly_upheld: '部分成立', rejected: '理由不成立', revoke_entry: '纠正（撤销名单）', amend_entry: '纠正（更正信息）' };

export function decisionLabel(kind: ApplicationKind, decision: Decision): string {
  return DECISIONS[kind].find((d) => d.decision === decision)?.label ?? LEGACY_LABELS[decision];
}
export const COURT_NAME = '昆山市人民法院';
export const CREDIT_OFFICE_NAME = '市公共信用信息中心';
export const RECONSIDERATION =
  '如对驳回决定不服，可依法向苏州市中级人民法院申请复议（二（三））。';

const HANDLER_RULE: Record<Handler, TimeRule> = { department: 'objectionDays', court: 'courtReviewDays', credit_office: 'repairDays' };
const KIND_HANDLER: Record<ApplicationKind, Handler> = { objection: 'department', correction: 'court', repair: 'credit_office' };

// ---------------------------------------------------------------------------
// Identifying the entry
// ---------------------------------------------------------------------------

export type Identification = { caseNo: string; name: string; idLast4: string };

/**
 * The entry an applicant means: case number, name and the last 4 characters of the ID
 * number or USCC must all match. Objections and corrections concern a current listing
 * (restricted ones too: their subjects are punished as well), repair a removed one.
 */
export async function findEntryForApplicant(id: Identification, kind: ApplicationKind): Promise<string | null> {
  const statuses = kind === 'repair' ? (['revoked', 'shielded'] as const) : (['active'] as const);
  const [row] = await getDb()
    .select({ uid: entries.uid })
    .from(entries)
    .where(
      and(
        eq(entries.searchCaseNo, normalizeCaseNo(id.caseNo)),
        eq(entries.searchName, normalizeText(id.name)),
        sql`upper(right(${entries.idNumber}, 4)) = ${id.idLast4.toUpperCase()}`,
        inArray(entries.status, [...statuses]),
      ),
    )
    .orderBy(desc(entries.publishedAt))
    .limit(1);
  return row?.uid ?? null;
}

// ---------------------------------------------------------------------------
// Submitting
// ---------------------------------------------------------------------------

export type EvidenceFile = { fileName: string; mediaType: string; content: Buffer };

export type NewApplication = {
  kind: ApplicationKind;
  submissionToken: string;
  entryUid: string;
  applicantName: string;
  phone: string;
  email?: string;
  facts: string;
  reasons: string;
  learnedOn?: string;
  measureNos?: number[];
  departmentCodes?: string[];
  files: EvidenceFile[];
};

export class DepartmentNotForMeasuresError extends Error {
  readonly code = 'department_not_for_measures';
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i]! % 32];
  return out;
}

/**
 * The access code follows from the submission token, so a retried submission (the first
 * one's answer lost) shows the same code; only a keyed hash of it is stored.
 */
function accessCodeFor(submissionToken: string): string {
  const code = base32(siteHmac('access-code', submissionToken), 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function accessCodeHash(trackingNo: string, code: string): string {
  return siteHmac('access-code-hash', `${trackingNo}:${code.toUpperCase().replace(/[^0-9A-Z]/g, '')}`).toString('hex');
}

function newTrackingNo(): string {
  return `SQ${todayInChina().replaceAll('-', '')}${base32(randomBytes(6), 6)}`;
}

/** The body a case is addressed to, by name. */
export function handlerName(handler: Handler, departmentName: string | null): string {
  return handler === 'court' ? COURT_NAME : handler === 'credit_office' ? CREDIT_OFFICE_NAME : (departmentName ?? '');
}

async function handlerNames(tx: Database | Transaction, rows: { handler: Handler; departmentCode: string | null }[]) {
  const codes = rows.flatMap((r) => (r.departmentCode ? [r.departmentCode] : []));
  const units = codes.length ? await tx.select().from(departments).where(inArray(departments.code, codes)) : [];
  return rows.map((r) => handlerName(r.handler, units.find((u) => u.code === r.departmentCode)?.name ?? r.departmentCode));
}

export type Submitted = { trackingNo: string; accessCode: string; duplicate: boolean };

/**
 * Applications of one kind about one entry in 24 hours after which the next is marked for
 * screening. Nothing is refused for it: a per-entry cap would let anyone shut the real
 * subject out with a few submissions of public facts (case number, name, last 4 of the ID).
 */
export const SCREEN_AFTER_PER_ENTRY = 5;

/** Stores an application, its files, its cases, their first events and the first message: all or nothing. */
export async function submitApplication(input: NewApplication): Promise<Submitted> {
  const accessCode = accessCodeFor(input.submissionToken);
  return getDb().transaction(async (tx) => {
    const [existing] = await tx
      .select({ trackingNo: applications.trackingNo })
      .from(applications)
      .where(eq(applications.submissionToken, input.submissionToken));
    if (existing) return { trackingNo: existing.trackingNo, accessCode, duplicate: true };

    const handler = KIND_HANDLER[input.kind];
    const departmentCodes = handler === 'department' ? [...new Set(input.departmentCodes ?? [])] : [];
    if (handler === 'department') {
      const links = await tx
        .select({ code: measureDepartments.departmentCode })
        .from(measureDepartments)
        .where(inArray(measureDepartments.measureNo, input.measureNos?.length ? input.measureNos : [-1]));
      const allowed = new Set(links.map((l) => l.code));
      if (departmentCodes.length === 0 || departmentCodes.some((c) => !allowed.has(c))) {
        throw new DepartmentNotForMeasuresError('each department must implement one of the measures chosen');
      }
    }

    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(and(eq(applications.entryUid, input.entryUid), eq(applications.kind, input.kind), sql`${applications.createdAt} > now() - interval '24 hours'`));
    const id = randomUUID();
    const trackingNo = newTrackingNo();
    const inserted = await tx
      .insert(applications)
      .values({
        id,
        trackingNo,
        accessCodeHash: accessCodeHash(trackingNo, accessCode),
        submissionToken: input.submissionToken,
        kind: input.kind,
        entryUid: input.entryUid,
        applicantName: input.applicantName,
        phone: input.phone,
        email: input.email ?? null,
        facts: input.facts,
        reasons: input.reasons,
        learnedOn: input.learnedOn ?? null,
        measureNos: input.measureNos ?? [],
        needsScreening: (recent?.n ?? 0) >= SCREEN_AFTER_PER_ENTRY,
      })
      .onConflictDoNothing({ target: applications.submissionToken })
      .returning({ id: applications.id });
    if (inserted.length === 0) {
      // The same token committed concurrently: that submission stands.
      const [other] = await tx.select({ trackingNo: applications.trackingNo }).from(applications).where(eq(applications.submissionToken, input.submissionToken));
      return { trackingNo: other!.trackingNo, accessCode, duplicate: true };
    }
    if (input.files.length > 0) {
      await tx.insert(applicationFiles).values(
        input.files.map((f) => ({
          id: randomUUID(),
          applicationId: id,
          fileName: f.fileName,
          mediaType: f.mediaType,
          size: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'),
          content: f.content,
        })),
      );
    }
    const today = todayInChina();
    const caseRows = (handler === 'department' ? departmentCodes : [null]).map((departmentCode) => ({
      applicationId: id,
      handler,
      departmentCode,
      dueOn: addDays(today, TIME_RULES[HANDLER_RULE[handler]].days),
    }));
    const created = await tx.insert(cases).values(caseRows).returning();
    await tx.insert(caseEvents).values(created.map((c) => ({ caseId: c.id, status: 'submitted' as const, actor: 'applicant' })));
    const names = await handlerNames(tx, created);
    await tx.insert(messageOutbox).values({
      applicationId: id,
      toAddress: input.email ?? null,
      subject: `已收到您的${KIND_LABELS[input.kind]}（${trackingNo}）`,
      body: `您的${KIND_LABELS[input.kind]}已提交，已转交${names.join('、')}办理，办理期限至 ${created[0]!.dueOn}。请凭查询号和访问码在“申请查询”页面查看进度。`,
    });
    return { trackingNo, accessCode, duplicate: false };
  });
}

// ---------------------------------------------------------------------------
// Handling cases
// ---------------------------------------------------------------------------

/** Which cases a staff member sees: their unit's, their court's corrections (by the entry's court), or (credit office) all. */
function visibleTo(staff: Staff) {
  if (staff.role === 'credit_office') return sql`true`;
  if (staff.role === 'court_clerk') {
    const ofCourt = getDb()
      .select({ id: applications.id })
      .from(applications)
      .innerJoin(entries, eq(entries.uid, applications.entryUid))
      .where(eq(entries.court, courtScope(staff)!));
    return and(eq(cases.handler, 'court'), inArray(cases.applicationId, ofCourt))!;
  }
  if (staff.role === 'department_officer' && staff.departmentCode) {
    return and(eq(cases.handler, 'department'), eq(cases.departmentCode, staff.departmentCode))!;
  }
  return sql`false`;
}

/** Who may move a case: the body it is addressed to (the court: a clerk of the entry's court; the credit office only for repairs). */
export function mayHandle(staff: Staff, c: Pick<Case, 'handler' | 'departmentCode'>, entryCourt: string): boolean {
  if (c.handler === 'department') return staff.role === 'department_officer' && staff.departmentCode === c.departmentCode;
  if (c.handler === 'court') return staff.role === 'court_clerk' && inCourtScope(staff, entryCourt);
  return staff.role === 'credit_office';
}

const NEXT: Record<CaseStatus, CaseStatus[]> = {
  submitted: ['accepted'],
  accepted: ['under_review', 'decided'],
  under_review: ['decided'],
  decided: ['closed'],
  closed: [],
};

export function nextStatuses(status: CaseStatus): CaseStatus[] {
  return NEXT[status];
}

export class CaseNotFoundError extends Error {
  readonly code = 'case_not_found';
}
export class CaseTransitionError extends Error {
  readonly code = 'case_transition';
}
export class NotCaseHandlerError extends Error {
  readonly code = 'not_case_handler';
}

/** `liftedMeasureNos`: a partly upheld objection names the measures it lifts. */
export type Transition = { to: CaseStatus; decision?: Decision; decisionText?: string; liftedMeasureNos?: number[]; note?: string };

/** The measures an objection's decision lifts: all of those objected to that the unit implements, or the chosen part of them. */
async function liftedMeasures(tx: Transaction, c: Case, app: Application, t: Transition): Promise<number[]> {
  if (app.kind !== 'objection' || t.decision === 'rejected') return [];
  const links = await tx
    .select({ no: measureDepartments.measureNo })
    .from(measureDepartments)
    .where(and(eq(measureDepartments.departmentCode, c.departmentCode ?? ''), inArray(measureDepartments.measureNo, app.measureNos.length ? app.measureNos : [-1])));
  const ours = links.map((l) => l.no).sort((a, b) => a - b);
  if (t.decision === 'upheld') return ours;
  const chosen = [...new Set(t.liftedMeasureNos ?? [])].sort((a, b) => a - b);
  // Part, not all and not none: otherwise the decision is 理由成立 or 理由不成立.
  if (chosen.length === 0 || chosen.length >= ours.length || chosen.some((n) => !ours.includes(n))) {
    throw new CaseTransitionError('a partly upheld objection lifts some, not all, of the measures the unit implements');
  }
  return chosen;
}

/**
 * Moves a case one step, with its event and a message to the applicant. A court decision
 * upholding a correction revokes the entry in the same transaction, through revokeEntry.
 */
export async function advanceCase(caseId: number, staff: Staff, t: Transition): Promise<Case> {
  let revokedUid: string | null = null;
  const updated = await getDb().transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!c) throw new CaseNotFoundError(`case ${caseId} does not exist`);
    const [app] = await tx.select().from(applications).where(eq(applications.id, c.applicationId));
    const [entry] = await tx.select({ court: entries.court }).from(entries).where(eq(entries.uid, app!.entryUid));
    if (c.handler === 'court' && staff.role === 'court_clerk' && !inCourtScope(staff, entry!.court)) throw new OutsideCourtError(courtScope(staff)!);
    if (!mayHandle(staff, c, entry!.court)) throw new NotCaseHandlerError(`case ${caseId} is not addressed to ${staff.email}`);
    if (!NEXT[c.status].includes(t.to)) throw new CaseTransitionError(`case ${caseId}: ${c.status} → ${t.to} is not allowed`);
    if (t.to === 'decided' && (!t.decision || !t.decisionText?.trim())) throw new CaseTransitionError('a decision needs an outcome and written reasons');
    if (t.to === 'decided' && !DECISIONS[app!.kind].some((d) => d.decision === t.decision)) {
      throw new CaseTransitionError(`a ${app!.kind} cannot be decided ${t.decision}`);
    }
    const lifted = t.to === 'decided' ? await liftedMeasures(tx, c, app!, t) : [];
    const actor = staffActor(staff);
    const label = t.to === 'decided' ? decisionLabel(app!.kind, t.decision!) : '';

    const [row] = await tx
      .update(cases)
      .set({
        status: t.to,
        ...(t.to === 'decided' ? { decision: t.decision, decisionText: t.decisionText!.trim(), liftedMeasureNos: lifted, decidedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(cases.id, caseId))
      .returning();
    await tx.insert(caseEvents).values({ caseId, status: t.to, actor, note: t.to === 'decided' ? label : (t.note ?? null) });
    // Lifting (issue 11): an objection upheld in whole or in part opens the unit's lifting task for exactly the lifted measures.
    if (lifted.length > 0 && c.departmentCode) await openObjectionLiftingTask(tx, { caseId, entryUid: app!.entryUid, departmentCode: c.departmentCode, measureNos: lifted });

    let extra = '';
    if (t.to === 'decided' && app!.kind === 'correction') {
      if (t.decision === 'rejected') extra = RECONSIDERATION;
      else if (t.decision === 'amend_entry') extra = '法院将更正该失信信息，更正后的信息将重新公示。';
      else {
        try {
          await revokeEntry(app!.entryUid, { reason: `纳入错误（纠错申请 ${app!.trackingNo}）`, actor, court: courtScope(staff) }, tx);
          revokedUid = app!.entryUid;
        } catch (err) {
          if (!(err instanceof EntryNotActiveError)) throw err; // already removed: nothing to revoke
        }
        extra = '该失信信息已撤销，不再公示。';
      }
    }
    if (lifted.length > 0) extra = `解除以下惩戒措施：${lifted.map((n) => `第${n}项`).join('、')}。`;
    const [name] = await handlerNames(tx, [c]);
    const what =
      t.to === 'decided'
        ? `${name}已作出决定：${label}。理由：${t.decisionText!.trim()}${extra ? `\n${extra}` : ''}`
        : `${name}：${STATUS_LABELS[t.to]}。`;
    await tx.insert(messageOutbox).values({
      applicationId: app!.id,
      toAddress: app!.email,
      subject: `您的${KIND_LABELS[app!.kind]}（${app!.trackingNo}）${STATUS_LABELS[t.to]}`,
      body: what,
    });
    return row!;
  });
  if (revokedUid) await entriesCommitted([revokedUid]);
  return updated;
}

// ---------------------------------------------------------------------------
// Reads: inboxes, one case, the overdue list, tracking
// ---------------------------------------------------------------------------

const OPEN: CaseStatus[] = ['submitted', 'accepted', 'under_review'];
const overdueSql = sql<boolean>`${cases.status} IN ('submitted', 'accepted', 'under_review') AND ${todayInChinaSql} > ${cases.dueOn}`;

export async function inbox(staff: Staff, opts: { open?: boolean } = {}) {
  return getDb()
    .select({
      id: cases.id,
      handler: cases.handler,
      status: cases.status,
      dueOn: cases.dueOn,
      overdue: overdueSql,
      departmentName: departments.name,
      trackingNo: applications.trackingNo,
      kind: applications.kind,
      applicantName: applications.applicantName,
      needsScreening: applications.needsScreening,
      submittedAt: applications.createdAt,
      caseNo: entries.caseNo,
    })
    .from(cases)
    .innerJoin(applications, eq(applications.id, cases.applicationId))
    .innerJoin(entries, eq(entries.uid, applications.entryUid))
    .leftJoin(departments, eq(departments.code, cases.departmentCode))
    .where(and(visibleTo(staff), opts.open ? inArray(cases.status, OPEN) : undefined))
    .orderBy(asc(cases.dueOn), asc(cases.id))
    .limit(500);
}

/** Open and overdue cases the staff member sees, for the dashboard (counted, not listed: the inbox caps its list). */
export async function openCaseCounts(staff: Staff): Promise<{ open: number; overdue: number }> {
  const [row] = await getDb()
    .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) FILTER (WHERE ${overdueSql}))::int` })
    .from(cases)
    .where(and(visibleTo(staff), inArray(cases.status, OPEN)));
  return row ?? { open: 0, overdue: 0 };
}

export async function caseForStaff(caseId: number, staff: Staff) {
  const [row] = await getDb()
    .select({ c: cases, app: applications, entry: entries, departmentName: departments.name, overdue: overdueSql })
    .from(cases)
    .innerJoin(applications, eq(applications.id, cases.applicationId))
    .innerJoin(entries, eq(entries.uid, applications.entryUid))
    .leftJoin(departments, eq(departments.code, cases.departmentCode))
    .where(and(eq(cases.id, caseId), visibleTo(staff)));
  if (!row) return null;
  const [events, files] = await Promise.all([
    getDb().select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id),
    filesOf(row.app.id),
  ]);
  return { ...row, events, files, mayHandle: mayHandle(staff, row.c, row.entry.court) };
}

function filesOf(applicationId: string) {
  return getDb()
    .select({ id: applicationFiles.id, fileName: applicationFiles.fileName, mediaType: applicationFiles.mediaType, size: applicationFiles.size })
    .from(applicationFiles)
    .where(eq(applicationFiles.applicationId, applicationId))
    .orderBy(applicationFiles.fileName);
}

/** Overdue open cases per handling body, for the credit office (责任追究, 督促检查). */
export async function overdueByBody() {
  return getDb()
    .select({
      handler: cases.handler,
      departmentName: departments.name,
      overdue: sql<number>`count(*)::int`,
    })
    .from(cases)
    .leftJoin(departments, eq(departments.code, cases.departmentCode))
    .where(overdueSql)
    .groupBy(cases.handler, departments.name)
    .orderBy(desc(sql`count(*)`));
}

/** A file of a case the staff member may see, or null. */
export async function caseFileForStaff(caseId: number, fileId: string, staff: Staff) {
  const [row] = await getDb()
    .select({ fileName: applicationFiles.fileName, mediaType: applicationFiles.mediaType, content: applicationFiles.content })
    .from(applicationFiles)
    .innerJoin(cases, eq(cases.applicationId, applicationFiles.applicationId))
    .where(and(eq(cases.id, caseId), eq(applicationFiles.id, fileId), visibleTo(staff)));
  return row ?? null;
}

/** The application for a tracking number and access code, or null (either wrong: the same answer). */
export async function applicationByCode(trackingNo: string, accessCode: string): Promise<Application | null> {
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, trackingNo.trim().toUpperCase()));
  const expected = Buffer.from(app?.accessCodeHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(accessCodeHash(app?.trackingNo ?? trackingNo, accessCode), 'hex');
  return app && timingSafeEqual(expected, given) ? app : null;
}

export async function trackingView(applicationId: string) {
  const db = getDb();
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const [entry] = await db.select({ caseNo: entries.caseNo, name: entries.name }).from(entries).where(eq(entries.uid, app.entryUid));
  const caseRows = await db.select().from(cases).where(eq(cases.applicationId, app.id)).orderBy(cases.id);
  const names = await handlerNames(db, caseRows);
  const events = caseRows.length
    ? await db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseRows.map((c) => c.id))).orderBy(caseEvents.id)
    : [];
  const messages = await db.select().from(messageOutbox).where(eq(messageOutbox.applicationId, app.id)).orderBy(messageOutbox.id);
  const files = await filesOf(app.id);
  return {
    app,
    entry: entry!,
    cases: caseRows.map((c, i) => ({ ...c, handlerName: names[i]!, events: events.filter((e) => e.caseId === c.id) })),
    messages,
    files,
  };
}

export async function applicationFile(applicationId: string, fileId: string) {
  const [row] = await getDb()
    .select()
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.id, fileId)));
  return row ?? null;
}

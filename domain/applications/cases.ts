/**
 * Applications from listed subjects and the cases they open (seed 二(三), 二(五), 二(六)):
 * an objection opens one case per department concerned, a correction request one case for
 * the court, a credit-repair request one for the credit office. Every change of a case is an
 * event and a message to the applicant, written in the same transaction.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { siteHmac } from '@/lib/auth/site-secret';
import { courtScope, inCourtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';
import { addDays, daysBetween, TIME_RULES, todayInChina, type TimeRule } from '@/lib/clocks';
import { formatDate, formatDueDay } from '@/lib/format';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import type { ReceiptData } from '@/lib/receipt';
import { entriesCommitted } from '@/db/after-commit';
import { getDb, type Database, type Transaction } from '@/db/client';
import { APPLICATION_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/labels';
import {
  type ApplicationKind,
  type CaseStatus,
  CREDIT_OFFICE_NAME,
  REFUSAL_REASONS,
  refusalLabel,
  type RefusalReason,
} from '@/lib/case-terms';
import { todayInChinaSql } from '@/db/clock';
import { EntryNotActiveError, OutsideCourtError, revokeEntry } from '@/domain/entries/entries';
import { openObjectionLiftingTask, openRemovalLiftingTasks } from '@/domain/entries/lifting';
import { CourtTakesNoRequestsError, getCourt } from '@/domain/entries/courts';
import {
  applicationFiles,
  applications,
  caseDocuments,
  caseEvents,
  caseNotes,
  cases,
  departments,
  entries,
  entryEvents,
  measureDepartments,
  messageOutbox,
  supplements,
  type Application,
  type Case,
} from '@/db/schema';

export type Decision = NonNullable<Case['decision']>;
type Handler = Case['handler'];

/**
 * The decisions each kind of application allows, in the order offered, with what each means.
 * A correction is either upheld — the entry revoked (纳入错误) or corrected — or refused; only
 * revoke_entry removes it. An objection upheld in whole or in part lifts measures.
 */
export const DECISIONS: Record<ApplicationKind, readonly { decision: Decision; label: string; explanation: string }[]> =
  {
    correction: [
      {
        decision: 'revoke_entry',
        label: '纠正（撤销名单）',
        explanation: '纳入确有错误：该失信信息立即撤销，不再公示，并发布撤销公告。',
      },
      {
        decision: 'amend_entry',
        label: '纠正（更正信息）',
        explanation: '应当纳入，但信息有误：该信息继续公示，由法院更正后重新推送；申请人会被告知。',
      },
      {
        decision: 'rejected',
        label: '驳回',
        explanation: '纠错理由不成立：信息不变；申请人会被告知可向上一级人民法院申请复议。',
      },
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
    guarantee: [],
  };

/**
 * The court's decision on a request to lift the measures (二(四)): a guarantee request, or an objection a department
 * forwarded. 准予解除 opens the lifting tasks as a removal does; the entry stays listed (revocation is the court's
 * separate step).
 */
export const LIFTING_DECISIONS: readonly { decision: Decision; label: string; explanation: string }[] = [
  {
    decision: 'upheld',
    label: '准予解除惩戒措施',
    explanation:
      '请求成立：已报送实施惩戒措施的各单位收到解除任务，解除对该被执行人的惩戒措施；失信名单信息不因此撤销。',
  },
  { decision: 'rejected', label: '不予解除', explanation: '请求不成立：惩戒措施继续实施，信息不变。' },
];

/** Is this case the court deciding a lifting request (a guarantee, or a forwarded objection)? */
export function isCourtLifting(kind: ApplicationKind, handler: Handler): boolean {
  return kind === 'guarantee' || (kind === 'objection' && handler === 'court');
}

/** The decisions a case allows: its kind's, or the court's on a lifting request. */
export function decisionsFor(kind: ApplicationKind, handler: Handler) {
  return isCourtLifting(kind, handler) ? LIFTING_DECISIONS : DECISIONS[kind];
}

/** Labels of decisions recorded before corrections had their own (upheld / partly_upheld). */
const LEGACY_LABELS: Record<Decision, string> = {
  upheld: '理由成立',
  partly_upheld: '部分成立',
  rejected: '理由不成立',
  revoke_entry: '纠正（撤销名单）',
  amend_entry: '纠正（更正信息）',
};

export function decisionLabel(kind: ApplicationKind, decision: Decision, handler?: Handler): string {
  const offered = handler ? decisionsFor(kind, handler) : kind === 'guarantee' ? LIFTING_DECISIONS : DECISIONS[kind];
  return offered.find((d) => d.decision === decision)?.label ?? LEGACY_LABELS[decision];
}

/** What a rejected applicant is told (二(三)): reconsideration at the superior of the court that listed the entry. */
export function reconsiderationText(superior: string | null): string {
  return `如对驳回决定不服，可依法向${superior ?? '上一级人民法院'}申请复议。`;
}

/** The reconsideration text for an entry's court (the directory's superior; unknown court: the generic wording). */
async function reconsiderationFor(court: string): Promise<string> {
  return reconsiderationText((await getCourt(court))?.superior ?? null);
}

/** Each kind's clock. A guarantee request's period is the platform's (the seed names none): GUARANTEE_DAYS. */
const KIND_RULE: Record<ApplicationKind, TimeRule> = {
  objection: 'objectionDays',
  correction: 'courtReviewDays',
  repair: 'repairDays',
  guarantee: 'guaranteeDays',
};
const KIND_HANDLER: Record<ApplicationKind, Handler> = {
  objection: 'department',
  correction: 'court',
  repair: 'credit_office',
  guarantee: 'court',
};

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
  statement: string;
  learnedOn?: string;
  measureNos?: number[];
  departmentCodes?: string[];
  files: EvidenceFile[];
};

export class DepartmentNotForMeasuresError extends AppError {
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

/**
 * The body a case is addressed to, by name. A correction goes to the court that listed the entry (`court`, the
 * entry's 执行法院); without it (a count over many courts) the court is named generically.
 */
export function handlerName(handler: Handler, departmentName: string | null, court: string | null = null): string {
  if (handler === 'court') return court ?? '执行法院';
  return handler === 'credit_office' ? CREDIT_OFFICE_NAME : (departmentName ?? '');
}

async function handlerNames(
  tx: Database | Transaction,
  rows: { handler: Handler; departmentCode: string | null; applicationId: string }[],
) {
  const codes = rows.flatMap((r) => (r.departmentCode ? [r.departmentCode] : []));
  const units = codes.length ? await tx.select().from(departments).where(inArray(departments.code, codes)) : [];
  const appIds = [...new Set(rows.filter((r) => r.handler === 'court').map((r) => r.applicationId))];
  const courtsOf = appIds.length
    ? await tx
        .select({ applicationId: applications.id, court: entries.court })
        .from(applications)
        .innerJoin(entries, eq(entries.uid, applications.entryUid))
        .where(inArray(applications.id, appIds))
    : [];
  return rows.map((r) =>
    handlerName(
      r.handler,
      units.find((u) => u.code === r.departmentCode)?.name ?? r.departmentCode,
      courtsOf.find((c) => c.applicationId === r.applicationId)?.court ?? null,
    ),
  );
}

/** What the applicant's receipt (回执) states besides the two codes: the bodies it went to, when, and the due day. */
export type ReceiptFacts = ReceiptData['receipt'];
export type Submitted = { trackingNo: string; accessCode: string; duplicate: boolean; receipt: ReceiptFacts };

/** The receipt's facts of a stored application (a retried submission shows the first one's). */
async function receiptFacts(tx: Database | Transaction, trackingNo: string): Promise<ReceiptFacts> {
  const rows = await tx
    .select({
      kind: applications.kind,
      createdAt: applications.createdAt,
      applicationId: cases.applicationId,
      handler: cases.handler,
      departmentCode: cases.departmentCode,
      dueOn: cases.dueOn,
    })
    .from(applications)
    .innerJoin(cases, eq(cases.applicationId, applications.id))
    .where(eq(applications.trackingNo, trackingNo))
    .orderBy(cases.id);
  const first = rows[0]!;
  return {
    kind: first.kind,
    handlers: await handlerNames(tx, rows),
    submittedOn: todayInChina(first.createdAt),
    dueOn: first.dueOn,
  };
}

/**
 * Applications of one kind about one entry in 24 hours after which the next is marked for
 * screening. Nothing is refused for it: a per-entry cap would let anyone shut the real
 * subject out with a few submissions of public facts (case number, name, last 4 of the ID).
 */
export const SCREEN_AFTER_PER_ENTRY = 5;

/**
 * What is stored of an uploaded file (evidence, material for 补正, the decision): its name, type, size, digest and bytes.
 */
function storedFile(f: { fileName: string; mediaType: string; content: Buffer }) {
  return {
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.content.length,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    content: f.content,
  };
}

/**
 * Stores an application, its files, its cases, their first events and the first message: all or nothing. A correction
 * about an entry whose court takes no requests on this platform is refused (CourtTakesNoRequestsError).
 */
export async function submitApplication(input: NewApplication): Promise<Submitted> {
  const accessCode = accessCodeFor(input.submissionToken);
  return getDb().transaction(async (tx) => {
    const [existing] = await tx
      .select({ trackingNo: applications.trackingNo })
      .from(applications)
      .where(eq(applications.submissionToken, input.submissionToken));
    if (existing) {
      const receipt = await receiptFacts(tx, existing.trackingNo);
      return { trackingNo: existing.trackingNo, accessCode, duplicate: true, receipt };
    }

    const handler = KIND_HANDLER[input.kind];
    if (handler === 'court') {
      // A correction or guarantee request goes to the court that listed the entry; one that takes none here is reached
      // directly.
      const [entry] = await tx.select({ court: entries.court }).from(entries).where(eq(entries.uid, input.entryUid));
      const court = entry ? await getCourt(entry.court) : null;
      if (court && !court.handlesRequests) throw new CourtTakesNoRequestsError(court);
    }
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
      .where(
        and(
          eq(applications.entryUid, input.entryUid),
          eq(applications.kind, input.kind),
          sql`${applications.createdAt} > now() - interval '24 hours'`,
        ),
      );
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
        statement: input.statement,
        learnedOn: input.learnedOn ?? null,
        measureNos: input.measureNos ?? [],
        needsScreening: (recent?.n ?? 0) >= SCREEN_AFTER_PER_ENTRY,
      })
      .onConflictDoNothing({ target: applications.submissionToken })
      .returning({ id: applications.id });
    if (inserted.length === 0) {
      // The same token committed concurrently: that submission stands.
      const [other] = await tx
        .select({ trackingNo: applications.trackingNo })
        .from(applications)
        .where(eq(applications.submissionToken, input.submissionToken));
      return {
        trackingNo: other!.trackingNo,
        accessCode,
        duplicate: true,
        receipt: await receiptFacts(tx, other!.trackingNo),
      };
    }
    if (input.files.length > 0) {
      await tx
        .insert(applicationFiles)
        .values(input.files.map((f) => ({ id: randomUUID(), applicationId: id, ...storedFile(f) })));
    }
    const today = todayInChina();
    const caseRows = (handler === 'department' ? departmentCodes : [null]).map((departmentCode) => ({
      applicationId: id,
      handler,
      departmentCode,
      dueOn: addDays(today, TIME_RULES[KIND_RULE[input.kind]].days),
    }));
    const created = await tx.insert(cases).values(caseRows).returning();
    await tx
      .insert(caseEvents)
      .values(created.map((c) => ({ caseId: c.id, status: 'submitted' as const, actor: 'applicant' })));
    const names = await handlerNames(tx, created);
    await tx.insert(messageOutbox).values({
      applicationId: id,
      toAddress: input.email ?? null,
      subject: `已收到您的${APPLICATION_KIND_LABELS[input.kind]}（${trackingNo}）`,
      body:
        `您的${APPLICATION_KIND_LABELS[input.kind]}已提交，已转交${names.join('、')}办理，办理期限至 ` +
        `${created[0]!.dueOn}。请凭查询号和访问码在“申请查询”页面查看进度。`,
    });
    return { trackingNo, accessCode, duplicate: false, receipt: await receiptFacts(tx, trackingNo) };
  });
}

// ---------------------------------------------------------------------------
// Handling cases
// ---------------------------------------------------------------------------

/**
 * Which cases a staff member sees: their unit's, their court's corrections (by the entry's court), or (credit office)
 * all.
 */
function visibleTo(staff: Staff, opts: { forwarded: boolean } = { forwarded: true }) {
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
    const own = and(eq(cases.handler, 'department'), eq(cases.departmentCode, staff.departmentCode))!;
    // A case the unit forwarded to the court stays readable to it (not its to decide, not in its 待办).
    return opts.forwarded ? or(own, eq(cases.forwardedFrom, staff.departmentCode))! : own;
  }
  return sql`false`;
}

/**
 * Who may move a case: the body it is addressed to (the court: a clerk of the entry's court; the credit office only for
 * repairs).
 */
export function mayHandle(staff: Staff, c: Pick<Case, 'handler' | 'departmentCode'>, entryCourt: string): boolean {
  if (c.handler === 'department')
    return staff.role === 'department_officer' && staff.departmentCode === c.departmentCode;
  if (c.handler === 'court') return staff.role === 'court_clerk' && inCourtScope(staff, entryCourt);
  return staff.role === 'credit_office';
}

/**
 * The steps a case allows from each status. Staff move every step but one: a case waiting for
 * material (补正) resumes when the applicant supplies it (supplyMaterial). A submitted case is
 * accepted (受理), refused (不予受理) or sent back for material (要求补正); an accepted one may be
 * decided at once (审查 is optional), so reaching a decision takes two steps.
 * From 待补正, once the material deadline has passed unanswered: a case never accepted may be
 * refused (逾期未补正), an accepted one is decided on the material at hand.
 */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  submitted: ['accepted', 'refused', 'awaiting_material'],
  accepted: ['under_review', 'decided', 'awaiting_material'],
  under_review: ['decided', 'awaiting_material'],
  awaiting_material: ['refused', 'decided'],
  decided: ['closed'],
  closed: [],
  refused: [],
};

/** Statuses in which the handler still owes an answer and the clock runs. */
export const OPEN_STATUSES: CaseStatus[] = ['submitted', 'accepted', 'under_review'];
/** Statuses that end a case. */
export const FINAL_STATUSES: CaseStatus[] = ['decided', 'closed', 'refused'];

/** The steps staff may take now (from 待补正 only once the material deadline has passed, and only the one that fits). */
export function nextStatuses(
  status: CaseStatus,
  c?: Pick<Case, 'pausedOn' | 'pausedFrom'>,
  today: string = todayInChina(),
): CaseStatus[] {
  if (status !== 'awaiting_material') return NEXT[status];
  if (!c?.pausedOn || today <= materialDueOn(c.pausedOn)) return [];
  return c.pausedFrom === 'submitted' ? ['refused'] : ['decided'];
}

/** The last day for the applicant to supply material asked for on `pausedOn`. */
export function materialDueOn(pausedOn: string): string {
  return addDays(pausedOn, TIME_RULES.materialDays.days);
}

export class CaseNotFoundError extends AppError {
  readonly code = 'case_not_found';
}
export class CaseTransitionError extends AppError {
  readonly code = 'case_transition';
}
export class NotCaseHandlerError extends AppError {
  readonly code = 'not_case_handler';
}
export class NothingToSupplyError extends AppError {
  readonly code = 'nothing_to_supply';
}

/**
 * One step. `from`: the status the staff member saw (a stale page or a replayed form is
 * refused rather than applied to a case that moved on). `liftedMeasureNos`: a partly upheld
 * objection names the measures it lifts. `document`: the signed decision (PDF).
 * `refusalReason` + `decisionText`: 不予受理. `materialRequest`: what 补正 asks for.
 */
export type Transition = {
  to: CaseStatus;
  from?: CaseStatus;
  decision?: Decision;
  decisionText?: string;
  liftedMeasureNos?: number[];
  document?: EvidenceFile;
  refusalReason?: RefusalReason;
  materialRequest?: string;
  note?: string;
};

/**
 * The measures an objection's decision lifts: all of those objected to that the unit implements, or the chosen part of
 * them.
 */
async function liftedMeasures(tx: Transaction, c: Case, app: Application, t: Transition): Promise<number[]> {
  if (app.kind !== 'objection' || c.handler !== 'department' || t.decision === 'rejected') return [];
  const links = await tx
    .select({ no: measureDepartments.measureNo })
    .from(measureDepartments)
    .where(
      and(
        eq(measureDepartments.departmentCode, c.departmentCode ?? ''),
        inArray(measureDepartments.measureNo, app.measureNos.length ? app.measureNos : [-1]),
      ),
    );
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
 * The clock after a pause for 补正 ends on `today`: the calendar days from the day it paused
 * to today are added to the due day (a same-day answer adds none), and counted in pausedDays.
 */
export function resumedClock(c: Pick<Case, 'dueOn' | 'pausedOn' | 'pausedDays'>, today: string = todayInChina()) {
  const days = c.pausedOn ? Math.max(0, daysBetween(c.pausedOn, today)) : 0;
  return { dueOn: addDays(c.dueOn, days), pausedDays: c.pausedDays + days, days };
}

const CLEAR_PAUSE = { pausedOn: null, pausedFrom: null, materialRequest: null } as const;

/**
 * Moves a case one step, with its event and a message to the applicant. A court decision
 * upholding a correction revokes the entry in the same transaction, through revokeEntry.
 */
export async function advanceCase(
  caseId: number,
  staff: Staff,
  t: Transition,
): Promise<Case & { kind: ApplicationKind }> {
  let revokedUid: string | null = null;
  const updated = await getDb().transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!c) throw new CaseNotFoundError(`case ${caseId} does not exist`);
    const [app] = await tx.select().from(applications).where(eq(applications.id, c.applicationId));
    const [entry] = await tx
      .select({ court: entries.court, status: entries.status })
      .from(entries)
      .where(eq(entries.uid, app!.entryUid));
    if (c.handler === 'court' && staff.role === 'court_clerk' && !inCourtScope(staff, entry!.court))
      throw new OutsideCourtError(courtScope(staff)!);
    if (!mayHandle(staff, c, entry!.court))
      throw new NotCaseHandlerError(`case ${caseId} is not addressed to ${staff.email}`);
    if (t.from && t.from !== c.status) throw new CaseTransitionError(`case ${caseId} is ${c.status}, not ${t.from}`);
    if (!nextStatuses(c.status, c).includes(t.to))
      throw new CaseTransitionError(`case ${caseId}: ${c.status} → ${t.to} is not allowed`);
    if (t.to === 'decided' && (!t.decision || !t.decisionText?.trim()))
      throw new CaseTransitionError('a decision needs an outcome and written reasons');
    if (t.to === 'decided' && !decisionsFor(app!.kind, c.handler).some((d) => d.decision === t.decision)) {
      throw new CaseTransitionError(`a ${app!.kind} cannot be decided ${t.decision}`);
    }
    if (t.document && t.document.mediaType !== 'application/pdf')
      throw new CaseTransitionError('a decision document is a PDF');
    if (t.to === 'refused') {
      if (!REFUSAL_REASONS.some((r) => r.code === t.refusalReason) || !t.decisionText?.trim())
        throw new CaseTransitionError('不予受理 needs a reason and written reasons');
      if (c.status === 'awaiting_material' && t.refusalReason !== 'material_not_supplied')
        throw new CaseTransitionError('after an unanswered 补正 the reason is 逾期未补正');
    }
    if (t.to === 'awaiting_material' && !t.materialRequest?.trim())
      throw new CaseTransitionError('补正 says what is missing');
    const lifted = t.to === 'decided' ? await liftedMeasures(tx, c, app!, t) : [];
    const actor = staffActor(staff);
    const label = t.to === 'decided' ? decisionLabel(app!.kind, t.decision!, c.handler) : '';
    const today = todayInChina();
    // Leaving 待补正 (the applicant never answered): the clock runs again from today.
    const resumed = c.status === 'awaiting_material' ? resumedClock(c, today) : null;
    const clock = resumed ? { dueOn: resumed.dueOn, pausedDays: resumed.pausedDays, ...CLEAR_PAUSE } : {};
    const ending = t.to === 'decided' || t.to === 'refused';

    const [row] = await tx
      .update(cases)
      .set({
        status: t.to,
        ...clock,
        ...(t.to === 'decided'
          ? { decision: t.decision, decisionText: t.decisionText!.trim(), liftedMeasureNos: lifted }
          : {}),
        ...(t.to === 'refused' ? { refusalReason: t.refusalReason, decisionText: t.decisionText!.trim() } : {}),
        ...(t.to === 'awaiting_material'
          ? { materialRequest: t.materialRequest!.trim(), pausedOn: today, pausedFrom: c.status }
          : {}),
        ...(ending ? { decidedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(cases.id, caseId))
      .returning();
    const eventNote =
      t.to === 'decided'
        ? label
        : t.to === 'refused'
          ? refusalLabel(t.refusalReason!)
          : t.to === 'awaiting_material'
            ? `补正：${t.materialRequest!.trim()}`
            : (t.note ?? null);
    await tx.insert(caseEvents).values({ caseId, status: t.to, actor, note: eventNote });
    if (t.to === 'decided' && t.document) {
      await tx.insert(caseDocuments).values({ caseId, ...storedFile(t.document), actor });
    }
    // Lifting (issue 11): an objection upheld in whole or in part opens the unit's lifting task for exactly the lifted
    // measures.
    if (lifted.length > 0 && c.departmentCode)
      await openObjectionLiftingTask(tx, {
        caseId,
        entryUid: app!.entryUid,
        departmentCode: c.departmentCode,
        measureNos: lifted,
      });

    let extra = '';
    if (t.to === 'decided' && isCourtLifting(app!.kind, c.handler)) {
      extra =
        t.decision === 'upheld'
          ? await liftOnCourtDecision(tx, { app: app!, caseId, actor, entryActive: entry!.status === 'active' })
          : '惩戒措施继续实施。';
    }
    if (t.to === 'decided' && app!.kind === 'correction') {
      if (t.decision === 'rejected') extra = await reconsiderationFor(entry!.court);
      else if (t.decision === 'amend_entry') extra = '法院将更正该失信信息，更正后的信息将重新公示。';
      else {
        try {
          await revokeEntry(
            app!.entryUid,
            { reason: `纳入错误（纠错申请 ${app!.trackingNo}）`, actor, court: courtScope(staff) },
            tx,
          );
          revokedUid = app!.entryUid;
        } catch (err) {
          if (!(err instanceof EntryNotActiveError)) throw err; // already removed: nothing to revoke
        }
        extra = '该失信信息已撤销，不再公示。';
      }
    }
    if (lifted.length > 0) extra = `解除以下惩戒措施：${lifted.map((n) => `第${n}项`).join('、')}。`;
    if (t.to === 'decided' && t.document) extra += `${extra ? '\n' : ''}决定书已上传，可在“申请查询”页面下载。`;
    const [name] = await handlerNames(tx, [c]);
    await tx.insert(messageOutbox).values({
      applicationId: app!.id,
      toAddress: app!.email,
      subject: `您的${APPLICATION_KIND_LABELS[app!.kind]}（${app!.trackingNo}）${CASE_STATUS_LABELS[t.to]}`,
      body: applicantMessage(name!, t, row!, { label, extra }),
    });
    return { ...row!, kind: app!.kind };
  });
  if (revokedUid) await entriesCommitted([revokedUid]);
  return updated;
}

/**
 * The court lifts the measures (二(四)): an entry event records the decision (who, when, which request) and opens, in the
 * decision's transaction, one lifting task per unit that reported applying a measure, as a removal does. The entry
 * stays listed. An entry already removed has had its tasks opened by the removal: nothing is opened twice.
 */
async function liftOnCourtDecision(
  tx: Transaction,
  d: { app: Application; caseId: number; actor: string; entryActive: boolean },
): Promise<string> {
  if (!d.entryActive) return '该失信信息已不在名单中，各单位已按撤销或屏蔽解除惩戒措施。';
  const [event] = await tx
    .insert(entryEvents)
    .values({
      entryUid: d.app.entryUid,
      kind: 'measures_lifted',
      actor: d.actor,
      reason: `法院决定解除惩戒措施（${APPLICATION_KIND_LABELS[d.app.kind]} ${d.app.trackingNo}）`,
      details: { caseId: d.caseId, trackingNo: d.app.trackingNo },
    })
    .returning({ id: entryEvents.id });
  await openRemovalLiftingTasks(tx, d.app.entryUid, event!.id);
  return '已通知实施惩戒措施的单位解除对您的惩戒措施。失信名单信息是否撤销，由法院另行决定。';
}

/** What the applicant is told of a step: what happened and what comes next. */
function applicantMessage(name: string, t: Transition, c: Case, d: { label: string; extra: string }): string {
  switch (t.to) {
    case 'decided':
      return `${name}已作出决定：${d.label}。理由：${t.decisionText!.trim()}${d.extra ? `\n${d.extra}` : ''}`;
    case 'refused':
      return `${name}决定不予受理：${refusalLabel(t.refusalReason!)}。${t.decisionText!.trim()}\n本申请办理终结。符合条件后，您可以重新提交申请。`;
    case 'awaiting_material':
      return (
        `${name}请您补正材料：${t.materialRequest!.trim()}\n` +
        `请于 ${formatDate(materialDueOn(c.pausedOn!))}（含当日）前，凭查询号和访问码在“申请查询”页面补充说明和材料。` +
        `补正期间办理期限暂停计算，补正后顺延。逾期未补正的，${c.pausedFrom === 'submitted' ? '可不予受理' : '将按现有材料作出决定'}。`
      );
    case 'accepted':
      return `${name}已受理您的申请，将于办理期限内作出决定（${formatDueDay(c.dueOn)}）。`;
    case 'under_review':
      return `${name}已开始审查您的申请，将于办理期限内作出决定（${formatDueDay(c.dueOn)}）。`;
    default:
      return `${name}：${CASE_STATUS_LABELS[t.to]}。`;
  }
}

/**
 * The applicant answers a 补正 request (on /track, after giving the access code): a note and
 * files, stored with the application; every case of it waiting for material resumes where it
 * paused, its due day moved on by the days paused. All or nothing.
 */
export async function supplyMaterial(applicationId: string, input: { note: string; files: EvidenceFile[] }) {
  return getDb().transaction(async (tx) => {
    const waiting = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.applicationId, applicationId), eq(cases.status, 'awaiting_material')))
      .orderBy(cases.id)
      .for('update');
    if (waiting.length === 0)
      throw new NothingToSupplyError(`application ${applicationId} has no case waiting for material`);
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
    const [supplement] = await tx.insert(supplements).values({ applicationId, note: input.note.trim() }).returning();
    if (input.files.length > 0) {
      await tx
        .insert(applicationFiles)
        .values(
          input.files.map((f) => ({ id: randomUUID(), applicationId, supplementId: supplement!.id, ...storedFile(f) })),
        );
    }
    const today = todayInChina();
    const names = await handlerNames(tx, waiting);
    const resumed: { caseId: number; status: CaseStatus; dueOn: string; days: number }[] = [];
    for (const c of waiting) {
      const clock = resumedClock(c, today);
      const back = c.pausedFrom ?? 'submitted';
      await tx
        .update(cases)
        .set({ status: back, dueOn: clock.dueOn, pausedDays: clock.pausedDays, ...CLEAR_PAUSE, updatedAt: sql`now()` })
        .where(eq(cases.id, c.id));
      await tx.insert(caseEvents).values({
        caseId: c.id,
        status: back,
        actor: 'applicant',
        note: `申请人已补正，办理期限顺延 ${clock.days} 天`,
      });
      resumed.push({ caseId: c.id, status: back, dueOn: clock.dueOn, days: clock.days });
    }
    await tx.insert(messageOutbox).values({
      applicationId,
      toAddress: app!.email,
      subject: `已收到您补正的材料（${app!.trackingNo}）`,
      body: resumed
        .map((r, i) => `${names[i]}恢复办理，办理期限顺延 ${r.days} 天，${formatDueDay(r.dueOn)}。`)
        .join('\n'),
    });
    return { supplementId: supplement!.id, resumed };
  });
}

/**
 * A department forwards a request to remove a record or lift a measure (an objection in its inbox) to the court that
 * listed the entry (二(四): 提交市法院审查决定): only the department the case is addressed to, while it is still open. The
 * case becomes the court's, with the court's clock (guaranteeDays) from today; the department keeps reading it. The
 * event (who, when, why) and the applicant's message are written in the same transaction. A court that takes no
 * requests here is refused (CourtTakesNoRequestsError): the department tells the applicant the court's contact.
 */
export async function forwardToCourt(caseId: number, staff: Staff, input: { reason: string; from?: CaseStatus }) {
  const reason = input.reason.trim();
  if (!reason) throw new CaseTransitionError('forwarding says why');
  return getDb().transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!c) throw new CaseNotFoundError(`case ${caseId} does not exist`);
    const [app] = await tx.select().from(applications).where(eq(applications.id, c.applicationId));
    const [entry] = await tx.select({ court: entries.court }).from(entries).where(eq(entries.uid, app!.entryUid));
    if (c.handler !== 'department' || !mayHandle(staff, c, entry!.court))
      throw new NotCaseHandlerError(`case ${caseId} is not addressed to ${staff.email}`);
    // Only objections are addressed to a department (handler = department), so nothing else gets here.
    if (input.from && input.from !== c.status)
      throw new CaseTransitionError(`case ${caseId} is ${c.status}, not ${input.from}`);
    if (!OPEN_STATUSES.includes(c.status)) throw new CaseTransitionError(`case ${caseId} is ${c.status}: not open`);
    const court = await getCourt(entry!.court);
    if (court && !court.handlesRequests) throw new CourtTakesNoRequestsError(court);
    const [unit] = await tx
      .select({ name: departments.name })
      .from(departments)
      .where(eq(departments.code, c.departmentCode!));
    const dueOn = addDays(todayInChina(), TIME_RULES.guaranteeDays.days);
    const [row] = await tx
      .update(cases)
      .set({
        handler: 'court',
        departmentCode: null,
        forwardedFrom: c.departmentCode,
        status: 'submitted',
        dueOn,
        ...CLEAR_PAUSE,
        updatedAt: sql`now()`,
      })
      .where(eq(cases.id, caseId))
      .returning();
    const unitName = unit?.name ?? c.departmentCode!;
    await tx.insert(caseEvents).values({
      caseId,
      status: 'submitted',
      actor: staffActor(staff),
      note: `${unitName}转交${entry!.court}审查决定。理由：${reason}`,
    });
    await tx.insert(messageOutbox).values({
      applicationId: app!.id,
      toAddress: app!.email,
      subject: `您的${APPLICATION_KIND_LABELS[app!.kind]}（${app!.trackingNo}）已转交法院审查`,
      body:
        `您向${unitName}提出的解除请求，依规定须由法院审查决定，已转交${entry!.court}审查（${formatDueDay(dueOn)}）。` +
        `理由：${reason}\n法院作出决定后，您可在“申请查询”页面查看。`,
    });
    return { ...row!, court: entry!.court, departmentName: unitName };
  });
}

/** Who may write internal notes: the case's handler, and the credit office (督办). */
export function mayNote(staff: Staff, c: Pick<Case, 'handler' | 'departmentCode'>, entryCourt: string): boolean {
  return staff.role === 'credit_office' || mayHandle(staff, c, entryCourt);
}

/** An internal note on a case: staff only, never shown to the applicant. */
export async function addCaseNote(caseId: number, staff: Staff, body: string) {
  const text = body.trim();
  if (!text) throw new CaseTransitionError('a note has text');
  const [row] = await getDb()
    .select({ c: cases, court: entries.court })
    .from(cases)
    .innerJoin(applications, eq(applications.id, cases.applicationId))
    .innerJoin(entries, eq(entries.uid, applications.entryUid))
    .where(and(eq(cases.id, caseId), visibleTo(staff)));
  if (!row) throw new CaseNotFoundError(`case ${caseId} is not visible to ${staff.email}`);
  if (!mayNote(staff, row.c, row.court)) throw new NotCaseHandlerError(`${staff.email} may not note case ${caseId}`);
  const [note] = await getDb()
    .insert(caseNotes)
    .values({ caseId, actor: staffActor(staff), body: text })
    .returning();
  return note!;
}

// ---------------------------------------------------------------------------
// Reads: inboxes, one case, the overdue list, tracking
// ---------------------------------------------------------------------------

const OPEN = OPEN_STATUSES;
const overdueSql = sql<boolean>`${cases.status} IN ('submitted', 'accepted', 'under_review') AND ${todayInChinaSql} >
  ${cases.dueOn}`;

/** The inbox's status groups: open (the handler owes an answer), paused for 补正, ended, all. */
export const INBOX_STATUS = { open: '待办', paused: '待补正', done: '已办结（含不予受理）', all: '全部' } as const;
export type InboxStatus = keyof typeof INBOX_STATUS;
const STATUS_GROUP: Record<InboxStatus, CaseStatus[] | null> = {
  open: OPEN,
  paused: ['awaiting_material'],
  done: FINAL_STATUSES,
  all: null,
};

/**
 * What the inbox lists. `unit`: 'court', 'credit_office' or a department code. `q`: part of a
 * tracking number (letters and digits only; anything else is dropped). `open` (older callers)
 * is status 'open'.
 */
export type InboxFilter = { status?: InboxStatus; kind?: ApplicationKind; unit?: string; q?: string; open?: boolean };
export const INBOX_PAGE_SIZE = 50;

function inboxWhere(staff: Staff, f: InboxFilter) {
  const group = STATUS_GROUP[f.status ?? (f.open ? 'open' : 'all')];
  const q = (f.q ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  const unit =
    f.unit === 'court' || f.unit === 'credit_office'
      ? eq(cases.handler, f.unit)
      : f.unit
        ? eq(cases.departmentCode, f.unit)
        : undefined;
  return and(
    visibleTo(staff, { forwarded: group === null }),
    group ? inArray(cases.status, group) : undefined,
    f.kind ? eq(applications.kind, f.kind) : undefined,
    unit,
    q ? sql`${applications.trackingNo} LIKE ${`%${q}%`}` : undefined,
  );
}

function inboxQuery(staff: Staff, f: InboxFilter) {
  return getDb()
    .select({
      id: cases.id,
      handler: cases.handler,
      status: cases.status,
      dueOn: cases.dueOn,
      pausedOn: cases.pausedOn,
      overdue: overdueSql,
      departmentName: departments.name,
      trackingNo: applications.trackingNo,
      kind: applications.kind,
      applicantName: applications.applicantName,
      needsScreening: applications.needsScreening,
      submittedAt: applications.createdAt,
      caseNo: entries.caseNo,
      subjectName: entries.name,
      court: entries.court,
    })
    .from(cases)
    .innerJoin(applications, eq(applications.id, cases.applicationId))
    .innerJoin(entries, eq(entries.uid, applications.entryUid))
    .leftJoin(departments, eq(departments.code, cases.departmentCode))
    .where(inboxWhere(staff, f))
    .orderBy(sql`${cases.status} IN ('submitted', 'accepted', 'under_review') DESC`, asc(cases.dueOn), asc(cases.id))
    .$dynamic();
}

/**
 * Every case the staff member sees that matches `f`, open ones first, earliest due first (no cap: use inboxPage for
 * screens).
 */
export async function inbox(staff: Staff, f: InboxFilter = {}) {
  return inboxQuery(staff, f);
}

export type InboxRow = Awaited<ReturnType<typeof inbox>>[number];

/** One page of the inbox and how many cases match in all. `page` past the end shows the last. */
export async function inboxPage(staff: Staff, f: InboxFilter, page = 1, pageSize = INBOX_PAGE_SIZE) {
  const [count] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(applications, eq(applications.id, cases.applicationId))
    .where(inboxWhere(staff, f));
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await inboxQuery(staff, f)
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, total, page: current, pageCount, pageSize };
}

/**
 * The handling units among the cases the staff member sees, for the inbox's filter: value (as InboxFilter.unit) and
 * name.
 */
export async function inboxUnits(staff: Staff): Promise<{ value: string; name: string }[]> {
  const rows = await getDb()
    .selectDistinct({
      handler: cases.handler,
      departmentCode: cases.departmentCode,
      departmentName: departments.name,
      sortOrder: departments.sortOrder,
    })
    .from(cases)
    .leftJoin(departments, eq(departments.code, cases.departmentCode))
    // A unit's filter lists its own unit only, not the court its forwarded cases went to.
    .where(visibleTo(staff, { forwarded: false }));
  const order: Record<Handler, number> = { court: 0, credit_office: 1, department: 2 };
  return rows
    .sort((a, b) => order[a.handler] - order[b.handler] || (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .map((r) => ({
      value: r.handler === 'department' ? r.departmentCode! : r.handler,
      name: handlerName(r.handler, r.departmentName, courtScope(staff)),
    }));
}

/** Open and overdue cases the staff member sees, for the dashboard (counted, not listed: the inbox caps its list). */
/**
 * Open and overdue cases for the dashboard, and those waiting on the applicant's material (补正: their clock is stopped).
 */
export async function openCaseCounts(
  staff: Staff,
): Promise<{ open: number; overdue: number; awaitingMaterial: number }> {
  const [row] = await getDb()
    .select({
      open: sql<number>`(count(*) FILTER (WHERE ${inArray(cases.status, OPEN)}))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${overdueSql}))::int`,
      awaitingMaterial: sql<number>`(count(*) FILTER (WHERE ${cases.status} = 'awaiting_material'))::int`,
    })
    .from(cases)
    .where(and(visibleTo(staff, { forwarded: false }), inArray(cases.status, [...OPEN, 'awaiting_material'])));
  return row ?? { open: 0, overdue: 0, awaitingMaterial: 0 };
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
  const forwardedFrom = row.c.forwardedFrom
    ? await getDb()
        .select({ name: departments.name })
        .from(departments)
        .where(eq(departments.code, row.c.forwardedFrom))
    : [];
  const [events, files, notes, [document], supplementRows] = await Promise.all([
    getDb().select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id),
    filesOf(row.app.id),
    getDb().select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(caseNotes.id),
    documentOf(caseId),
    supplementsOf(row.app.id),
  ]);
  return {
    ...row,
    events,
    files: files.filter((f) => f.supplementId === null),
    supplements: supplementRows.map((s) => ({ ...s, files: files.filter((f) => f.supplementId === s.id) })),
    notes,
    document: document ?? null,
    handlerName: handlerName(row.c.handler, row.departmentName, row.entry.court),
    reconsideration: row.app.kind === 'correction' ? await reconsiderationFor(row.entry.court) : null,
    mayHandle: mayHandle(staff, row.c, row.entry.court),
    mayNote: mayNote(staff, row.c, row.entry.court),
    next: mayHandle(staff, row.c, row.entry.court) ? nextStatuses(row.c.status, row.c) : [],
    forwardedFromName: row.c.forwardedFrom ? (forwardedFrom[0]?.name ?? row.c.forwardedFrom) : null,
    /** The viewer's unit forwarded it: the page says so (it is the court's now). */
    forwardedByViewer:
      staff.role === 'department_officer' && !!staff.departmentCode && row.c.forwardedFrom === staff.departmentCode,
    /** 转交法院审查: the addressed department, on an objection it still has open. */
    mayForward:
      row.app.kind === 'objection' &&
      row.c.handler === 'department' &&
      OPEN_STATUSES.includes(row.c.status) &&
      mayHandle(staff, row.c, row.entry.court),
  };
}

function documentOf(caseId: number) {
  return getDb()
    .select({
      caseId: caseDocuments.caseId,
      fileName: caseDocuments.fileName,
      size: caseDocuments.size,
      sha256: caseDocuments.sha256,
      actor: caseDocuments.actor,
      at: caseDocuments.at,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId));
}

function supplementsOf(applicationId: string) {
  return getDb().select().from(supplements).where(eq(supplements.applicationId, applicationId)).orderBy(supplements.id);
}

/** The signed decision of a case the staff member may see, or null. */
export async function decisionDocumentForStaff(caseId: number, staff: Staff) {
  const [row] = await getDb()
    .select({ fileName: caseDocuments.fileName, mediaType: caseDocuments.mediaType, content: caseDocuments.content })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .where(and(eq(caseDocuments.caseId, caseId), visibleTo(staff)));
  return row ?? null;
}

/** The signed decision of one of the application's cases, for its applicant, or null. */
export async function decisionDocumentForApplication(applicationId: string, caseId: number) {
  const [row] = await getDb()
    .select({ fileName: caseDocuments.fileName, mediaType: caseDocuments.mediaType, content: caseDocuments.content })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .where(and(eq(caseDocuments.caseId, caseId), eq(cases.applicationId, applicationId)));
  return row ?? null;
}

function filesOf(applicationId: string) {
  return getDb()
    .select({
      id: applicationFiles.id,
      fileName: applicationFiles.fileName,
      mediaType: applicationFiles.mediaType,
      size: applicationFiles.size,
      supplementId: applicationFiles.supplementId,
    })
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
    .select({
      fileName: applicationFiles.fileName,
      mediaType: applicationFiles.mediaType,
      content: applicationFiles.content,
    })
    .from(applicationFiles)
    .innerJoin(cases, eq(cases.applicationId, applicationFiles.applicationId))
    .where(and(eq(cases.id, caseId), eq(applicationFiles.id, fileId), visibleTo(staff)));
  return row ?? null;
}

/** The application for a tracking number and access code, or null (either wrong: the same answer). */
export async function applicationByCode(trackingNo: string, accessCode: string): Promise<Application | null> {
  const [app] = await getDb()
    .select()
    .from(applications)
    .where(eq(applications.trackingNo, trackingNo.trim().toUpperCase()));
  const expected = Buffer.from(app?.accessCodeHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(accessCodeHash(app?.trackingNo ?? trackingNo, accessCode), 'hex');
  return app && timingSafeEqual(expected, given) ? app : null;
}

/**
 * What the applicant reads on /track: their application, each case with its history, the
 * reasons of a refusal or a 补正 request, the decision and whether a signed decision can be
 * downloaded, the messages, their files and supplements. Never internal notes (case_notes).
 */
export async function trackingView(applicationId: string) {
  const db = getDb();
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const [entry] = await db
    .select({ caseNo: entries.caseNo, name: entries.name })
    .from(entries)
    .where(eq(entries.uid, app.entryUid));
  const caseRows = await db.select().from(cases).where(eq(cases.applicationId, app.id)).orderBy(cases.id);
  const names = await handlerNames(db, caseRows);
  const ids = caseRows.map((c) => c.id);
  const events = ids.length
    ? await db.select().from(caseEvents).where(inArray(caseEvents.caseId, ids)).orderBy(caseEvents.id)
    : [];
  const documents = ids.length
    ? await db
        .select({ caseId: caseDocuments.caseId, fileName: caseDocuments.fileName, size: caseDocuments.size })
        .from(caseDocuments)
        .where(inArray(caseDocuments.caseId, ids))
    : [];
  const messages = await db
    .select()
    .from(messageOutbox)
    .where(eq(messageOutbox.applicationId, app.id))
    .orderBy(messageOutbox.id);
  const [files, supplementRows] = await Promise.all([filesOf(app.id), supplementsOf(app.id)]);
  const fromCodes = caseRows.flatMap((c) => (c.forwardedFrom ? [c.forwardedFrom] : []));
  const fromUnits = fromCodes.length
    ? await db.select().from(departments).where(inArray(departments.code, fromCodes))
    : [];
  return {
    app,
    entry: entry!,
    cases: caseRows.map((c, i) => ({
      ...c,
      handlerName: names[i]!,
      events: events.filter((e) => e.caseId === c.id),
      document: documents.find((d) => d.caseId === c.id) ?? null,
      materialDueOn: c.pausedOn ? materialDueOn(c.pausedOn) : null,
      /** The department that forwarded it to the court (二(四)), by name. */
      forwardedFromName: c.forwardedFrom
        ? (fromUnits.find((u) => u.code === c.forwardedFrom)?.name ?? c.forwardedFrom)
        : null,
      /** The court's decision on a request to lift the measures (a guarantee, or a forwarded objection). */
      liftingDecision: c.decision !== null && isCourtLifting(app.kind, c.handler),
    })),
    messages,
    files: files.filter((f) => f.supplementId === null),
    supplements: supplementRows.map((s) => ({ ...s, files: files.filter((f) => f.supplementId === s.id) })),
  };
}

export async function applicationFile(applicationId: string, fileId: string) {
  const [row] = await getDb()
    .select()
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.id, fileId)));
  return row ?? null;
}

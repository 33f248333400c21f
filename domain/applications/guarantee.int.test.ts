/**
 * Lifting requests decided by the court (seed 二(四)): the guarantee request (执行担保) from the form to the entry's
 * court with its own clock; a department forwarding a request to lift a measure to the court (转交法院审查); the
 * court's decision — only a clerk of the entry's court — opening the lifting tasks as a removal does, or none; what
 * /track shows of it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { applicationFiles, applications, caseEvents, cases, entries, entryEvents, liftingTasks } from '@/db/schema';
import {
  ACTOR,
  application,
  makePerson,
  recordMeasureApplied,
  staffMember,
  unitsWithMeasures,
} from '@/db/tests/factory';
import {
  advanceCase,
  caseForStaff,
  CaseTransitionError,
  forwardToCourt,
  inbox,
  NotCaseHandlerError,
  openCaseCounts,
  submitApplication,
  trackingView,
} from '@/domain/applications/cases';
import { GUARANTEE_EVIDENCE_MISSING, NO_MATCH, submitForm } from '@/domain/applications/submit';
import { CourtTakesNoRequestsError } from '@/domain/entries/courts';
import { OutsideCourtError, saveEntry } from '@/domain/entries/entries';
import { liftingTasksFor } from '@/domain/entries/lifting';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { LIMITS } from '@/domain/http/rate-limit';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import type { EntryInput } from '@/lib/validation/entry-push';

const KS = '昆山市人民法院';
const SZ = '苏州市中级人民法院';
const WZ = '苏州市吴中区人民法院';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let client = 0;
const headers = () => new Headers({ [CLIENT_ADDRESS_HEADER]: `10.9.${Math.floor(++client / 250)}.${client % 250}` });
const clerk = staffMember('court_clerk', null, KS);

function guaranteeForm(entry: EntryInput, files = 1) {
  const form = new FormData();
  form.set('caseNo', entry.caseNo);
  form.set('name', entry.name);
  form.set('idLast4', entry.idNumber!.slice(-4));
  form.set('statement', '已以名下房产提供执行担保，担保书已交执行法院。请求解除惩戒措施。');
  form.set('applicantName', '王担保');
  form.set('phone', '13800003333');
  form.set('email', 'w@example.cn');
  form.set('website', '');
  form.set('submissionToken', randomUUID());
  form.set('declaration', 'yes');
  for (let i = 0; i < files; i++)
    form.append('evidence', new File([PDF], `担保书${i + 1}.pdf`, { type: 'application/pdf' }));
  return form;
}

async function listed(overrides: Partial<EntryInput> = {}) {
  const entry = makePerson(overrides as never);
  await saveEntry(entry, ACTOR);
  return entry;
}

const storedFor = (entryUid: string) => getDb().select().from(applications).where(eq(applications.entryUid, entryUid));
const casesOf = (applicationId: string) =>
  getDb().select().from(cases).where(eq(cases.applicationId, applicationId)).orderBy(cases.id);
const tasksOf = (entryUid: string) =>
  getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entryUid)).orderBy(liftingTasks.departmentCode);

/** A guarantee request stored through the domain, and its one court case. */
async function guarantee(entry?: EntryInput) {
  const e = entry ?? (await listed());
  const submitted = await submitApplication(application(e.uid, 'guarantee'));
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
  const [c] = await casesOf(app!.id);
  return { entry: e, app: app!, c: c! };
}

describe('the guarantee request at the form', () => {
  it('stores the request, its files and one court case on the guarantee clock; the receipt names it', async () => {
    const entry = await listed();
    const state = await submitForm('guarantee', guaranteeForm(entry, 2), headers());
    expect(state.errors).toBeUndefined();
    expect(state.submitted?.receipt).toEqual({
      kind: 'guarantee',
      handlers: [KS],
      submittedOn: todayInChina(),
      dueOn: addDays(todayInChina(), TIME_RULES.guaranteeDays.days),
    });
    const [app] = await storedFor(entry.uid);
    expect(app).toMatchObject({ kind: 'guarantee', applicantName: '王担保', measureNos: [], learnedOn: null });
    const files = await getDb().select().from(applicationFiles).where(eq(applicationFiles.applicationId, app!.id));
    expect(files.map((f) => f.fileName).sort()).toEqual(['担保书1.pdf', '担保书2.pdf']);
    const rows = await casesOf(app!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ handler: 'court', departmentCode: null, status: 'submitted' });
  });

  it('the default period is 7 days (GUARANTEE_DAYS unset in tests), named in the time rules', () => {
    expect(TIME_RULES.guaranteeDays).toMatchObject({ days: 7, label: '解除惩戒审查期限' });
    expect(TIME_RULES.guaranteeDays.source).toContain('GUARANTEE_DAYS');
  });

  it('is refused without a guarantee document, a statement or a matching entry; nothing stored', async () => {
    const entry = await listed();
    const noFile = await submitForm('guarantee', guaranteeForm(entry, 0), headers());
    expect(noFile.errors).toEqual([{ field: 'evidence', message: GUARANTEE_EVIDENCE_MISSING }]);
    expect(noFile.values?.statement).toContain('执行担保');

    const blank = guaranteeForm(entry);
    blank.set('statement', '  ');
    expect((await submitForm('guarantee', blank, headers())).errors).toEqual([
      { field: 'statement', message: expect.stringContaining('请填写') },
    ]);

    const wrong = guaranteeForm(entry);
    wrong.set('idLast4', entry.idNumber!.slice(-4) === '0000' ? '1111' : '0000');
    expect((await submitForm('guarantee', wrong, headers())).errors).toEqual([{ field: 'caseNo', message: NO_MATCH }]);

    const notPdf = guaranteeForm(entry, 0);
    notPdf.append('evidence', new File(['plain text'], '担保书.txt', { type: 'text/plain' }));
    expect((await submitForm('guarantee', notPdf, headers())).errors?.[0]?.field).toBe('evidence');
    expect(await storedFor(entry.uid)).toEqual([]);
  });

  it('about an entry of a court that takes no requests here: refused with that court and its contact', async () => {
    const entry = await listed({ court: SZ });
    const state = await submitForm('guarantee', guaranteeForm(entry), headers());
    expect(state.errors).toEqual([
      {
        field: 'caseNo',
        message: expect.stringMatching(
          new RegExp(`${SZ}暂未通过本平台受理执行担保解除申请，没有保存任何内容。请直接向${SZ}`),
        ),
      },
    ]);
    expect(state.errors![0]!.message).toContain('申请解除惩戒措施');
    expect(await storedFor(entry.uid)).toEqual([]);
    await expect(submitApplication(application(entry.uid, 'guarantee'))).rejects.toThrow(CourtTakesNoRequestsError);
  });

  it('is held to the per-client rate limit like the other forms: the next one is refused and not stored', async () => {
    const entry = await listed();
    const same = headers();
    const miss = guaranteeForm(entry);
    miss.set('caseNo', '(2099)苏0583执9999号');
    for (let i = 0; i < LIMITS.submitPerClient.points; i++) {
      miss.set('submissionToken', randomUUID());
      expect((await submitForm('guarantee', miss, same)).errors?.[0]?.message).toBe(NO_MATCH);
    }
    const refused = await submitForm('guarantee', guaranteeForm(entry), same);
    expect(refused.errors).toEqual([{ message: '提交过于频繁，请一小时后再试。' }]);
    expect(await storedFor(entry.uid)).toEqual([]);
    expect((await submitForm('guarantee', guaranteeForm(entry), headers())).submitted).toBeDefined();
  });
});

describe('routing and the clock', () => {
  it("reaches the entry's court's clerks only, with its due day; overdue is flagged in inbox and counts", async () => {
    const { c } = await guarantee();
    const ids = async (staff: ReturnType<typeof staffMember>) => (await inbox(staff)).map((r) => r.id);
    expect(await ids(clerk)).toContain(c.id);
    expect(await ids(staffMember('court_clerk', null, WZ))).not.toContain(c.id);
    const [unit] = await unitsWithMeasures(1);
    expect(await ids(staffMember('department_officer', unit!.code))).not.toContain(c.id);
    expect(c.dueOn).toBe(addDays(todayInChina(), TIME_RULES.guaranteeDays.days));

    const row = (await inbox(clerk, { status: 'open' })).find((r) => r.id === c.id)!;
    expect(row).toMatchObject({ kind: 'guarantee', overdue: false, dueOn: c.dueOn });
    const before = await openCaseCounts(clerk);
    await getDb()
      .update(cases)
      .set({ dueOn: addDays(todayInChina(), -1) })
      .where(eq(cases.id, c.id));
    expect((await inbox(clerk, { status: 'open' })).find((r) => r.id === c.id)!.overdue).toBe(true);
    expect((await openCaseCounts(clerk)).overdue).toBe(before.overdue + 1);
    expect((await caseForStaff(c.id, clerk))!.overdue).toBe(true);
  });
});

describe("the court's decision", () => {
  it("only a clerk of the entry's court decides, and only 准予解除 or 不予解除", async () => {
    const { c } = await guarantee();
    const [unit] = await unitsWithMeasures(1);
    await expect(advanceCase(c.id, staffMember('court_clerk', null, WZ), { to: 'accepted' })).rejects.toThrow(
      OutsideCourtError,
    );
    await expect(advanceCase(c.id, staffMember('department_officer', unit!.code), { to: 'accepted' })).rejects.toThrow(
      NotCaseHandlerError,
    );
    await expect(advanceCase(c.id, staffMember('credit_office'), { to: 'accepted' })).rejects.toThrow(
      NotCaseHandlerError,
    );
    await advanceCase(c.id, clerk, { to: 'accepted' });
    for (const decision of ['revoke_entry', 'partly_upheld', 'amend_entry'] as const) {
      await expect(advanceCase(c.id, clerk, { to: 'decided', decision, decisionText: '理由' })).rejects.toThrow(
        CaseTransitionError,
      );
    }
    expect((await caseForStaff(c.id, clerk))!.c.status).toBe('accepted');
  });

  it('lifting opens one task per unit that reported a measure, listing those; the entry stays listed', async () => {
    const entry = await listed();
    const [a, b, silent] = await unitsWithMeasures(3);
    await recordMeasureApplied(entry.uid, a!.code, a!.mine);
    await recordMeasureApplied(entry.uid, b!.code, b!.mine);
    const { c, app } = await guarantee(entry);
    await advanceCase(c.id, clerk, { to: 'accepted' });
    const decided = await advanceCase(c.id, clerk, {
      to: 'decided',
      decision: 'upheld',
      decisionText: '担保有效，准予解除。',
    });
    expect(decided).toMatchObject({ decision: 'upheld', status: 'decided', liftedMeasureNos: [] });

    const tasks = await tasksOf(entry.uid);
    expect(tasks.map((t) => [t.departmentCode, t.measureNos, t.status, t.caseId])).toEqual(
      [
        [a!.code, [a!.mine], 'open', null],
        [b!.code, [b!.mine], 'open', null],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(tasks.some((t) => t.departmentCode === silent!.code)).toBe(false);
    const [event] = await getDb()
      .select()
      .from(entryEvents)
      .where(and(eq(entryEvents.entryUid, entry.uid), eq(entryEvents.kind, 'measures_lifted')));
    expect(event).toMatchObject({
      actor: `staff:${clerk.email}`,
      details: { caseId: c.id, trackingNo: app.trackingNo },
    });
    expect(tasks.every((t) => t.removalEventId === event!.id)).toBe(true);
    // The unit's lifting list names where the task came from.
    const [shown] = await liftingTasksFor(staffMember('department_officer', a!.code), { query: entry.uid });
    expect(shown).toMatchObject({ departmentCode: a!.code, removalKind: 'measures_lifted', status: 'open' });
    const [stored] = await getDb().select({ status: entries.status }).from(entries).where(eq(entries.uid, entry.uid));
    expect(stored!.status).toBe('active');

    const view = (await trackingView(app.id))!;
    expect(view.cases[0]).toMatchObject({ status: 'decided', decision: 'upheld', liftingDecision: true });
    expect(view.cases[0]!.decisionText).toBe('担保有效，准予解除。');
    expect(view.messages.at(-1)!.body).toMatch(/已作出决定：准予解除惩戒措施。理由：担保有效，准予解除。/);
    expect(view.messages.at(-1)!.body).toContain('失信名单信息是否撤销，由法院另行决定');
  });

  it('不予解除 opens no task and writes no entry event; the applicant reads the reasons', async () => {
    const entry = await listed();
    const [a] = await unitsWithMeasures(1);
    await recordMeasureApplied(entry.uid, a!.code, a!.mine);
    const { c, app } = await guarantee(entry);
    await advanceCase(c.id, clerk, { to: 'accepted' });
    await advanceCase(c.id, clerk, {
      to: 'decided',
      decision: 'rejected',
      decisionText: '担保财产已被查封，担保无效。',
    });
    expect(await tasksOf(entry.uid)).toEqual([]);
    const events = await getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, entry.uid));
    expect(events.map((e) => e.kind)).toEqual(['listed']);
    const view = (await trackingView(app.id))!;
    expect(view.cases[0]).toMatchObject({ decision: 'rejected', liftingDecision: true, handlerName: KS });
    expect(view.messages.at(-1)!.body).toMatch(/不予解除。理由：担保财产已被查封，担保无效。\n惩戒措施继续实施。/);
  });
});

describe('转交法院审查', () => {
  /** An objection to two units, each implementing a measure the entry had applied by it. */
  async function objection() {
    const entry = await listed();
    const [a, b] = await unitsWithMeasures(2);
    await recordMeasureApplied(entry.uid, a!.code, a!.mine);
    await recordMeasureApplied(entry.uid, b!.code, b!.mine);
    const submitted = await submitApplication(
      application(entry.uid, 'objection', { measureNos: [a!.mine, b!.mine], departmentCodes: [a!.code, b!.code] }),
    );
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
    const rows = await casesOf(app!.id);
    const ofUnit = (code: string) => rows.find((r) => r.departmentCode === code)!;
    return { entry, app: app!, a: a!, b: b!, caseA: ofUnit(a!.code), caseB: ofUnit(b!.code) };
  }

  it('only the addressed department forwards, an open objection only, once; the event says who and why', async () => {
    const { app, a, b, caseA, caseB, entry } = await objection();
    const officerA = staffMember('department_officer', a.code);
    const officerB = staffMember('department_officer', b.code);
    await expect(forwardToCourt(caseA.id, officerB, { reason: '须法院决定' })).rejects.toThrow(NotCaseHandlerError);
    await expect(forwardToCourt(caseA.id, clerk, { reason: '须法院决定' })).rejects.toThrow(NotCaseHandlerError);
    await expect(forwardToCourt(caseA.id, officerA, { reason: '  ' })).rejects.toThrow(CaseTransitionError);
    await expect(forwardToCourt(caseA.id, officerA, { reason: '须法院决定', from: 'accepted' })).rejects.toThrow(
      CaseTransitionError,
    );
    const { c: guaranteeCase } = await guarantee(entry);
    await expect(forwardToCourt(guaranteeCase.id, officerA, { reason: '须法院决定' })).rejects.toThrow(
      NotCaseHandlerError,
    );

    const forwarded = await forwardToCourt(caseA.id, officerA, {
      reason: '申请人请求解除失信记录，依规定须由法院审查决定。',
      from: 'submitted',
    });
    expect(forwarded).toMatchObject({
      handler: 'court',
      departmentCode: null,
      forwardedFrom: a.code,
      status: 'submitted',
      dueOn: addDays(todayInChina(), TIME_RULES.guaranteeDays.days),
      court: KS,
    });
    const events = await getDb()
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseA.id))
      .orderBy(caseEvents.id);
    expect(events.map((e) => [e.status, e.actor])).toEqual([
      ['submitted', 'applicant'],
      ['submitted', `staff:${officerA.email}`],
    ]);
    expect(events[1]!.note).toBe(
      `${forwarded.departmentName}转交${KS}审查决定。理由：申请人请求解除失信记录，依规定须由法院审查决定。`,
    );
    await expect(forwardToCourt(caseA.id, officerA, { reason: '再转一次' })).rejects.toThrow(NotCaseHandlerError);
    // The other unit's case is untouched.
    expect((await casesOf(app.id)).find((r) => r.id === caseB.id)).toMatchObject({ handler: 'department' });

    // The department reads it (全部) but no longer decides it, nor counts it as its own 待办.
    const seenByA = (await caseForStaff(caseA.id, officerA))!;
    expect(seenByA).toMatchObject({ mayHandle: false, mayNote: false, mayForward: false, next: [] });
    expect(seenByA.forwardedFromName).toBe(forwarded.departmentName);
    expect((await inbox(officerA, { status: 'open' })).map((r) => r.id)).not.toContain(caseA.id);
    expect((await inbox(officerA, { status: 'all' })).map((r) => r.id)).toContain(caseA.id);
    await expect(advanceCase(caseA.id, officerA, { to: 'accepted' })).rejects.toThrow(NotCaseHandlerError);
    // The court's clerk has it, with its clock; another court's does not.
    expect((await inbox(clerk, { status: 'open' })).find((r) => r.id === caseA.id)).toMatchObject({
      kind: 'objection',
      handler: 'court',
      dueOn: forwarded.dueOn,
      overdue: false,
    });
    expect((await inbox(staffMember('court_clerk', null, WZ))).map((r) => r.id)).not.toContain(caseA.id);
    expect((await caseForStaff(caseA.id, clerk))!.mayHandle).toBe(true);

    const view = (await trackingView(app.id))!;
    const tracked = view.cases.find((c) => c.id === caseA.id)!;
    expect(tracked).toMatchObject({
      handlerName: KS,
      forwardedFromName: forwarded.departmentName,
      status: 'submitted',
    });
    expect(tracked.events.at(-1)!.note).toContain('转交昆山市人民法院审查决定');
    expect(view.messages.at(-1)!.subject).toMatch(/已转交法院审查/);
  });

  it('a decided objection is not forwarded; a court taking no requests here refuses it, nothing changes', async () => {
    const { caseB, b } = await objection();
    const officerB = staffMember('department_officer', b.code);
    await advanceCase(caseB.id, officerB, { to: 'accepted' });
    await advanceCase(caseB.id, officerB, { to: 'decided', decision: 'rejected', decisionText: '不成立' });
    await expect(forwardToCourt(caseB.id, officerB, { reason: '须法院决定' })).rejects.toThrow(CaseTransitionError);

    const far = await listed({ court: SZ });
    const [unit] = await unitsWithMeasures(1);
    const sub = await submitApplication(
      application(far.uid, 'objection', { measureNos: [unit!.mine], departmentCodes: [unit!.code] }),
    );
    const [farApp] = await getDb().select().from(applications).where(eq(applications.trackingNo, sub.trackingNo));
    const [farCase] = await casesOf(farApp!.id);
    await expect(
      forwardToCourt(farCase!.id, staffMember('department_officer', unit!.code), { reason: '须法院决定' }),
    ).rejects.toThrow(CourtTakesNoRequestsError);
    expect((await casesOf(farApp!.id))[0]).toMatchObject({ handler: 'department', forwardedFrom: null });
  });

  it("the court's lifting decision on a forwarded objection opens the tasks of every reporting unit", async () => {
    const { app, a, b, caseA, entry } = await objection();
    await forwardToCourt(caseA.id, staffMember('department_officer', a.code), { reason: '须法院决定' });
    await expect(advanceCase(caseA.id, staffMember('court_clerk', null, WZ), { to: 'accepted' })).rejects.toThrow(
      OutsideCourtError,
    );
    await advanceCase(caseA.id, clerk, { to: 'accepted' });
    await expect(
      advanceCase(caseA.id, clerk, {
        to: 'decided',
        decision: 'partly_upheld',
        decisionText: '理由',
        liftedMeasureNos: [a.mine],
      }),
    ).rejects.toThrow(CaseTransitionError);
    await advanceCase(caseA.id, clerk, { to: 'decided', decision: 'upheld', decisionText: '准予解除。' });
    const tasks = await tasksOf(entry.uid);
    expect(tasks.map((t) => t.departmentCode).sort()).toEqual([a.code, b.code].sort());
    expect(tasks.find((t) => t.departmentCode === b.code)!.measureNos).toEqual([b.mine]);
    const tracked = (await trackingView(app.id))!.cases.find((c) => c.id === caseA.id)!;
    expect(tracked).toMatchObject({ decision: 'upheld', liftingDecision: true, handler: 'court' });
    const [count] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(entryEvents)
      .where(and(eq(entryEvents.entryUid, entry.uid), eq(entryEvents.kind, 'measures_lifted')));
    expect(count!.n).toBe(1);
  });
});

/**
 * The case workflow beyond accept → decide: 不予受理 with a reason, 补正 pausing the clock and
 * the applicant's answer resuming it (the due day moved on by the days paused), the unanswered
 * 补正, stale and replayed steps, internal notes that never reach /track, the signed decision
 * document, and the inbox's filters, search and paging with a total.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  addCaseNote,
  advanceCase,
  caseForStaff,
  CaseTransitionError,
  decisionDocumentForApplication,
  decisionDocumentForStaff,
  inbox,
  inboxPage,
  inboxUnits,
  materialDueOn,
  nextStatuses,
  NotCaseHandlerError,
  NothingToSupplyError,
  openCaseCounts,
  resumedClock,
  submitApplication,
  supplyMaterial,
  trackingView,
  type NewApplication,
} from '@/domain/applications/cases';
import { saveEntry } from '@/domain/entries/entries';
import { applicationFiles, applications, caseEvents, caseNotes, cases, messageOutbox } from '@/db/schema';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { ACTOR, application, makePerson, staffMember as staff, unitsWithMeasures } from './factory';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count' +
    ' 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const clerk = staff('court_clerk');

/** A fresh correction request: its application and its one court case. */
async function correction(extra: Partial<NewApplication> = {}) {
  const entry = makePerson();
  await saveEntry(entry, ACTOR);
  const submitted = await submitApplication(application(entry.uid, 'correction', extra));
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
  const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
  return { entry, app: app!, c: c!, trackingNo: submitted.trackingNo };
}

const caseRow = async (id: number) => (await getDb().select().from(cases).where(eq(cases.id, id)))[0]!;
const lastMessage = async (applicationId: string) =>
  (
    await getDb()
      .select()
      .from(messageOutbox)
      .where(eq(messageOutbox.applicationId, applicationId))
      .orderBy(sql`${messageOutbox.id} DESC`)
      .limit(1)
  )[0]!;

/** Moves the day the clock paused `days` back, as if the 补正 request had been sent then. */
async function pausedDaysAgo(caseId: number, days: number) {
  await getDb()
    .update(cases)
    .set({ pausedOn: addDays(todayInChina(), -days) })
    .where(eq(cases.id, caseId));
}

describe('不予受理', () => {
  it(
    'ends a submitted case with a reason and written reasons; the applicant is told (by email too); nothing' +
      ' moves it after',
    async () => {
      const { c } = await correction();
      expect(nextStatuses('submitted')).toEqual(['accepted', 'refused', 'awaiting_material']);
      await expect(
        advanceCase(c.id, clerk, { to: 'refused', refusalReason: 'not_subject', decisionText: '  ' }),
      ).rejects.toThrow(CaseTransitionError);
      await expect(
        // @ts-expect-error an unknown reason
        advanceCase(c.id, clerk, { to: 'refused', refusalReason: 'bored', decisionText: '理由' }),
      ).rejects.toThrow(CaseTransitionError);
      await expect(
        advanceCase(c.id, staff('credit_office'), {
          to: 'refused',
          refusalReason: 'not_subject',
          decisionText: '理由',
        }),
      ).rejects.toThrow(NotCaseHandlerError);
      // after the unanswered 补正 only: not offered for a case never sent back
      await expect(
        advanceCase(c.id, clerk, { to: 'refused', refusalReason: 'material_not_supplied', decisionText: '理由' }),
      ).resolves.toMatchObject({ status: 'refused' });
      const { c: other, app: otherApp } = await correction();
      const refused = await advanceCase(other.id, clerk, {
        to: 'refused',
        from: 'submitted',
        refusalReason: 'not_subject',
        decisionText: '申请人未提供授权委托书。',
      });
      expect(refused).toMatchObject({
        status: 'refused',
        refusalReason: 'not_subject',
        decisionText: '申请人未提供授权委托书。',
        decision: null,
      });
      expect(refused.decidedAt).not.toBeNull();
      const message = await lastMessage(otherApp.id);
      expect(message.toAddress).toBe('a@example.cn');
      expect(message.subject).toContain('不予受理');
      expect(message.body).toContain('决定不予受理：申请人不是被执行人本人或其委托的代理人。申请人未提供授权委托书。');
      // Replayed, or any step after: refused.
      for (const to of ['refused', 'accepted', 'decided', 'awaiting_material', 'closed'] as const) {
        await expect(
          advanceCase(other.id, clerk, {
            to,
            refusalReason: 'not_subject',
            decisionText: 'x',
            decision: 'rejected',
            materialRequest: 'x',
          }),
        ).rejects.toThrow(CaseTransitionError);
      }
      const events = await getDb()
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, other.id))
        .orderBy(caseEvents.id);
      expect(events.map((e) => [e.status, e.note])).toEqual([
        ['submitted', null],
        ['refused', '申请人不是被执行人本人或其委托的代理人'],
      ]);
      const view = await trackingView(otherApp.id);
      expect(view!.cases[0]).toMatchObject({
        status: 'refused',
        refusalReason: 'not_subject',
        decisionText: '申请人未提供授权委托书。',
      });
    },
  );

  it('is not open once a case is accepted (it is then decided on the merits)', async () => {
    const { c } = await correction();
    await advanceCase(c.id, clerk, { to: 'accepted' });
    await expect(
      advanceCase(c.id, clerk, { to: 'refused', refusalReason: 'not_subject', decisionText: '理由' }),
    ).rejects.toThrow(CaseTransitionError);
    expect((await caseRow(c.id)).status).toBe('accepted');
  });
});

describe('补正', () => {
  it(
    'pauses the clock; the applicant answers with a note and files; the due day moves on by the days' + ' paused',
    async () => {
      const { app, c } = await correction();
      const dueBefore = c.dueOn;
      await expect(advanceCase(c.id, clerk, { to: 'awaiting_material', materialRequest: ' ' })).rejects.toThrow(
        CaseTransitionError,
      );
      const countsBefore = await openCaseCounts(clerk);
      const paused = await advanceCase(c.id, clerk, {
        to: 'awaiting_material',
        from: 'submitted',
        materialRequest: '请补充执行和解协议复印件。',
      });
      // The dashboard: no longer to do, counted apart as waiting on the applicant.
      const countsPaused = await openCaseCounts(clerk);
      expect([countsPaused.open, countsPaused.awaitingMaterial]).toEqual([
        countsBefore.open - 1,
        countsBefore.awaitingMaterial + 1,
      ]);
      expect(paused).toMatchObject({
        status: 'awaiting_material',
        pausedOn: todayInChina(),
        pausedFrom: 'submitted',
        materialRequest: '请补充执行和解协议复印件。',
        dueOn: dueBefore,
      });
      const told = await lastMessage(app.id);
      expect(told.toAddress).toBe('a@example.cn');
      expect(told.body).toContain('请补充执行和解协议复印件。');
      expect(told.body).toContain('补正期间办理期限暂停计算');
      // Paused: never overdue, nothing for staff to do until the material deadline has passed.
      await getDb()
        .update(cases)
        .set({ dueOn: addDays(todayInChina(), -30) })
        .where(eq(cases.id, c.id));
      expect((await inbox(clerk, { status: 'paused' })).find((r) => r.id === c.id)).toMatchObject({ overdue: false });
      expect((await inbox(clerk, { status: 'open' })).some((r) => r.id === c.id)).toBe(false);
      await getDb().update(cases).set({ dueOn: dueBefore }).where(eq(cases.id, c.id));
      expect(nextStatuses('awaiting_material', await caseRow(c.id))).toEqual([]);
      await expect(advanceCase(c.id, clerk, { to: 'accepted' })).rejects.toThrow(CaseTransitionError);

      // Answered 4 days after the request: the clock stood still for 4 days.
      await pausedDaysAgo(c.id, 4);
      const { resumed } = await supplyMaterial(app.id, {
        note: '已补充协议。',
        files: [{ fileName: '协议.png', mediaType: 'image/png', content: PNG }],
      });
      expect(resumed).toEqual([{ caseId: c.id, status: 'submitted', dueOn: addDays(dueBefore, 4), days: 4 }]);
      expect(await caseRow(c.id)).toMatchObject({
        status: 'submitted',
        dueOn: addDays(dueBefore, 4),
        pausedDays: 4,
        pausedOn: null,
        pausedFrom: null,
        materialRequest: null,
      });
      const files = await getDb().select().from(applicationFiles).where(eq(applicationFiles.applicationId, app.id));
      expect(files.map((f) => [f.fileName, f.supplementId !== null])).toEqual([['协议.png', true]]);
      const [event] = await getDb()
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(sql`${caseEvents.id} DESC`)
        .limit(1);
      expect(event).toMatchObject({ status: 'submitted', actor: 'applicant', note: '申请人已补正，办理期限顺延 4 天' });
      expect((await lastMessage(app.id)).body).toContain('办理期限顺延 4 天');
      // Answering again, with nothing asked: refused, nothing stored.
      await expect(supplyMaterial(app.id, { note: '再补充', files: [] })).rejects.toThrow(NothingToSupplyError);
      const view = await trackingView(app.id);
      expect(view!.supplements.map((s) => [s.note, s.files.map((f) => f.fileName)])).toEqual([
        ['已补充协议。', ['协议.png']],
      ]);
      expect(view!.files).toEqual([]);

      // A second round during review adds up; a same-day answer adds no day.
      await advanceCase(c.id, clerk, { to: 'accepted', from: 'submitted' });
      await advanceCase(c.id, clerk, {
        to: 'awaiting_material',
        from: 'accepted',
        materialRequest: '请补充付款凭证。',
      });
      await supplyMaterial(app.id, { note: '付款凭证见附件。', files: [] });
      expect(await caseRow(c.id)).toMatchObject({ status: 'accepted', dueOn: addDays(dueBefore, 4), pausedDays: 4 });
    },
  );

  it('the resumed clock: calendar days from the pause to the answer, added to the due day', () => {
    expect(resumedClock({ dueOn: '2026-12-03', pausedOn: '2026-11-28', pausedDays: 0 }, '2026-12-05')).toEqual({
      dueOn: '2026-12-10',
      pausedDays: 7,
      days: 7,
    });
    expect(resumedClock({ dueOn: '2026-02-27', pausedOn: '2026-02-26', pausedDays: 2 }, '2026-03-01')).toEqual({
      dueOn: '2026-03-02',
      pausedDays: 5,
      days: 3,
    });
    expect(resumedClock({ dueOn: '2026-12-03', pausedOn: '2026-12-01', pausedDays: 0 }, '2026-12-01')).toEqual({
      dueOn: '2026-12-03',
      pausedDays: 0,
      days: 0,
    });
    expect(materialDueOn('2026-11-20')).toBe(addDays('2026-11-20', TIME_RULES.materialDays.days));
  });

  it(
    'unanswered: after the material deadline a case never accepted may be refused (逾期未补正), an accepted one' +
      ' decided',
    async () => {
      const { c } = await correction();
      await advanceCase(c.id, clerk, { to: 'awaiting_material', materialRequest: '请补充身份证明。' });
      await pausedDaysAgo(c.id, TIME_RULES.materialDays.days); // the last day to answer is today
      await expect(
        advanceCase(c.id, clerk, {
          to: 'refused',
          refusalReason: 'material_not_supplied',
          decisionText: '逾期未补正。',
        }),
      ).rejects.toThrow(CaseTransitionError);
      await pausedDaysAgo(c.id, TIME_RULES.materialDays.days + 1);
      expect(nextStatuses('awaiting_material', await caseRow(c.id))).toEqual(['refused']);
      await expect(
        advanceCase(c.id, clerk, { to: 'refused', refusalReason: 'not_subject', decisionText: '逾期未补正。' }),
      ).rejects.toThrow(CaseTransitionError);
      const before = await caseRow(c.id);
      const refused = await advanceCase(c.id, clerk, {
        to: 'refused',
        refusalReason: 'material_not_supplied',
        decisionText: '逾期未补正。',
      });
      expect(refused).toMatchObject({
        status: 'refused',
        pausedOn: null,
        pausedDays: TIME_RULES.materialDays.days + 1,
        dueOn: addDays(before.dueOn, TIME_RULES.materialDays.days + 1),
      });

      const { c: accepted } = await correction();
      await advanceCase(accepted.id, clerk, { to: 'accepted' });
      await advanceCase(accepted.id, clerk, { to: 'awaiting_material', materialRequest: '请补充付款凭证。' });
      await pausedDaysAgo(accepted.id, TIME_RULES.materialDays.days + 1);
      expect(nextStatuses('awaiting_material', await caseRow(accepted.id))).toEqual(['decided']);
      await expect(
        advanceCase(accepted.id, clerk, { to: 'refused', refusalReason: 'material_not_supplied', decisionText: 'x' }),
      ).rejects.toThrow(CaseTransitionError);
      await expect(
        advanceCase(accepted.id, clerk, {
          to: 'decided',
          decision: 'rejected',
          decisionText: '按现有材料，理由不成立。',
        }),
      ).resolves.toMatchObject({ status: 'decided', pausedOn: null });
    },
  );
});

describe('steps', () => {
  it('a stale page (the case moved on) or a replayed form is refused; the wrong role or unit too', async () => {
    const { c } = await correction();
    await advanceCase(c.id, clerk, { to: 'accepted', from: 'submitted' });
    // replay
    await expect(advanceCase(c.id, clerk, { to: 'accepted', from: 'submitted' })).rejects.toThrow(CaseTransitionError);
    await expect(
      advanceCase(c.id, clerk, { to: 'decided', from: 'submitted', decision: 'rejected', decisionText: 'x' }),
    ).rejects.toThrow(CaseTransitionError); // stale
    for (const who of [staff('credit_office'), staff('department_officer', 'x'), staff('admin')]) {
      await expect(advanceCase(c.id, who, { to: 'awaiting_material', materialRequest: 'x' })).rejects.toThrow(
        NotCaseHandlerError,
      );
    }
    expect((await caseRow(c.id)).status).toBe('accepted');
  });

  it(
    'a decision may carry the signed decision (PDF); the applicant downloads it, no other' + ' application can',
    async () => {
      const { app, c } = await correction();
      await advanceCase(c.id, clerk, { to: 'accepted' });
      await expect(
        advanceCase(c.id, clerk, {
          to: 'decided',
          decision: 'rejected',
          decisionText: '纳入正确。',
          document: { fileName: 'x.png', mediaType: 'image/png', content: PNG },
        }),
      ).rejects.toThrow(CaseTransitionError);
      await advanceCase(c.id, clerk, {
        to: 'decided',
        decision: 'rejected',
        decisionText: '纳入正确。',
        document: { fileName: '决定书.pdf', mediaType: 'application/pdf', content: PDF },
      });
      expect((await decisionDocumentForApplication(app.id, c.id))?.content.equals(PDF)).toBe(true);
      expect((await decisionDocumentForStaff(c.id, clerk))?.fileName).toBe('决定书.pdf');
      expect(await decisionDocumentForStaff(c.id, staff('department_officer', 'x'))).toBeNull();
      const { app: other } = await correction();
      expect(await decisionDocumentForApplication(other.id, c.id)).toBeNull();
      const view = await trackingView(app.id);
      expect(view!.cases[0]!.document).toMatchObject({ fileName: '决定书.pdf', size: PDF.length });
      expect(JSON.stringify(view)).not.toContain('"content"');
      expect((await lastMessage(app.id)).body).toContain('决定书已上传');
      const err = await getDb()
        .execute(sql`UPDATE case_documents SET file_name = 'x' WHERE case_id = ${c.id}`)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/case_documents is append-only/);
    },
  );
});

describe('internal notes', () => {
  it(
    'the handler and the credit office write them, staff who see the case read them, /track never shows' + ' them',
    async () => {
      const { app, c } = await correction();
      const secret = `内部意见-${randomUUID().slice(0, 8)}`;
      await addCaseNote(c.id, clerk, `${secret}：需核实执行和解协议原件。`);
      await addCaseNote(c.id, staff('credit_office'), '请于期限内办结。');
      await expect(addCaseNote(c.id, staff('department_officer', 'x'), '不可见')).rejects.toThrow();
      await expect(addCaseNote(c.id, clerk, '   ')).rejects.toThrow(CaseTransitionError);
      const seen = await caseForStaff(c.id, clerk);
      expect(seen!.notes.map((n) => n.body)).toEqual([`${secret}：需核实执行和解协议原件。`, '请于期限内办结。']);
      expect(seen!.notes[0]!.actor).toBe(`staff:${clerk.email}`);
      // Through every step, the applicant's view holds none of it.
      await advanceCase(c.id, clerk, { to: 'accepted' });
      await advanceCase(c.id, clerk, { to: 'decided', decision: 'rejected', decisionText: '纳入正确。' });
      const view = JSON.stringify(await trackingView(app.id));
      expect(view).not.toContain(secret);
      expect(view).not.toContain('请于期限内办结');
      const err = await getDb()
        .execute(sql`DELETE FROM case_notes WHERE case_id = ${c.id}`)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/case_notes is append-only/);
      expect(await getDb().select().from(caseNotes).where(eq(caseNotes.caseId, c.id))).toHaveLength(2);
    },
  );
});

describe('the inbox', () => {
  it('filters by status group, kind, unit and tracking number, and pages with a total (no silent cap)', async () => {
    const [unit] = await unitsWithMeasures(1);
    const officer = staff('department_officer', unit!.code);
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        (
          await submitApplication(
            application(entry.uid, 'objection', { measureNos: [unit!.mine], departmentCodes: [unit!.code] }),
          )
        ).trackingNo,
      );
    }
    const all = await inbox(officer, { status: 'all' });
    const mine = all.filter((r) => made.includes(r.trackingNo));
    expect(mine).toHaveLength(7);
    expect(mine[0]).toMatchObject({
      subjectName: entry.name,
      caseNo: entry.caseNo,
      applicantName: '申请人',
      kind: 'objection',
      status: 'submitted',
    });
    expect(mine[0]!.submittedAt).toBeInstanceOf(Date);

    // Move some: one paused, one refused.
    await advanceCase(mine[0]!.id, officer, { to: 'awaiting_material', materialRequest: '请补充。' });
    await advanceCase(mine[1]!.id, officer, { to: 'refused', refusalReason: 'duplicate', decisionText: '重复申请。' });
    const ids = async (f: Parameters<typeof inbox>[1]) => new Set((await inbox(officer, f)).map((r) => r.id));
    expect((await ids({ status: 'paused' })).has(mine[0]!.id)).toBe(true);
    expect((await ids({ status: 'open' })).has(mine[0]!.id)).toBe(false);
    expect((await ids({ status: 'done' })).has(mine[1]!.id)).toBe(true);
    expect((await ids({ status: 'open' })).has(mine[2]!.id)).toBe(true);
    expect((await ids({ kind: 'correction' })).has(mine[2]!.id)).toBe(false);
    expect((await ids({ kind: 'objection' })).has(mine[2]!.id)).toBe(true);
    // Search by part of a tracking number, in any case, spaces ignored.
    const q = made[3]!.slice(-6).toLowerCase();
    expect((await inbox(officer, { status: 'all', q: ` ${q} ` })).map((r) => r.trackingNo)).toEqual([made[3]]);
    // only letters and digits count: 'OR11' matches no tracking number
    expect(await inbox(officer, { status: 'all', q: "%' OR 1=1 --" })).toHaveLength(0);
    // The credit office filters by unit; the court's cases are not in a unit's list.
    const office = staff('credit_office');
    const byUnit = await inbox(office, { status: 'all', unit: unit!.code });
    expect(byUnit.every((r) => r.handler === 'department')).toBe(true);
    expect(byUnit.filter((r) => made.includes(r.trackingNo))).toHaveLength(7);
    expect((await inbox(office, { status: 'all', unit: 'court' })).every((r) => r.handler === 'court')).toBe(true);
    expect((await inboxUnits(office)).map((u) => u.value)).toEqual(expect.arrayContaining(['court', unit!.code]));
    expect((await inboxUnits(officer)).map((u) => u.value)).toEqual([unit!.code]);

    // Paging: 3 a page, a total, every case once, past the end shows the last page.
    const filter = { status: 'all' as const, unit: unit!.code };
    const first = await inboxPage(office, filter, 1, 3);
    expect(first.total).toBe(byUnit.length);
    expect(first.pageCount).toBe(Math.ceil(byUnit.length / 3));
    const seen: number[] = [];
    for (let p = 1; p <= first.pageCount; p++)
      seen.push(...(await inboxPage(office, filter, p, 3)).rows.map((r) => r.id));
    expect(seen.sort()).toEqual(byUnit.map((r) => r.id).sort());
    expect((await inboxPage(office, filter, 999, 3)).page).toBe(first.pageCount);
    // Open cases first, earliest due first.
    const statuses = (await inbox(office, filter)).map((r) =>
      ['submitted', 'accepted', 'under_review'].includes(r.status),
    );
    expect(statuses).toEqual([...statuses].sort((a, b) => Number(b) - Number(a)));
  });
});

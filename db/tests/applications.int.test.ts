/**
 * Applications and cases in the database: routing (one case per department, the court, the
 * credit office), the status machine and who may move it, events and messages in the same
 * transaction, an upheld correction revoking the entry, access codes, idempotent retries.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  advanceCase,
  applicationByCode,
  CaseTransitionError,
  decisionLabel,
  DepartmentNotForMeasuresError,
  findEntryForApplicant,
  inbox,
  NotCaseHandlerError,
  submitApplication,
} from '@/domain/applications/cases';
import { revokeEntry, saveEntry } from '@/domain/entries/entries';
import { getPublicEntry } from '@/domain/publishing/queries';
import { applications, caseEvents, cases, departments, measureDepartments, messageOutbox } from '@/db/schema';
import { todayInChina } from '@/lib/clocks';
import { ACTOR, application, makeOrganization, makePerson, staffMember } from './factory';

const staff = staffMember;

async function casesOf(trackingNo: string) {
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, trackingNo));
  return getDb().select().from(cases).where(eq(cases.applicationId, app!.id)).orderBy(cases.id);
}

async function twoUnitsOfOneMeasure() {
  const rows = await getDb().execute<{ measure_no: number; codes: string[] }>(
    sql`SELECT measure_no, array_agg(department_code ORDER BY department_code) AS codes FROM ${measureDepartments}
      GROUP BY measure_no HAVING count(*) >= 2 ORDER BY measure_no LIMIT 1`,
  );
  return { measureNo: Number(rows[0]!.measure_no), codes: rows[0]!.codes };
}

describe('identifying the entry', () => {
  it('needs case number, name and the last 4 of the identifier; repair only for removed entries', async () => {
    const person = makePerson();
    const org = makeOrganization();
    await saveEntry(person, ACTOR);
    await saveEntry(org, ACTOR);
    const id = {
      caseNo: person.caseNo.replace('(', '（').replace(')', '）'),
      name: person.name,
      idLast4: person.idNumber!.slice(-4).toLowerCase(),
    };
    expect(await findEntryForApplicant(id, 'objection')).toBe(person.uid);
    expect(
      await findEntryForApplicant({ ...id, idLast4: '0000' === id.idLast4 ? '1111' : '0000' }, 'objection'),
    ).toBeNull();
    expect(await findEntryForApplicant({ ...id, name: `${person.name}某` }, 'objection')).toBeNull();
    expect(
      await findEntryForApplicant(
        { caseNo: org.caseNo, name: org.name, idLast4: org.idNumber!.slice(-4) },
        'correction',
      ),
    ).toBe(org.uid);
    expect(await findEntryForApplicant(id, 'repair')).toBeNull();
    await revokeEntry(person.uid, { reason: '全部履行', actor: ACTOR });
    expect(await findEntryForApplicant(id, 'repair')).toBe(person.uid);
    expect(await findEntryForApplicant(id, 'objection')).toBeNull();
  });
});

describe('submitting', () => {
  it('opens one case per department chosen, with events and one message, due after the objection period', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const { measureNo, codes } = await twoUnitsOfOneMeasure();
    const submitted = await submitApplication(
      application(entry.uid, 'objection', { measureNos: [measureNo], departmentCodes: codes.slice(0, 2) }),
    );
    const rows = await casesOf(submitted.trackingNo);
    expect(rows.map((c) => c.departmentCode).sort()).toEqual(codes.slice(0, 2).sort());
    expect(rows.every((c) => c.handler === 'department' && c.status === 'submitted')).toBe(true);
    const events = await getDb()
      .select()
      .from(caseEvents)
      .where(
        inArray(
          caseEvents.caseId,
          rows.map((c) => c.id),
        ),
      );
    expect(events).toHaveLength(2);
    // The receipt names the bodies it went to, from the cases stored.
    const units = await getDb()
      .select({ name: departments.name })
      .from(departments)
      .where(inArray(departments.code, codes.slice(0, 2)));
    expect(submitted.receipt).toMatchObject({ kind: 'objection', submittedOn: todayInChina(), dueOn: rows[0]!.dueOn });
    expect([...submitted.receipt.handlers].sort()).toEqual(units.map((u) => u.name).sort());
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
    expect(await getDb().select().from(messageOutbox).where(eq(messageOutbox.applicationId, app!.id))).toHaveLength(1);
  });

  it('refuses a department that implements none of the measures chosen, storing nothing', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const { measureNo } = await twoUnitsOfOneMeasure();
    const input = application(entry.uid, 'objection', { measureNos: [measureNo], departmentCodes: ['no-such-unit'] });
    await expect(submitApplication(input)).rejects.toThrow(DepartmentNotForMeasuresError);
    expect(
      await getDb().select().from(applications).where(eq(applications.submissionToken, input.submissionToken)),
    ).toHaveLength(0);
  });

  it('stores a retried submission once, with the same tracking number and access code; the code opens it', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const input = application(entry.uid, 'correction');
    const first = await submitApplication(input);
    const again = await submitApplication(input);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(
      await getDb().select().from(applications).where(eq(applications.submissionToken, input.submissionToken)),
    ).toHaveLength(1);
    expect((await applicationByCode(first.trackingNo, first.accessCode))?.trackingNo).toBe(first.trackingNo);
    expect(await applicationByCode(first.trackingNo, first.accessCode.toLowerCase())).not.toBeNull();
    expect(await applicationByCode(first.trackingNo, 'AAAAA-AAAAA')).toBeNull();
    expect(await applicationByCode('SQ20000101AAAAAA', first.accessCode)).toBeNull();
  });
});

describe('handling', () => {
  it('only the addressed body moves a case, one step at a time, each step an event and a message', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const { measureNo, codes } = await twoUnitsOfOneMeasure();
    const submitted = await submitApplication(
      application(entry.uid, 'objection', { measureNos: [measureNo], departmentCodes: [codes[0]!] }),
    );
    const [c] = await casesOf(submitted.trackingNo);
    const officer = staff('department_officer', codes[0]!);
    await expect(advanceCase(c!.id, staff('department_officer', codes[1]!), { to: 'accepted' })).rejects.toThrow(
      NotCaseHandlerError,
    );
    await expect(advanceCase(c!.id, staff('credit_office'), { to: 'accepted' })).rejects.toThrow(NotCaseHandlerError);
    await expect(advanceCase(c!.id, staff('court_clerk'), { to: 'accepted' })).rejects.toThrow(NotCaseHandlerError);
    await expect(advanceCase(c!.id, officer, { to: 'decided', decision: 'upheld', decisionText: 'x' })).rejects.toThrow(
      CaseTransitionError,
    );
    await advanceCase(c!.id, officer, { to: 'accepted' });
    await expect(
      advanceCase(c!.id, officer, { to: 'decided', decision: 'upheld', decisionText: '  ' }),
    ).rejects.toThrow(CaseTransitionError);
    await advanceCase(c!.id, officer, { to: 'decided', decision: 'upheld', decisionText: '予以解除' });
    await advanceCase(c!.id, officer, { to: 'closed' });
    await expect(advanceCase(c!.id, officer, { to: 'closed' })).rejects.toThrow(CaseTransitionError);

    const events = await getDb().select().from(caseEvents).where(eq(caseEvents.caseId, c!.id)).orderBy(caseEvents.id);
    expect(events.map((e) => e.status)).toEqual(['submitted', 'accepted', 'decided', 'closed']);
    expect(events[1]!.actor).toBe(`staff:${officer.email}`);
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
    const messages = await getDb()
      .select()
      .from(messageOutbox)
      .where(eq(messageOutbox.applicationId, app!.id))
      .orderBy(messageOutbox.id);
    expect(messages).toHaveLength(4);
    expect(messages[2]!.body).toContain('予以解除');
    expect(messages[2]!.body).toContain(`解除以下惩戒措施：第${measureNo}项`);
    // Each inbox shows what it may.
    expect((await inbox(officer, { open: true })).some((r) => r.id === c!.id)).toBe(false); // closed: not open
    expect((await inbox(officer)).some((r) => r.id === c!.id)).toBe(true);
    expect((await inbox(staff('department_officer', codes[1]!))).some((r) => r.id === c!.id)).toBe(false);
    expect((await inbox(staff('credit_office'))).some((r) => r.id === c!.id)).toBe(true);
    expect((await inbox(staff('court_clerk'))).some((r) => r.id === c!.id)).toBe(false);
  });

  it(
    'a correction is revoked (纠正（撤销名单）), corrected (纠正（更正信息）) or refused (驳回); only the first removes the' +
      ' entry',
    async () => {
      const clerk = staff('court_clerk');
      const outcomes = [
        { decision: 'revoke_entry', label: '纠正（撤销名单）', public: false, says: '该失信信息已撤销' },
        { decision: 'amend_entry', label: '纠正（更正信息）', public: true, says: '法院将更正该失信信息' },
        { decision: 'rejected', label: '驳回', public: true, says: '苏州市中级人民法院' },
      ] as const;
      for (const o of outcomes) {
        const entry = makePerson();
        await saveEntry(entry, ACTOR);
        const submitted = await submitApplication(application(entry.uid, 'correction'));
        const [c] = await casesOf(submitted.trackingNo);
        await advanceCase(c!.id, clerk, { to: 'accepted' });
        await advanceCase(c!.id, clerk, { to: 'decided', decision: o.decision, decisionText: '审查意见' });
        expect((await getPublicEntry(entry.uid)) !== null, o.decision).toBe(o.public);
        const [app] = await getDb().select().from(applications).where(eq(applications.entryUid, entry.uid));
        const [last] = await getDb()
          .select()
          .from(messageOutbox)
          .where(eq(messageOutbox.applicationId, app!.id))
          .orderBy(sql`${messageOutbox.id} DESC`)
          .limit(1);
        expect(last!.body).toContain(`已作出决定：${o.label}`);
        expect(last!.body).toContain(o.says);
        if (o.decision !== 'revoke_entry') expect(last!.body).not.toContain('已撤销');
        expect(decisionLabel('correction', o.decision)).toBe(o.label);
      }
    },
  );

  it('a correction cannot be decided 部分成立 (or an objection 纠正): refused, nothing changes', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const submitted = await submitApplication(application(entry.uid, 'correction'));
    const [c] = await casesOf(submitted.trackingNo);
    const clerk = staff('court_clerk');
    await advanceCase(c!.id, clerk, { to: 'accepted' });
    for (const decision of ['partly_upheld', 'upheld'] as const) {
      await expect(
        advanceCase(c!.id, clerk, { to: 'decided', decision, decisionText: '部分理由成立' }),
      ).rejects.toThrow(CaseTransitionError);
    }
    expect(await getPublicEntry(entry.uid)).not.toBeNull();
    const [after] = await casesOf(submitted.trackingNo);
    expect(after).toMatchObject({ status: 'accepted', decision: null });
  });

  it(
    'an objection upheld in part lifts the measures chosen — some, not all, of those the unit' + ' implements',
    async () => {
      const [unit] = await getDb().execute<{ code: string; nos: number[] }>(
        sql`SELECT department_code AS code, array_agg(measure_no ORDER BY measure_no) AS nos FROM ${measureDepartments}
        GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1 LIMIT 1`,
      );
      const nos = unit!.nos.slice(0, 3).map(Number);
      const entry = makePerson();
      await saveEntry(entry, ACTOR);
      const submitted = await submitApplication(
        application(entry.uid, 'objection', { measureNos: nos, departmentCodes: [unit!.code] }),
      );
      const [c] = await casesOf(submitted.trackingNo);
      const officer = staff('department_officer', unit!.code);
      await advanceCase(c!.id, officer, { to: 'accepted' });
      for (const lifted of [[], nos, [nos[0]!, 9999], [41 + 1]]) {
        await expect(
          advanceCase(c!.id, officer, {
            to: 'decided',
            decision: 'partly_upheld',
            decisionText: '部分成立',
            liftedMeasureNos: lifted,
          }),
        ).rejects.toThrow(CaseTransitionError);
      }
      await expect(
        advanceCase(c!.id, officer, { to: 'decided', decision: 'revoke_entry', decisionText: 'x' }),
      ).rejects.toThrow(CaseTransitionError);
      await advanceCase(c!.id, officer, {
        to: 'decided',
        decision: 'partly_upheld',
        decisionText: '部分成立',
        liftedMeasureNos: [nos[1]!, nos[0]!],
      });
      const [decided] = await casesOf(submitted.trackingNo);
      expect(decided).toMatchObject({ decision: 'partly_upheld', liftedMeasureNos: [nos[0], nos[1]] });
      expect(await getPublicEntry(entry.uid)).not.toBeNull(); // an objection never removes the entry
      const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
      const [last] = await getDb()
        .select()
        .from(messageOutbox)
        .where(eq(messageOutbox.applicationId, app!.id))
        .orderBy(sql`${messageOutbox.id} DESC`)
        .limit(1);
      expect(last!.body).toContain(`解除以下惩戒措施：第${nos[0]}项、第${nos[1]}项`);
    },
  );

  it('case history is append-only', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const submitted = await submitApplication(application(entry.uid, 'correction'));
    const [c] = await casesOf(submitted.trackingNo);
    const err = await getDb()
      .execute(sql`UPDATE case_events SET actor = 'x' WHERE case_id = ${c!.id}`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/case_events is append-only/);
  });
});

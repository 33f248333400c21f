/**
 * Courts as data: the court directory at every boundary (the court's API, the import), the alias rewrite at load
 * time, and the routing of correction requests to the entry's court — refused, with its contact, where the court
 * takes none on this platform.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT } from '@/app/api/v1/court/entries/[uid]/route';
import { POST as BATCH } from '@/app/api/v1/court/entries/batch/route';
import { getDb } from '@/db/client';
import { COURT_DIRECTORY_ACTOR, loadReferenceData } from '@/db/reference-data';
import { applications, cases, entries, entryEvents, messageOutbox, searchOutbox } from '@/db/schema';
import { ACTOR, application, makePerson, residentId, staffMember, uniqueUid } from '@/db/tests/factory';
import {
  advanceCase,
  caseForStaff,
  findEntryForApplicant,
  submitApplication,
  trackingView,
} from '@/domain/applications/cases';
import { submitForm } from '@/domain/applications/submit';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { createApiKey } from '@/domain/auth/api-keys';
import { courtChoices } from '@/domain/auth/staff-users';
import { CourtTakesNoRequestsError, getCourt } from '@/domain/entries/courts';
import { saveEntry } from '@/domain/entries/entries';
import { importFile, problemText } from '@/domain/import/import-file';
import { listCourts } from '@/domain/publishing/queries';
import { HOME_COURT } from '@/lib/auth/staff-identity';
import { todayInChina } from '@/lib/clocks';
import { attachment1Csv } from '@/lib/testing/attachment1-csv';
import type { EntryInput } from '@/lib/validation/entry-push';
import { toPushPayload } from '@/lib/validation/push-payload';

const KS = '昆山市人民法院';
const SZ = '苏州市中级人民法院';

let courtKey: string;
beforeAll(async () => {
  courtKey = (await createApiKey({ organization: KS, role: 'court', createdBy: 'test' })).key;
});

function person(overrides: Partial<EntryInput> = {}) {
  return makePerson({
    uid: uniqueUid('court'),
    publishedAt: new Date(Date.now() - 86_400_000),
    idNumber: residentId({ birth: '1980-05-06' }),
    age: 46,
    otherIds: [],
    ...overrides,
  });
}

function request(method: string, url: string, body: unknown) {
  return new Request(`http://localhost${url}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${courtKey}` },
    body: JSON.stringify(body),
  });
}

const put = (e: EntryInput) =>
  PUT(request('PUT', `/api/v1/court/entries/${e.uid}`, toPushPayload(e)), { params: Promise.resolve({ uid: e.uid }) });

async function stored(uid: string) {
  const [row] = await getDb().select().from(entries).where(eq(entries.uid, uid));
  return row ?? null;
}

const UNKNOWN_COURT = /^执行法院：不在本平台法院名录中，应为 “昆山市人民法院”、“苏州市中级人民法院”/;

describe('the court directory', () => {
  it('is loaded from courts.json: the city court handles requests, its superior hears reconsideration', async () => {
    expect(await getCourt(HOME_COURT)).toMatchObject({
      code: '苏0583',
      handlesRequests: true,
      superior: SZ,
      aliases: expect.arrayContaining(['江苏省昆山市人民法院']),
    });
    expect(await getCourt(SZ)).toMatchObject({ code: '苏05', handlesRequests: false });
    expect((await courtChoices())[0]).toBe(HOME_COURT);
    expect(await courtChoices()).toEqual(expect.arrayContaining([SZ, '苏州市吴中区人民法院']));
  });

  it('the search filter lists canonical courts with entries only, never an alias', async () => {
    // Saved below the boundary: an alias and a free-text court as rows stored before courts were data.
    for (const court of [KS, SZ, '江苏省昆山市人民法院', 'zz']) await saveEntry(person({ court }), ACTOR);
    const listed = await listCourts();
    expect(listed).toEqual(expect.arrayContaining([KS, SZ]));
    expect(listed.indexOf(KS)).toBeLessThan(listed.indexOf(SZ)); // the directory's order
    expect(listed).not.toContain('江苏省昆山市人民法院');
    expect(listed).not.toContain('zz');
  });
});

describe('the court API', () => {
  it('stores a push naming an alias under the canonical court', async () => {
    const e = person({ court: '江苏省昆山市人民法院' });
    const res = await put(e);
    expect(res.status).toBe(201);
    expect((await stored(e.uid))?.court).toBe(KS);
    // The same version pushed again with the canonical name is unchanged: one court, one name.
    const again = await put({ ...e, court: KS });
    expect(await again.json()).toMatchObject({ outcome: 'unchanged' });
  });

  it('refuses an unknown court with 422 and a field error on 执行法院, storing nothing', async () => {
    const e = person({ court: 'zz' });
    const res = await put(e);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { fields: { field: string; code: string; message: string }[] } };
    expect(error.fields).toEqual([
      { field: 'court', code: 'unknown_court', message: expect.stringMatching(UNKNOWN_COURT) },
    ]);
    expect(await stored(e.uid)).toBeNull();
  });

  it('in a batch, maps the alias item and rejects the unknown court item on its own', async () => {
    const alias = person({ court: ' 苏州中院 ' });
    const unknown = person({ court: '昆山市第二人民法院' });
    const res = await BATCH(
      request('POST', '/api/v1/court/entries/batch', { entries: [toPushPayload(alias), toPushPayload(unknown)] }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string; errors?: { field: string; code: string }[] }[] };
    expect(body.results.map((r) => r.status)).toEqual(['created', 'rejected']);
    expect(body.results[1]!.errors).toEqual([expect.objectContaining({ field: 'court', code: 'unknown_court' })]);
    expect((await stored(alias.uid))?.court).toBe(SZ);
    expect(await stored(unknown.uid)).toBeNull();
  });
});

describe('the import', () => {
  it('maps an alias and rejects a row naming an unknown court with its reason', async () => {
    const alias = person({ court: '江苏省苏州市中级人民法院' });
    const unknown = person({ court: 'zz' });
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'import-courts-')), 'entries.csv');
    await fs.writeFile(file, attachment1Csv([alias, unknown]));
    const summary = await importFile(file);
    expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]!.uid).toBe(unknown.uid);
    expect(summary.rejected[0]!.problems.map(problemText)).toEqual([expect.stringMatching(UNKNOWN_COURT)]);
    expect((await stored(alias.uid))?.court).toBe(SZ);
    expect(await stored(unknown.uid)).toBeNull();
  });
});

describe('loading the directory', () => {
  it('rewrites an entry stored under an alias to the canonical court, with an event and an outbox row', async () => {
    const e = person({ court: '江苏省昆山市人民法院' });
    await saveEntry(e, ACTOR); // below the boundary: as rows stored before courts were data
    await loadReferenceData(getDb());
    expect((await stored(e.uid))?.court).toBe(KS);
    const events = await getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, e.uid));
    expect(events.map((ev) => ev.kind)).toEqual(['listed', 'updated']);
    expect(events[1]).toMatchObject({ actor: COURT_DIRECTORY_ACTOR, details: { changed: ['court'] } });
    const outbox = await getDb().select().from(searchOutbox).where(eq(searchOutbox.entryUid, e.uid));
    expect(outbox.length).toBeGreaterThanOrEqual(2); // listed, then the rewrite
    // Loading again changes nothing more.
    await loadReferenceData(getDb());
    expect(await getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, e.uid))).toHaveLength(2);
  });
});

describe('correction requests go to the court that listed the entry', () => {
  async function listed(court: string) {
    const e = person({ court });
    await saveEntry(e, ACTOR);
    return e;
  }

  it('a case for a court that handles requests is addressed to it, on /track and in the message', async () => {
    const e = await listed(KS);
    const submitted = await submitApplication(application(e.uid, 'correction'));
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
    const view = await trackingView(app!.id);
    expect(view!.cases.map((c) => [c.handler, c.handlerName])).toEqual([['court', KS]]);
    const [message] = await getDb().select().from(messageOutbox).where(eq(messageOutbox.applicationId, app!.id));
    expect(message!.body).toContain(`已转交${KS}办理`);
    const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
    const clerk = staffMember('court_clerk', null, KS);
    expect((await caseForStaff(c!.id, clerk))?.handlerName).toBe(KS);
    // Rejected: reconsideration at the listing court's superior (courts.json), named on the case and to the applicant.
    await advanceCase(c!.id, clerk, { to: 'accepted' });
    await advanceCase(c!.id, clerk, { to: 'decided', decision: 'rejected', decisionText: '理由不成立' });
    expect((await caseForStaff(c!.id, clerk))?.reconsideration).toBe(`如对驳回决定不服，可依法向${SZ}申请复议。`);
    const messages = await getDb().select().from(messageOutbox).where(eq(messageOutbox.applicationId, app!.id));
    expect(messages.at(-1)!.body).toContain(`可依法向${SZ}申请复议`);
  });

  it('a request on an entry of a court taking none here is refused with its contact, nothing stored', async () => {
    const e = await listed(SZ);
    await expect(submitApplication(application(e.uid, 'correction'))).rejects.toThrow(CourtTakesNoRequestsError);
    const form = new FormData();
    const fields = {
      caseNo: e.caseNo,
      name: e.name,
      idLast4: e.idNumber!.slice(-4),
      learnedOn: todayInChina(),
      applicantName: '申请人',
      phone: '13800001111',
      email: '',
      website: '',
      statement: '纳入前已经全部履行，请求撤销纳入决定。',
      declaration: 'yes',
      submissionToken: crypto.randomUUID(),
    };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    expect(await findEntryForApplicant(fields, 'correction')).toBe(e.uid);
    const state = await submitForm('correction', form, new Headers({ [CLIENT_ADDRESS_HEADER]: '10.9.8.7' }));
    const court = (await getCourt(SZ))!;
    expect(state.ok).toBeFalsy();
    expect(state.errors).toEqual([
      {
        field: 'caseNo',
        message: expect.stringContaining(`请直接向${SZ}（联系电话：${court.phone}；地址：${court.address}）申请纠正`),
      },
    ]);
    expect(await getDb().select().from(applications).where(eq(applications.entryUid, e.uid))).toEqual([]);
  });
});

/**
 * Courts as data (issue 13): a correction request goes to the court that listed the entry, and every page names the
 * same court — the entry page, the correction form and /track. A court that takes no requests on this platform
 * (苏州市中级人民法院 in db/seed-data/courts.json) gets its contact instead of the form, and a request typed in
 * anyway is refused with that contact.
 */
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { applications, courts } from '@/db/schema';
import { closeRegistry, COURTS, createPerson, expectNoAxeViolations, type Created } from './fixtures';
import { daysAgo, fileCorrection, fillContact, identify, openTracking, subjectPage } from './application-fixtures';

test.afterAll(closeRegistry);

async function courtOf(name: string) {
  const [court] = await getDb().select().from(courts).where(eq(courts.name, name));
  return court!;
}

const nextSteps = (page: Page) => page.getByRole('region', { name: '对这条信息有疑问？' });

async function applicationsOf(entry: Created) {
  return getDb().select().from(applications).where(eq(applications.entryUid, entry.uid));
}

test('an entry of 昆山市人民法院: the entry page, the form and /track name the same court', async ({ browser }) => {
  const court = COURTS.kunshan.name;
  expect((await courtOf(court)).handlesRequests).toBe(true);
  const entry = await createPerson({ court });
  const page = await subjectPage(browser);

  await page.goto(`/entries/${entry.uid}`);
  await expect(page.getByRole('definition').filter({ hasText: court }).first()).toBeVisible();
  await expect(nextSteps(page)).toContainText(`向${court}申请纠正`);
  await expect(page.getByTestId('court-contact')).toHaveCount(0);
  await nextSteps(page).getByRole('link', { name: '申请纠错' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`纠错申请（向${court}申请纠正）`);
  await expect(page.getByRole('main')).toContainText(`日内向${court}申请纠正`);
  await expect(page.getByRole('main')).toContainText('可向苏州市中级人民法院申请复议'); // its superior (courts.json)
  await expect(page.getByLabel('案号')).toHaveValue(entry.caseNo);
  await expectNoAxeViolations(page, 'correction form (court that handles requests)');
  const receipt = await fileCorrection(page, entry, daysAgo(1), '纳入前已经全部履行，请求撤销纳入决定。');

  await openTracking(page, receipt);
  await expect(page.getByRole('heading', { level: 3, name: court })).toBeVisible();
  await expect(page.getByTestId('track-message').first()).toContainText(`已转交${court}办理`);
  expect(await applicationsOf(entry)).toHaveLength(1);
  await page.context().close();
});

test('an entry of 苏州市中级人民法院: its contact instead of the form, and a request typed in is refused', async ({
  browser,
}) => {
  const name = COURTS.suzhou.name;
  const court = await courtOf(name);
  expect(court.handlesRequests).toBe(false);
  const entry = await createPerson({ court: name });
  const page = await subjectPage(browser);
  const expectContact = async () => {
    const contact = page.getByTestId('court-contact');
    await expect(contact).toContainText(`该信息由${name}列入名单`);
    await expect(contact).toContainText(court.phone);
    await expect(contact).toContainText(court.address);
  };

  await page.goto(`/entries/${entry.uid}`);
  await expect(nextSteps(page)).toContainText(`向${name}申请纠正`);
  await expectContact();
  await expect(nextSteps(page).getByRole('link', { name: '申请纠错' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'entry detail (court that takes no requests here)');

  // The form opened for this entry (as the entry page links other kinds) names the court and takes nothing.
  const query = new URLSearchParams({ caseNo: entry.caseNo, name: entry.name, entry: entry.uid });
  await page.goto(`/apply/correction?${query.toString()}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`纠错申请（向${name}申请纠正）`);
  await expectContact();
  await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
  await expect(page.getByLabel('案号')).toHaveCount(0);
  await expectNoAxeViolations(page, 'correction form (court that takes no requests here)');

  // Typed into the plain form instead: refused at submit with the same court's contact, nothing stored.
  await page.goto('/apply/correction');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('纠错申请（向执行法院申请纠正）');
  await fileCorrectionRefused(page, entry);
  await expect(page.getByRole('main')).toContainText(
    `请直接向${name}（联系电话：${court.phone}；地址：${court.address}）申请纠正`,
  );
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  await expectNoAxeViolations(page, 'correction refused (court that takes no requests here)');
  expect(await applicationsOf(entry)).toEqual([]);
  await page.context().close();
});

/** Fills the correction form for `entry` and submits it, expecting no receipt. */
async function fileCorrectionRefused(page: Page, entry: Created) {
  await identify(page, entry);
  await page.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
  await page.getByLabel('发生了什么、为什么').fill('纳入前已经全部履行，请求撤销纳入决定。');
  await fillContact(page);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('main')).toContainText(`该信息由${COURTS.suzhou.name}列入名单`);
}

/**
 * The public forms as a first-time applicant meets them (issue 13): the first question on /apply leads to the three
 * forms in plain words (without JavaScript too), each form lists what to have ready, the 承诺 is required (nothing is
 * stored without it), and the receipt can be printed and downloaded without the access code ever entering a URL. And
 * /check: both templates download, and filled in they upload and check, the organisation's code echoed as typed.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { expect, test, type Page } from '@playwright/test';
import { getDb } from '@/db/client';
import { applications } from '@/db/schema';
import { EVIDENCE_HINT } from '@/lib/evidence-rules';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  maskedId,
} from './fixtures';
import { daysAgo, fillContact, identify, subjectPage } from './application-fixtures';

test.afterAll(closeRegistry);

const CITATION = /（[一二三四五六七八九十]+（[一二三四五六七八九十]+））/;
const DECLARATION_MISSING = '请阅读并勾选承诺：确认所填信息和所附材料真实';

test('the first question leads to 纠错, 异议, 执行担保 and 信用修复 in plain words, without JavaScript', async ({
  browser,
  page: withScripts,
}) => {
  // axe runs as a script: the pages are checked in a second, ordinary tab.
  for (const [path, label] of [
    ['/apply', '/apply'],
    ['/apply?step=situation', '/apply without an answer'],
  ]) {
    await withScripts.goto(path!);
    await expectNoAxeViolations(withScripts, label!);
  }
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/apply');
  const question = page.getByRole('group', { name: '你遇到的是哪种情况？' });
  await expect(question.getByRole('radio')).toHaveCount(4);

  // No answer: the question says so, and nothing moves.
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page).toHaveURL(/\/apply\?step=situation$/);
  await expect(errorSummary(page)).toContainText('请选择您遇到的情况');
  await expect(errorSummary(page).getByRole('link')).toHaveAttribute('href', '#situation-correction');

  const answers: [RegExp, string, string][] = [
    [/^名单上关于我的信息有错/, '/apply/correction', '纠错申请'],
    [/^对某个部门对我采取的惩戒措施有异议/, '/apply/objection', '异议申请'],
    [/^我已履行完毕或已被移出名单/, '/apply/repair', '信用修复申请'],
    [/^我已向法院提供了有效的执行担保/, '/apply/guarantee', '执行担保解除申请'],
  ];
  for (const [answer, path, title] of answers) {
    await page.goto('/apply');
    await question.getByRole('radio', { name: answer }).check();
    await page.getByRole('button', { name: '继续' }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    // What to have ready, the evidence rules as the upload checks them; the basis in words, not citations.
    const materials = page.getByRole('region', { name: '准备材料' });
    await expect(materials).toContainText('案号');
    await expect(materials).toContainText(EVIDENCE_HINT);
    await expect(page.getByLabel('发生了什么、为什么')).toBeVisible();
    await expect(page.getByText(/^依据：《关于落实对失信被执行人联合惩戒机制的实施意见（试行）》/)).toBeVisible();
    expect(await page.locator('main').innerText()).not.toMatch(CITATION);
  }
  await context.close();
});

/** A correction request filled in completely, except (when told) the 承诺. */
async function fillCorrection(page: Page, entry: Awaited<ReturnType<typeof createPerson>>, declare: boolean) {
  await page.goto('/apply/correction');
  await identify(page, entry);
  await page.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
  await page.getByLabel('发生了什么、为什么').fill('案号登记有误，且本案已于纳入前履行完毕，请求撤销。');
  await fillContact(page, { declare });
}

test('without the 承诺 nothing is stored; with it, a receipt that prints and downloads', async ({ browser }) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const page = await subjectPage(browser);
  const stored = () => getDb().select().from(applications).where(eq(applications.entryUid, entry.uid));

  await fillCorrection(page, entry, false);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(errorSummary(page).getByRole('link', { name: DECLARATION_MISSING })).toHaveAttribute(
    'href',
    '#declaration',
  );
  await expect(page.locator('#declaration-error')).toContainText(DECLARATION_MISSING);
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  expect(await stored()).toEqual([]);
  await expectNoAxeViolations(page, 'correction form without the 承诺');

  // The typed text is still there; ticking the 承诺 is all it takes.
  await expect(page.getByLabel('发生了什么、为什么')).toHaveValue('案号登记有误，且本案已于纳入前履行完毕，请求撤销。');
  await page.getByRole('checkbox', { name: /^本人承诺所填信息/ }).check();
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/apply/'));
  await page.getByRole('button', { name: '提交' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  // The answer holding the access code is never cached.
  expect((await answered).headers()['cache-control']).toContain('no-store');
  const trackingNo = (await receipt.getByTestId('tracking-no').textContent())!.trim();
  const accessCode = (await receipt.getByTestId('access-code').textContent())!.trim();
  expect(trackingNo).toMatch(/^SQ\d{8}[0-9A-Z]{6}$/);
  expect(accessCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expect(receipt.getByTestId('receipt-kind')).toHaveText('纠错申请');
  await expect(receipt.getByTestId('receipt-handlers')).toHaveText('昆山市人民法院');
  await expect(receipt.getByTestId('receipt-date')).toHaveText(/^\d{4}年\d{2}月\d{2}日$/);
  await expect(receipt).toContainText('/track');
  const [app] = await stored();
  expect(app).toMatchObject({ trackingNo, statement: '案号登记有误，且本案已于纳入前履行完毕，请求撤销。' });
  await expectNoAxeViolations(page, 'receipt');

  // 打印回执: on paper, the receipt without the site's chrome or the page's introduction.
  await expect(receipt.getByRole('button', { name: '打印回执' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('body > header')).toBeHidden();
  await expect(page.locator('body > footer')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(receipt.getByTestId('access-code')).toBeVisible();
  await expect(receipt.getByRole('button', { name: '打印回执' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // 下载回执: a file made in the page; the code is in it, never in an address.
  const download = page.waitForEvent('download');
  await receipt.getByRole('button', { name: '下载回执' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`回执-${trackingNo}.html`);
  expect(file.url()).toMatch(/^blob:/);
  const saved = await readFile((await file.path())!, 'utf8');
  expect(saved).toContain(trackingNo);
  expect(saved).toContain(accessCode);
  expect(saved).toContain('昆山市人民法院');
  expect(page.url()).not.toContain(accessCode);
});

test('/check templates download; filled in, they upload and check, a code echoed as typed', async ({ browser }) => {
  test.setTimeout(120_000);
  const listed = await createOrganization();
  const person = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/check');

  // CSV: the header row, a byte-order mark for Excel.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV 模板' }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe('企业核查模板.csv');
  const csv = await readFile((await csvFile.path())!, 'utf8');
  expect(csv).toBe('\uFEFF名称,统一社会信用代码\r\n');
  const typedCode = listed.idNumber.toLowerCase();
  const filledCsv = `${csv}${listed.name},${typedCode}\r\n${person.name},${person.idNumber}\r\n`;
  await page
    .getByLabel('或上传文件（选填）')
    .setInputFiles({ name: '企业核查模板.csv', mimeType: 'text/csv', buffer: Buffer.from(filledCsv) });
  await page.getByRole('button', { name: '核查' }).click();
  const rows = page.getByTestId('check-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText(typedCode);
  await expect(rows.nth(0).getByTestId('check-verdict')).toHaveText('在名单中');
  await expect(rows.nth(1).locator('td').nth(2)).toHaveText(maskedId(person.idNumber));
  expect(await page.content()).not.toContain(person.idNumber);

  // XLSX: filled in with Excel's library, the same answers.
  await page.goto('/check');
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Excel 模板（XLSX）' }).click();
  const xlsxFile = await xlsxDownload;
  expect(xlsxFile.suggestedFilename()).toBe('企业核查模板.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsxFile.path())!);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual([undefined, '名称', '统一社会信用代码']);
  sheet.addRow([listed.name, listed.idNumber]);
  sheet.addRow([person.name, person.idNumber]);
  await page.getByLabel('或上传文件（选填）').setInputFiles({
    name: '企业核查模板.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole('button', { name: '核查' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText(listed.idNumber);
  await expect(rows.nth(0).getByTestId('check-verdict')).toHaveText('在名单中');
  await expect(rows.nth(1).locator('td').nth(2)).toHaveText(maskedId(person.idNumber));
  await expectNoAxeViolations(page, '/check after a template upload');
});

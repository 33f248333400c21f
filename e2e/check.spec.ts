/**
 * 企业核查 end to end: an enterprise uploads its counterparty list as CSV (a listed company, a
 * company never listed, one whose listing was revoked, and a listed person given with the
 * right ID, a wrong ID and the ID alone), reads the results, opens the printable report, and
 * a third party verifies it by its code. A person is judged on the name alone (需人工核对),
 * so no line can confirm a guessed ID number (lib/disclosure.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  freshResidentId,
  freshToken,
  freshUscc,
  maskedId,
  revokeEntry,
} from './fixtures';
import { subjectPage } from './application-fixtures';

test.afterAll(closeRegistry);

const rows = (page: Page) => page.getByTestId('check-row');

/** Each row's name, identifier and verdict, as shown. */
async function table(page: Page) {
  return rows(page).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim())),
  );
}

test('a CSV list is checked, reported and verified by its code', async ({ browser }) => {
  test.setTimeout(120_000);
  const listed = await createOrganization();
  const person = await createPerson();
  const revoked = await createOrganization();
  await revokeEntry(revoked.uid, { reason: '全部履行', actor: 'e2e' });
  const never = { name: `昆山${await freshToken(4)}贸易有限公司`, uscc: await freshUscc() };
  const wrongId = await freshResidentId();

  // A person is judged on the name alone (lib/disclosure.ts): the right ID, a wrong one and
  // the ID without the name must not tell a guessed ID number from another.
  const csv = [
    '名称,统一社会信用代码',
    `${listed.name},${listed.idNumber}`,
    `${never.name},${never.uscc}`,
    `${revoked.name},${revoked.idNumber}`,
    `${person.name},${person.idNumber}`,
    `${person.name},${wrongId}`,
    `,${person.idNumber}`,
  ].join('\r\n');
  const page = await subjectPage(browser);
  await page.goto('/check');
  await expect(
    page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业核查' }),
  ).toHaveAttribute('aria-current', 'page');
  await page
    .getByLabel('或上传文件（选填）')
    .setInputFiles({ name: '交易对象.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
  await page.getByRole('button', { name: '核查' }).click();
  await expect(page.getByTestId('check-outcome')).toBeVisible();
  // The result appears below the form: focus moves to its heading, which is scrolled into view.
  const outcomeHeading = page.getByRole('heading', { level: 2, name: '核查结果' });
  await expect(outcomeHeading).toBeFocused();
  await expect(outcomeHeading).toBeInViewport();
  // 未在名单中 is not shown as a clean record: the scope of the list and the nationwide list are named.
  await expect(page.getByTestId('check-outcome')).toContainText('不等于未被任何法院列入失信被执行人名单');

  const expected = [
    [listed.name, listed.idNumber, '在名单中'],
    [never.name, never.uscc, '未在名单中'],
    [revoked.name, revoked.idNumber, '未在名单中'],
    [person.name, maskedId(person.idNumber), '需人工核对'],
    [person.name, maskedId(wrongId), '需人工核对'],
    ['—', maskedId(person.idNumber), '未在名单中'],
  ];
  expect(await table(page)).toEqual(expected);
  await expect(page.getByTestId('check-summary').first()).toHaveText(
    '共 6 个：1 个在名单中，2 个需人工核对，3 个未在名单中',
  );
  // Matches link to the entries; a person's ID is never shown whole.
  await expect(rows(page).nth(0).getByRole('link', { name: listed.name })).toHaveAttribute(
    'href',
    `/entries/${listed.uid}`,
  );
  await expect(rows(page).nth(0)).toContainText('证件号码和名称均一致');
  for (const i of [3, 4]) {
    await expect(rows(page).nth(i).getByRole('link', { name: person.name })).toHaveAttribute(
      'href',
      `/entries/${person.uid}`,
    );
    await expect(rows(page).nth(i)).toContainText('姓名一致，未核对证件号码');
    await expect(rows(page).nth(i)).toContainText(maskedId(person.idNumber));
  }
  // The right ID and a wrong one get the same match, word for word.
  const matchCell = (i: number) => rows(page).nth(i).locator('td').nth(4).textContent();
  expect(await matchCell(3)).toBe(await matchCell(4));
  await expect(rows(page).nth(5).getByRole('link')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(person.idNumber);
  expect(html).not.toContain(wrongId);
  await expectNoAxeViolations(page, '/check with results');

  const code = (await page.getByTestId('verification-code').textContent())!.trim();
  expect(code).toMatch(/^HC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // The printable report.
  await page.getByRole('link', { name: '查看和打印核查报告' }).click();
  await expect(page).toHaveURL(`/check/report/${code}`);
  await expect(page.getByRole('heading', { level: 1, name: '企业核查报告' })).toBeVisible();
  await expect(page.getByTestId('verification-code')).toHaveText(code);
  await expect(page.getByTestId('checked-at')).toContainText('（北京时间）');
  await expect(page.getByTestId('digest')).toHaveText(/^SHA-256 [0-9a-f]{64}$/);
  await expect(page.getByRole('heading', { name: '如何核验本报告' })).toBeVisible();
  expect(await table(page)).toEqual(expected);
  await expectNoAxeViolations(page, 'the check report');
  // On paper: no site navigation, no print button; the report as a PDF.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印或保存为 PDF' })).toBeHidden();
  const pdf = await page.pdf();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  const digest = await page.getByTestId('digest').textContent();

  // Someone else verifies it: a wrong code first, then the real one typed loosely.
  const verifier = await subjectPage(browser);
  await verifier.goto('/check/verify');
  await expectNoAxeViolations(verifier, '/check/verify');
  await verifier.getByLabel('核验码').fill('HC-0000-0000-0000');
  await verifier.getByRole('button', { name: '核验' }).click();
  await expect(errorSummary(verifier)).toContainText('未找到核验码 HC-0000-0000-0000 对应的核查报告');
  await expect(verifier.getByTestId('verified-report')).toHaveCount(0);
  await verifier.getByLabel('核验码').fill('不是核验码');
  await verifier.getByRole('button', { name: '核验' }).click();
  await expect(errorSummary(verifier)).toContainText('核验码格式不正确');
  await expectNoAxeViolations(verifier, '/check/verify with an error');

  await verifier.getByLabel('核验码').fill(code.toLowerCase().replaceAll('-', ' '));
  await verifier.getByRole('button', { name: '核验' }).click();
  await expect(verifier.getByTestId('verified-report')).toBeVisible();
  await expect(verifier.getByTestId('digest-status')).toContainText('核验通过');
  await expect(verifier.getByTestId('verification-code')).toHaveText(code);
  await expect(verifier.getByTestId('digest')).toHaveText(digest!);
  expect(await table(verifier)).toEqual(expected);
  await expectNoAxeViolations(verifier, '/check/verify with a report');

  // An unknown code's report page is a 404.
  expect((await verifier.goto('/check/report/HC-0000-0000-0000'))?.status()).toBe(404);
});

test('a pasted list with a bad line is refused with the line named, and kept', async ({ browser }) => {
  const page = await subjectPage(browser);
  await page.goto('/check');
  await page.getByRole('button', { name: '核查' }).click();
  await expect(errorSummary(page)).toContainText('请填写或上传要核查的对象');
  const text = `昆山某某有限公司\n${'长'.repeat(101)}`;
  await page.getByLabel('粘贴交易对象列表').fill(text);
  await page.getByRole('button', { name: '核查' }).click();
  await expect(errorSummary(page)).toContainText('列表第 2 行的名称或姓名：不能超过 100 个字符');
  await expect(page.getByLabel('粘贴交易对象列表')).toHaveValue(text);
  await expectNoAxeViolations(page, '/check with an error');
});

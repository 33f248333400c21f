/**
 * The public application forms under hostile or careless input: empty forms, overlong text
 * (past the browser's maxlength), identification that does not match (told apart from
 * nobody-listed by nothing), forged, oversized and too many evidence files, the honeypot, the
 * per-client rate limit. Each refusal must show a clear Chinese message and store nothing.
 * Markup and SQL-like text are valid input: stored verbatim and shown literally to staff.
 */
import { expect, test, type Page } from '@playwright/test';
import { count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { SCREEN_AFTER_PER_ENTRY } from '@/domain/applications/cases';
import { applications } from '@/db/schema';
import { NO_MATCH } from '@/domain/applications/submit';
import { LIMITS } from '@/domain/http/rate-limit';
import {
  closeRegistry,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  revokeEntry,
  type Created,
} from './fixtures';
import {
  clientAddress,
  daysAgo,
  fillContact,
  identify,
  openCase,
  PDF,
  PNG,
  subjectPage,
  submitAndReadReceipt,
} from './application-fixtures';
import { signInAs } from './staff-fixtures';

test.afterAll(closeRegistry);

/** Stored applications: for one entry, or all of them. */
async function stored(entry?: Pick<Created, 'uid'>): Promise<number> {
  const query = getDb().select({ n: count() }).from(applications);
  const [row] = entry ? await query.where(eq(applications.entryUid, entry.uid)) : await query;
  return Number(row!.n);
}

/** A complete, valid correction request for `entry` (nothing submitted yet). */
async function fillCorrection(page: Page, entry: Created, text: { statement?: string } = {}) {
  await identify(page, entry);
  await page.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
  await page.getByLabel('发生了什么、为什么').fill(text.statement ?? '本案已于纳入前执行和解并履行完毕。');
  await fillContact(page);
}

const submit = (page: Page) => page.getByRole('button', { name: '提交' }).click();

/** The message printed beside a field (Field renders it as #<field>-error). */
const besideField = (page: Page, field: string) => page.locator(`#${field}-error`);

/** Sets a control's value as a script would, past maxlength and hidden-ness. */
async function forceValue(page: Page, selector: string, value: string) {
  await page.locator(selector).evaluate((el, v) => {
    el.removeAttribute('maxlength');
    (el as HTMLInputElement | HTMLTextAreaElement).value = v;
  }, value);
}

test('empty forms: every required field is named, in the summary and beside the field; nothing is stored', async ({
  browser,
}) => {
  const page = await subjectPage(browser);
  const before = await stored();

  const forms: { path: string; errors: Record<string, string> }[] = [
    {
      path: '/apply/objection',
      errors: {
        caseNo: '请填写案号',
        name: '请填写被执行人姓名或名称',
        idLast4: '请填写身份证号码或统一社会信用代码的最后 4 位（数字或字母）',
        measureNos: '请至少选择一项惩戒措施',
        departmentCodes: '请至少选择一个实施该措施的部门',
        statement: '请填写发生了什么、为什么',
        applicantName: '请填写申请人姓名',
        phone: '请填写有效的联系电话（7 至 20 位数字，可含 + - 括号）',
        declaration: '请阅读并勾选承诺：确认所填信息和所附材料真实',
      },
    },
    {
      path: '/apply/correction',
      errors: {
        caseNo: '请填写案号',
        name: '请填写被执行人姓名或名称',
        idLast4: '请填写身份证号码或统一社会信用代码的最后 4 位（数字或字母）',
        learnedOn: '请填写知晓纳入决定的日期',
        statement: '请填写发生了什么、为什么',
        applicantName: '请填写申请人姓名',
        phone: '请填写有效的联系电话（7 至 20 位数字，可含 + - 括号）',
        declaration: '请阅读并勾选承诺：确认所填信息和所附材料真实',
      },
    },
    {
      path: '/apply/repair',
      errors: {
        caseNo: '请填写案号',
        name: '请填写被执行人姓名或名称',
        idLast4: '请填写身份证号码或统一社会信用代码的最后 4 位（数字或字母）',
        statement: '请填写发生了什么、为什么',
        applicantName: '请填写申请人姓名',
        phone: '请填写有效的联系电话（7 至 20 位数字，可含 + - 括号）',
        declaration: '请阅读并勾选承诺：确认所填信息和所附材料真实',
      },
    },
  ];

  for (const form of forms) {
    await page.goto(form.path);
    await submit(page);
    const summary = errorSummary(page);
    await expect(summary, form.path).toBeVisible();
    await expect(summary.getByRole('heading', { name: '请修改以下内容' })).toBeVisible();
    await expect(summary).toBeFocused();
    for (const [field, message] of Object.entries(form.errors)) {
      // In the summary, as a link to the field …
      await expect(
        summary.getByRole('link', { name: message, exact: true }),
        `${form.path} summary: ${field}`,
      ).toHaveAttribute('href', `#${field}`);
      // … and beside the field itself.
      await expect(besideField(page, field), `${form.path} beside ${field}`).toContainText(message);
    }
    await expect(page.getByLabel('案号')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('receipt')).toHaveCount(0);
  }
  expect(await stored()).toBe(before);
});

test('the error summary and field errors pass axe', async ({ browser }) => {
  const page = await subjectPage(browser);
  for (const path of ['/apply/objection', '/apply/correction']) {
    await page.goto(path);
    await submit(page);
    await expect(errorSummary(page)).toBeVisible();
    await expect(besideField(page, 'statement')).toBeVisible();
    await expectNoAxeViolations(page, `${path} showing errors`);
  }
});

test('a 5001-character statement (past maxlength, as a hostile client sends it) is refused; 5000 pass', async ({
  browser,
}) => {
  const entry = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/apply/correction');
  await expect(page.getByLabel('发生了什么、为什么')).toHaveAttribute('maxlength', '5000');
  await fillCorrection(page, entry);
  await forceValue(page, '#statement', '事'.repeat(5001));
  await submit(page);

  await expect(errorSummary(page)).toContainText('发生了什么、为什么最长 5000 个字');
  await expect(besideField(page, 'statement')).toContainText('发生了什么、为什么最长 5000 个字');
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  expect(await stored(entry)).toBe(0);

  // The boundary: exactly 5000 characters is a valid statement.
  await forceValue(page, '#statement', '事'.repeat(5000));
  await submitAndReadReceipt(page);
  const [app] = await getDb()
    .select({ statement: applications.statement })
    .from(applications)
    .where(eq(applications.entryUid, entry.uid));
  expect(app!.statement).toHaveLength(5000);
  expect(await stored(entry)).toBe(1);
});

test('identification that does not match gives one generic message, whether or not anyone is listed', async ({
  browser,
}) => {
  const entry = await createPerson();
  const before = await stored();
  const wrongLast4 = entry.idNumber.slice(-4) === '0000' ? '1111' : '0000';

  async function attempt(id: { caseNo: string; name: string; idNumber: string }) {
    const page = await subjectPage(browser);
    await page.goto('/apply/correction');
    await fillCorrection(page, entry);
    await identify(page, id);
    await submit(page);
    const summary = errorSummary(page);
    await expect(summary).toContainText(NO_MATCH);
    await expect(besideField(page, 'caseNo')).toContainText(NO_MATCH);
    await expect(page.getByTestId('receipt')).toHaveCount(0);
    return { summary: (await summary.innerText()).trim(), page: await page.locator('main').innerText() };
  }

  // Listed: the case number and name are right, the last 4 characters of the ID are not.
  const listed = await attempt({ ...entry, idNumber: `${entry.idNumber.slice(0, -4)}${wrongLast4}` });
  // Nobody has this case number.
  const nobody = await attempt({ caseNo: '(2019)苏0583执999999999号', name: entry.name, idNumber: entry.idNumber });

  expect(NO_MATCH).toMatch(/^未能核对到/);
  expect(listed.summary).toBe(nobody.summary); // nothing tells the two apart
  for (const text of [listed.page, nobody.page]) {
    expect(text).not.toContain(entry.idNumber); // no identifying data echoed beyond what was typed
    expect(text).not.toMatch(/已撤销|不存在|未纳入|无此案号/);
  }
  expect(await stored(entry)).toBe(0);
  expect(await stored()).toBe(before);
});

test('forged and plain-text evidence files are refused by their content, naming the file; nothing is stored', async ({
  browser,
}) => {
  const entry = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/apply/correction');
  await fillCorrection(page, entry);
  const evidence = page.getByLabel('证明材料（选填）');

  const exe = Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0'),
    Buffer.alloc(512, 0x90),
  ]);
  const refused: { file: { name: string; mimeType: string; buffer: Buffer }; label: string }[] = [
    { file: { name: '判决书.pdf', mimeType: 'application/pdf', buffer: exe }, label: 'a Windows program named .pdf' },
    {
      file: {
        name: '说明.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('这是一个文本文件，不是 PDF。\n%%EOF\n'),
      },
      label: 'a text file named .pdf',
    },
    {
      file: { name: '情况说明.txt', mimeType: 'text/plain', buffer: Buffer.from('本人已履行完毕。') },
      label: 'a plain text file',
    },
  ];
  for (const { file, label } of refused) {
    // A valid PNG beside it: the bad one is refused all the same, and named.
    await evidence.setInputFiles([{ name: '凭证.png', mimeType: 'image/png', buffer: PNG }, file]);
    await submit(page);
    const message = `“${file.name}”不是 PDF、JPG 或 PNG 文件（按文件内容判断），请换用这些格式`;
    await expect(errorSummary(page), label).toContainText(message);
    await expect(besideField(page, 'evidence'), label).toContainText(message);
    await expect(page.getByTestId('receipt')).toHaveCount(0);
    expect(await stored(entry), label).toBe(0);
  }

  // The same form with real files goes through: the files alone were the problem.
  await evidence.setInputFiles([
    { name: '凭证.png', mimeType: 'image/png', buffer: PNG },
    { name: '判决书.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]);
  await submitAndReadReceipt(page);
  expect(await stored(entry)).toBe(1);
});

test('a file over 10 MB is refused, naming it; nothing is stored', async ({ browser }) => {
  test.setTimeout(90_000);
  const entry = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/apply/correction');
  await fillCorrection(page, entry);
  // a PNG header, then 10.5 MB of zeros
  const big = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(10.5 * 1024 * 1024)]);
  await page.getByLabel('证明材料（选填）').setInputFiles([{ name: '扫描件.png', mimeType: 'image/png', buffer: big }]);
  await submit(page);

  await expect(errorSummary(page)).toContainText('“扫描件.png”超过 10 MB，请压缩后上传');
  await expect(besideField(page, 'evidence')).toContainText('“扫描件.png”超过 10 MB，请压缩后上传');
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  expect(await stored(entry)).toBe(0);
});

test('more than 5 files are refused; nothing is stored', async ({ browser }) => {
  const entry = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/apply/correction');
  await fillCorrection(page, entry);
  const evidence = page.getByLabel('证明材料（选填）');
  await evidence.setInputFiles(
    Array.from({ length: 6 }, (_, i) => ({ name: `凭证${i + 1}.png`, mimeType: 'image/png', buffer: PNG })),
  );
  await submit(page);

  await expect(errorSummary(page)).toContainText('最多上传 5 个证明材料');
  await expect(besideField(page, 'evidence')).toContainText('最多上传 5 个证明材料');
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  expect(await stored(entry)).toBe(0);

  // Five are allowed.
  await evidence.setInputFiles(
    Array.from({ length: 5 }, (_, i) => ({ name: `凭证${i + 1}.png`, mimeType: 'image/png', buffer: PNG })),
  );
  await submitAndReadReceipt(page);
  expect(await stored(entry)).toBe(1);
});

test('a filled honeypot field is refused and nothing is stored', async ({ browser }) => {
  const entry = await createPerson();
  const page = await subjectPage(browser);
  await page.goto('/apply/correction');
  await fillCorrection(page, entry);
  await forceValue(page, '#website', 'http://spam.example.com');
  await submit(page);

  await expect(errorSummary(page)).toContainText('提交未成功，请刷新页面后重试');
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  expect(await stored(entry)).toBe(0);

  // Only the honeypot stood in the way.
  await forceValue(page, '#website', '');
  await submitAndReadReceipt(page);
  expect(await stored(entry)).toBe(1);
});

test('markup and SQL-like text are stored verbatim and shown literally to the court clerk', async ({ browser }) => {
  test.setTimeout(120_000);
  const markup = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><svg onload="alert('xss')"></svg>`;
  const statement = `${markup} '; DROP TABLE applications; -- 与 " OR 1=1; --`;
  const applicantName = `<b>王</b>'; DROP TABLE applications; --`;
  const entry = await createPerson();

  const subject = await subjectPage(browser);
  let dialogs = 0;
  subject.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await subject.goto('/apply/correction');
  await fillCorrection(subject, entry, { statement });
  await subject.getByLabel('申请人姓名').fill(applicantName);
  const receipt = await submitAndReadReceipt(subject);

  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, receipt.trackingNo));
  expect(app).toMatchObject({ statement, applicantName, entryUid: entry.uid });
  const [table] = await getDb().execute<{ t: string | null }>(
    sql`SELECT to_regclass('public.applications')::text AS t`,
  );
  expect(table!.t).toBe('applications');

  const clerk = await (await browser.newContext()).newPage();
  clerk.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await signInAs(clerk, 'court_clerk');
  await openCase(clerk, receipt.trackingNo);

  await expect(clerk.getByTestId('case-statement')).toHaveText(statement);
  await expect(clerk.getByText(applicantName, { exact: true })).toBeVisible();
  // Shown as text, never turned into elements.
  await expect(clerk.getByTestId('case-statement').locator('script, img, svg')).toHaveCount(0);
  await expect(clerk.locator('main img[src="x"], main svg[onload]')).toHaveCount(0);
  await clerk.waitForTimeout(500); // time for an onerror/onload to have fired
  expect(await clerk.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await subject.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);

  // The table the SQL-like text names is still there, with the application in it.
  const [after] = await getDb().execute<{ t: string | null }>(
    sql`SELECT to_regclass('public.applications')::text AS t`,
  );
  expect(after!.t).toBe('applications');
  expect(await stored(entry)).toBe(1);
});

test(
  `the per-client rate limit: ${LIMITS.submitPerClient.points} submissions an hour are stored, the next is refused ` +
    `and not stored`,
  async ({ browser }) => {
    test.setTimeout(180_000);
    const allowed = LIMITS.submitPerClient.points;
    const perEntry = SCREEN_AFTER_PER_ENTRY;
    // Enough entries that none draws so many applications that they are marked for screening: listed ones for
    // corrections, revoked ones for repairs.
    const listed = await Promise.all(
      Array.from({ length: Math.ceil(allowed / 2 / perEntry) + 1 }, () => createPerson()),
    );
    const revoked = await Promise.all(Array.from({ length: Math.ceil(allowed / 2 / perEntry) }, () => createPerson()));
    for (const e of revoked) await revokeEntry(e.uid, { reason: '全部履行', actor: 'e2e' });
    const last = listed.pop()!;

    const address = clientAddress();
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
    const page = await context.newPage();
    const receipts = new Set<string>();
    for (let i = 0; i < allowed; i++) {
      const repair = i % 2 === 1;
      const entry = (repair ? revoked : listed)[Math.floor(i / 2 / perEntry)]!;
      await page.goto(repair ? '/apply/repair' : '/apply/correction');
      if (repair) {
        await identify(page, entry);
        await page.getByLabel('发生了什么、为什么').fill(`已全部履行（第 ${i + 1} 次）。`);
        await fillContact(page);
      } else {
        await fillCorrection(page, entry, { statement: `纳入错误（第 ${i + 1} 次）。` });
      }
      receipts.add((await submitAndReadReceipt(page)).trackingNo);
    }
    expect(receipts.size).toBe(allowed);
    const before = await stored();

    // The next one, valid in every respect, from the same address.
    await page.goto('/apply/correction');
    await fillCorrection(page, last);
    await submit(page);
    await expect(errorSummary(page)).toContainText('提交过于频繁，请一小时后再试。');
    await expect(page.getByTestId('receipt')).toHaveCount(0);
    expect(await stored(last)).toBe(0);
    expect(await stored()).toBe(before);
    // The form keeps what was typed, to try later.
    await expect(page.getByLabel('案号')).toHaveValue(last.caseNo);

    // The limit is per client: another address submits the same application.
    const other = await subjectPage(browser);
    await other.goto('/apply/correction');
    await fillCorrection(other, last);
    await submitAndReadReceipt(other);
    expect(await stored(last)).toBe(1);
  },
);

/**
 * Filling the public application forms as a subject would, and small real evidence files.
 * Each test context gets its own client address (X-Forwarded-For, as the reverse proxy sets
 * it), so the per-client rate limit counts each test on its own.
 */
import { randomInt } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import { todayInChina } from '@/lib/clocks';
import type { Created } from './fixtures';

/** A 1×1 PNG and a minimal PDF: real files file-type recognises by content. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count' +
    ' 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export function clientAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export async function subjectPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } });
  return context.newPage();
}

export function daysAgo(n: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export async function identify(page: Page, entry: Pick<Created, 'caseNo' | 'name' | 'idNumber'>) {
  await page.getByLabel('案号').fill(entry.caseNo);
  await page.getByLabel('被执行人姓名或名称').fill(entry.name);
  await page.getByLabel('身份证号码或统一社会信用代码的最后 4 位').fill(entry.idNumber.slice(-4));
}

/** The contact fields and (unless `declare` is false) the 承诺 every form needs ticked. */
export async function fillContact(page: Page, opts: { email?: string; declare?: boolean } = {}) {
  await page.getByLabel('申请人姓名').fill('王申请');
  await page.getByLabel('联系电话').fill('0512-57001234');
  if (opts.email) await page.getByLabel('电子邮箱（选填）').fill(opts.email);
  if (opts.declare !== false) await page.getByRole('checkbox', { name: /^本人承诺所填信息/ }).check();
}

/** Submits and returns the receipt's tracking number and access code. */
export async function submitAndReadReceipt(page: Page) {
  await page.getByRole('button', { name: '提交' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  return {
    trackingNo: (await page.getByTestId('tracking-no').textContent())!.trim(),
    accessCode: (await page.getByTestId('access-code').textContent())!.trim(),
  };
}

export async function openTracking(page: Page, receipt: { trackingNo: string; accessCode: string }) {
  await page.goto('/track');
  await page.getByLabel('查询号').fill(receipt.trackingNo);
  await page.getByLabel('访问码').fill(receipt.accessCode);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(receipt.trackingNo);
}

/** Files a correction request for `entry`, learned of on `learnedOn`; returns the receipt. */
export async function fileCorrection(
  page: Page,
  entry: Pick<Created, 'caseNo' | 'name' | 'idNumber'>,
  learnedOn: string,
  statement: string,
) {
  await identify(page, entry);
  await page.getByLabel('收到纳入决定或知晓该决定的日期').fill(learnedOn);
  await page.getByLabel('发生了什么、为什么').fill(statement);
  await fillContact(page);
  return submitAndReadReceipt(page);
}

/** A staff member opens the case from their inbox (searched by its tracking number). */
export async function openCase(page: Page, trackingNo: string) {
  await page.goto(`/admin/cases?status=all&q=${encodeURIComponent(trackingNo)}`);
  await page.getByTestId('case-row').filter({ hasText: trackingNo }).getByRole('link', { name: trackingNo }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(trackingNo);
}

/** Accepts the submitted case open on `page` (受理). */
export async function acceptOpenCase(page: Page) {
  await page.getByRole('button', { name: '受理', exact: true }).click();
  await expect(page.getByText('已受理。下一步：审查后作出决定')).toBeVisible();
}

/** A staff member opens the case from their inbox, accepts it (optionally starts review) and decides. */
export async function acceptAndDecide(
  page: Page,
  trackingNo: string,
  decision: string,
  reasons: string,
  opts: { review?: boolean } = {},
) {
  await openCase(page, trackingNo);
  await acceptOpenCase(page);
  if (opts.review) {
    await page.getByRole('button', { name: '开始审查' }).click();
    await expect(page.getByRole('button', { name: '开始审查' })).toHaveCount(0);
  }
  await decideOpenCase(page, decision, reasons);
}

/**
 * Decides a case already open and accepted on `page`, attaching the signed decision (a PDF) and confirming in the
 * dialog.
 */
export async function decideOpenCase(page: Page, decision: string, reasons: string) {
  await page.getByRole('radio', { name: decision, exact: true }).check();
  await page.getByLabel('决定理由（将告知申请人）').fill(reasons);
  await submitDecision(page);
  await expect(page.getByRole('heading', { name: `决定：${decision}` })).toBeVisible();
}

/** Attaches the decision PDF and sends the decision form through its confirmation dialog. */
export async function submitDecision(
  page: Page,
  document: { name: string; buffer: Buffer } = { name: '决定书.pdf', buffer: PDF },
) {
  await page
    .getByLabel('签发的决定书（PDF）')
    .setInputFiles({ name: document.name, mimeType: 'application/pdf', buffer: document.buffer });
  await page.getByRole('button', { name: '作出决定', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '确认作出决定' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '确认作出决定' }).click();
}

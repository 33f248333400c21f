/**
 * 信息推送 in the staff portal, against the real server's webhook worker and a real HTTPS receiver on loopback: an
 * administrator registers a unit's endpoint, a push arrives signed and masked, a failing receiver shows in the log
 * and on the unit officer's view, a redelivery goes out again, and the endpoint is stopped.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebhookReceiver, type WebhookReceiver } from '@/domain/sharing/testing/webhook-receiver';
import { maskIdNumber } from '@/lib/mask';
import { closeRegistry, createPerson, expectNoAxeViolations } from './fixtures';
import { officerOf, signIn, signInAs, ANY_MEMBER_UNIT } from './staff-fixtures';
import { WEBHOOK_CA_FILE } from './webhook-ca';

const SECRET = 'e2e-webhook-secret-0123456789-abcdefghijk';
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  // The server trusts this file's authority for departments' endpoints (playwright.config.ts WEBHOOK_CA_FILE).
  fs.writeFileSync(WEBHOOK_CA_FILE, receiver.ca);
});
test.afterAll(async () => {
  await receiver.close();
  await closeRegistry();
});

test('an administrator registers a unit endpoint; pushes arrive signed; failures show and are redelivered', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'admin');
  await page.goto('/admin/webhooks');
  await expectNoAxeViolations(page, 'webhooks page');
  await page.getByLabel('接收单位').selectOption(ANY_MEMBER_UNIT);
  await page.getByRole('textbox', { name: '接收地址', exact: true }).fill('http://example.gov.cn/hook');
  await page.getByRole('button', { name: '登记接收地址' }).click();
  await expect(page.getByText('接收地址须以 https:// 开头').first()).toBeVisible();

  await page.getByRole('textbox', { name: '接收地址', exact: true }).fill(receiver.url);
  await page.getByLabel('签名密钥（选填）').fill(SECRET);
  await page.getByRole('button', { name: '登记接收地址' }).click();
  await expect(page.getByRole('status')).toContainText('已为市委组织部登记接收地址');
  const row = page.getByTestId('webhook-row').filter({ hasText: receiver.url });
  await expect(row).toContainText('市委组织部');

  const listed = await createPerson();
  await expect
    .poll(() => receiver.received.filter((r) => r.entryUid === listed.uid).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const first = receiver.received.find((r) => r.entryUid === listed.uid)!;
  expect(first.verdict.ok).toBe(true);
  expect(first.kind).toBe('listed');
  expect((first.body.entry as { idNumber: string }).idNumber).toBe(maskIdNumber(listed.idNumber));

  receiver.behave('fail');
  const failing = await createPerson();
  await expect.poll(() => receiver.received.some((r) => r.entryUid === failing.uid), { timeout: 30_000 }).toBe(true);
  await row.getByRole('link', { name: '推送记录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('推送记录：市委组织部');
  const delivered = page.getByTestId('delivery-row').filter({ hasText: listed.uid });
  await expect(delivered).toContainText('已送达');
  const retrying = page.getByTestId('delivery-row').filter({ hasText: failing.uid });
  await expect(retrying).toContainText('HTTP 500');
  await expect(retrying).toContainText('下次');
  await expectNoAxeViolations(page, 'delivery log');

  // The unit's officer sees its own endpoint and log; redelivers the delivered one (same event id).
  receiver.behave('accept');
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, await officerOf(ANY_MEMBER_UNIT));
  await officer.goto('/admin/webhooks');
  await officer
    .getByTestId('webhook-row')
    .filter({ hasText: receiver.url })
    .getByRole('link', { name: '推送记录' })
    .click();
  const before = receiver.received.filter((r) => r.entryUid === listed.uid).length;
  await officer
    .getByTestId('delivery-row')
    .filter({ hasText: listed.uid })
    .getByRole('button', { name: '重新推送' })
    .click();
  await expect(officer.getByRole('status').first()).toContainText('已重新排队 1 条');
  await expect
    .poll(() => receiver.received.filter((r) => r.entryUid === listed.uid).length, { timeout: 30_000 })
    .toBeGreaterThan(before);
  expect(new Set(receiver.received.filter((r) => r.entryUid === listed.uid).map((r) => r.eventId)).size).toBe(1);
  await expect(officer.getByRole('button', { name: '登记接收地址' })).toHaveCount(0);
  await officerContext.close();

  await page.goto('/admin/webhooks');
  await row.getByRole('button', { name: '停用' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认停用' }).click();
  // The list is drawn again without the stopped endpoint.
  await expect(page.getByTestId('webhook-row').filter({ hasText: receiver.url })).toHaveCount(0);
});

/**
 * Statistics in a real browser: /stats draws every chart beside a table whose numbers are the
 * database's (compared with queries made here), and counts no restricted entry, not even its
 * removal; /admin/stats is for the credit office only; both pass axe.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries } from '@/db/schema';
import { isPublic, isPublicRemoval } from '@/db/visibility';
import {
  closeRegistry,
  COURTS,
  createOrganization,
  createPerson,
  expectNoAxeViolations,
  revokeEntry,
} from './fixtures';
import { signInAs } from './staff-fixtures';

test.afterAll(closeRegistry);

/** The number in column `column` (0 = first after the row header) of the row headed `rowHeader`. */
async function cell(section: Locator, rowHeader: string, column = 0): Promise<number> {
  const row = section.locator('tr', { has: section.page().getByRole('rowheader', { name: rowHeader, exact: true }) });
  return Number((await row.locator('td').nth(column).textContent())!.replaceAll(',', ''));
}

const section = (page: Page, id: string) => page.getByTestId(id);

async function dbCount(where: SQL) {
  const [row] = await getDb().select({ n: count() }).from(entries).where(where);
  return row!.n;
}

test('/stats: each chart has a table with the database’s numbers; restricted entries are not counted', async ({
  page,
}) => {
  const run = randomUUID().slice(0, 8);
  const shown = `统计公开情形${run}`;
  const hidden = `统计不公开情形${run}`;
  await createPerson({ circumstances: [shown] });
  await createOrganization({ circumstances: [shown] });
  await createPerson({ circumstances: [hidden], disclosure: 'restricted' });
  const restrictedRemoved = await createPerson({ circumstances: [hidden], disclosure: 'restricted' });
  const removed = await createPerson({ circumstances: [shown] });
  await revokeEntry(removed.uid, { reason: '全部履行', actor: 'e2e' });
  await revokeEntry(restrictedRemoved.uid, { reason: '全部履行', actor: 'e2e' });

  const response = await page.goto('/stats');
  expect(response!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: '公示统计' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  for (const [id, title] of [
    ['stats-months', '近 24 个月每月新增与撤销、屏蔽'],
    ['stats-courts', '按执行法院'],
    ['stats-subjects', '按主体类型'],
    ['stats-circumstances', '按失信情形'],
  ] as const) {
    const s = section(page, id);
    await expect(s.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(s.getByRole('img', { name: new RegExp(`^${title}：.*合计`) })).toBeVisible();
    await expect(s.getByRole('table', { name: new RegExp(`^${title}（数据表`) })).toBeVisible();
  }

  // Restricted entries: neither their circumstance nor their removal is counted.
  const circumstances = section(page, 'stats-circumstances');
  expect(await cell(circumstances, shown)).toBe(2);
  await expect(circumstances.getByText(hidden)).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(hidden);

  // Figures against the database, queried here with the one visibility rule.
  const kunshan = await dbCount(and(isPublic(), eq(entries.court, COURTS.kunshan.name))!);
  expect(await cell(section(page, 'stats-courts'), COURTS.kunshan.name)).toBe(kunshan);
  expect(await cell(section(page, 'stats-subjects'), '自然人')).toBe(
    await dbCount(and(isPublic(), eq(entries.subjectType, 'person'))!),
  );
  const [now] = await getDb().execute<{ m: string }>(
    sql`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS m`,
  );
  const [y, m, d] = now!.m.split('-');
  const removedThisMonth = await dbCount(
    and(
      isPublicRemoval(),
      sql`date_trunc('month', ${entries.statusChangedAt} AT TIME ZONE 'Asia/Shanghai') = date_trunc('month', now() AT
        TIME ZONE 'Asia/Shanghai')`,
    )!,
  );
  expect(removedThisMonth).toBeGreaterThan(0);
  // The month under way says up to which day it counts.
  const thisMonth = `${y}年${Number(m)}月（截至${Number(m)}月${Number(d)}日）`;
  expect(await cell(section(page, 'stats-months'), thisMonth, 1)).toBe(removedThisMonth);

  await expectNoAxeViolations(page, '/stats');
});

test('/admin/stats: the credit office sees every section; a court clerk gets 403', async ({ page, browser }) => {
  await signInAs(page, 'credit_office');
  const response = await page.goto('/admin/stats');
  expect(response!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: '统计分析' })).toBeVisible();
  for (const name of [
    '超期情况（督促检查）',
    '超期未办结的申请（按办理单位）',
    '逾期未办结的解除惩戒任务（按成员单位）',
    '近 24 个月每月新增与撤销、屏蔽',
    '按执行法院',
    '按主体类型',
    '按失信情形',
    '异议、纠错与信用修复申请办理结果（按办理单位）',
    '惩戒措施实施反馈（按措施）',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  // Staff counts include restricted entries: the subject table's total is every listed entry.
  const listed = await dbCount(sql`${entries.publishedAt} <= now() AND ${entries.subjectType} = 'person'`);
  expect(await cell(section(page, 'stats-subjects'), '自然人', 4)).toBe(listed);
  await expect(page.getByTestId('overdue-cases')).toBeVisible();
  await expectNoAxeViolations(page, '/admin/stats');

  const clerk = await browser.newContext();
  await signInAs(await clerk.newPage(), 'court_clerk');
  expect((await clerk.request.get('/admin/stats', { maxRedirects: 0 })).status()).toBe(403);
  await clerk.close();
});

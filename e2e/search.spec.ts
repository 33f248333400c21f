/**
 * Search as a new user meets it: names (including two-character names and infixes of
 * company names), organisations' codes, case numbers typed with full-width characters,
 * filters, paging, and the messages for queries that cannot be answered — a person's ID
 * number among them: it is never searched, listed or not (lib/disclosure.ts). Entries that
 * are not public (restricted, expired, shielded, not yet published) never appear anywhere.
 */
import { expect, test, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries } from '@/db/schema';
import { isPublic } from '@/db/visibility';
import { cstDate } from '@/lib/cst';
import {
  closeRegistry,
  COURTS,
  createOrganization,
  createPerson,
  errorSummary,
  expectPersonIdNotSearchable,
  freshResidentId,
  freshToken,
  maskedId,
  resultCards,
  searchUrl,
  shieldEntry,
  type Created,
} from './fixtures';
import { NATIONAL_LIST } from '@/components/list-scope';

const DAY = 86_400_000;
/** YYYY-MM-DD in China Standard Time, `daysFromToday` days from today. */
const dayFromToday = (days: number) => cstDate(new Date(Date.now() + days * DAY));

let person: Created;
let company: Created;
/** A rare two-character token shared by the 22 entries of the filter/paging cluster. */
let token: string;
const cluster = { recentPersons: 14, recentOrgs: 5, oldSuzhouPersons: 3 };
const clusterTotal = cluster.recentPersons + cluster.recentOrgs + cluster.oldSuzhouPersons;

test.beforeAll(async () => {
  person = await createPerson();
  company = await createOrganization();
  token = await freshToken(2);
  const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟'];
  for (let i = 0; i < cluster.recentPersons; i++)
    await createPerson({ name: `${token}${given[i]}`, publishedDaysAgo: 5 + i, court: COURTS.kunshan.name });
  for (let i = 0; i < cluster.recentOrgs; i++)
    await createOrganization({
      name: `昆山${token}${given[i]}贸易有限公司`,
      publishedDaysAgo: 6,
      court: COURTS.wuzhong.name,
    });
  for (let i = 0; i < cluster.oldSuzhouPersons; i++)
    await createPerson({ name: `${given[i]}${token}`, publishedDaysAgo: 400 + i, court: COURTS.suzhou.name });
});
test.afterAll(closeRegistry);

const searchBox = (page: Page) => page.getByRole('searchbox', { name: '姓名、单位名称、统一社会信用代码或案号' });
const resultCount = (page: Page) => page.getByTestId('result-count');

async function searchFromHome(page: Page, q: string) {
  await page.goto('/');
  await searchBox(page).fill(q);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/\/search\?/);
}

test('a two-character name finds that person, highlighted, with the ID masked', async ({ page }) => {
  await searchFromHome(page, person.name);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('名单查询');
  await expect(resultCount(page)).toHaveText('1');
  const card = resultCards(page);
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('link', { name: person.name })).toHaveAttribute('href', `/entries/${person.uid}`);
  await expect(card.getByRole('heading').locator('mark')).toHaveText(person.name);
  await expect(card).toContainText('自然人');
  await expect(card).toContainText(person.caseNo);
  await expect(card).toContainText(maskedId(person.idNumber));
  await expect(card).toContainText(person.court);
  expect(await page.content()).not.toContain(person.idNumber);
});

test('a common two-character name from the demo data lists exactly the public entries containing it', async ({
  page,
}) => {
  const [common] = await getDb()
    .select({ name: entries.name, n: sql<number>`count(*)::int` })
    .from(entries)
    .where(and(isPublic(), eq(entries.subjectType, 'person'), sql`char_length(${entries.name}) = 2`))
    .groupBy(entries.name)
    .orderBy(sql`count(*) DESC`, entries.name)
    .limit(1);
  // npm test always loads the demo data; without it this test has nothing to measure, so fail.
  expect(common, 'demo data must be loaded (npm test does so)').toBeTruthy();
  const name = common!.name;
  const [{ n: expected } = { n: 0 }] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .where(and(isPublic(), sql`${entries.searchName} LIKE ${`%${name}%`}`));

  await page.goto(searchUrl(name));
  await expect(resultCount(page)).toHaveText(String(expected));
  const cards = resultCards(page);
  await expect(cards).toHaveCount(Math.min(expected, 20));
  // Exact matches of the name rank first, and every shown name contains the query, marked.
  await expect(cards.first().getByRole('heading').getByRole('link')).toHaveText(name);
  for (const heading of await cards.getByRole('heading').all())
    await expect(heading.locator('mark').first()).toHaveText(name);
});

test('a fragment from the middle of a company name finds it, with the fragment in <mark>', async ({ page }) => {
  const chars = [...company.name]; // 昆山 + 4 rare characters + 科技有限公司
  const fragment = chars.slice(3, 5).join('');
  await searchFromHome(page, fragment);
  await expect(resultCount(page)).toHaveText('1');
  const card = resultCards(page);
  await expect(card.getByRole('link', { name: company.name })).toHaveAttribute('href', `/entries/${company.uid}`);
  const marks = card.getByRole('heading').locator('mark');
  await expect(marks).toHaveCount(1);
  await expect(marks).toHaveText(fragment);
  // The whole name is still shown around the mark, and the USCC is public.
  await expect(card.getByRole('heading').getByRole('link')).toHaveText(company.name);
  await expect(card).toContainText(company.idNumber);
  await expect(card).toContainText('统一社会信用代码');
});

test('a resident ID number finds nobody: the same answer for a listed and an unlisted ID, however it is typed', async ({
  page,
  request,
}) => {
  // Persons are searched by name, never by ID number: an answer that differed for a listed
  // ID would confirm a guessed number (a masked ID leaves ~33 candidates; design rule 10).
  const unlisted = await freshResidentId();
  await searchFromHome(page, person.idNumber);
  await expect(page).toHaveURL(searchUrl(person.idNumber));
  const listedAnswer = await expectPersonIdNotSearchable(page, request, person.idNumber);
  const unlistedAnswer = await expectPersonIdNotSearchable(page, request, unlisted);
  expect(unlistedAnswer).toEqual(listedAnswer);
  // Spaced, full-width or with a lowercase check character: still an ID number, still the same answer.
  const spaced = `${person.idNumber.slice(0, 6)} ${person.idNumber.slice(6, 14)} ${person.idNumber.slice(14)}`;
  const fullWidth = person.idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  for (const q of [spaced, fullWidth])
    expect((await expectPersonIdNotSearchable(page, request, q)).api).toBe(listedAnswer.api);
  const withX = await createPerson({ idNumber: await freshResidentId({ endingInX: true }) });
  expect((await expectPersonIdNotSearchable(page, request, withX.idNumber.toLowerCase())).api).toBe(listedAnswer.api);
  // The person stays findable by name and by case number, masked.
  for (const q of [person.name, person.caseNo]) {
    await page.goto(searchUrl(q));
    await expect(resultCards(page).getByRole('link', { name: person.name })).toHaveAttribute(
      'href',
      `/entries/${person.uid}`,
    );
    await expect(resultCards(page)).toContainText(maskedId(person.idNumber));
    await expect(page.locator('main')).not.toContainText(person.idNumber);
  }
});

test('a USCC finds the company, lowercase and with spaces too', async ({ page }) => {
  await searchFromHome(page, company.idNumber);
  await expect(resultCount(page)).toHaveText('1');
  await expect(resultCards(page).getByRole('link', { name: company.name })).toBeVisible();
  await expect(resultCards(page).locator('dd mark')).toHaveText(company.idNumber);

  const spaced =
    `${company.idNumber.slice(0, 6)} ${company.idNumber.slice(6, 12)} ${company.idNumber.slice(12)}`.toLowerCase();
  await searchFromHome(page, spaced);
  await expect(resultCount(page)).toHaveText('1');
  await expect(resultCards(page).getByRole('link', { name: company.name })).toBeVisible();
});

test('a case number typed with full-width brackets and digits finds the entry', async ({ page }) => {
  const fullWidth = person.caseNo.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  expect(fullWidth).toMatch(/^（[０-９]{4}）苏０５８３执[０-９]+号$/);
  await searchFromHome(page, fullWidth);
  await expect(resultCount(page)).toHaveText('1');
  await expect(resultCards(page).getByRole('link', { name: person.name })).toHaveAttribute(
    'href',
    `/entries/${person.uid}`,
  );
  await expect(resultCards(page)).toContainText(person.caseNo);

  // The 〔〕 brackets of official documents work as well.
  await searchFromHome(page, person.caseNo.replace('(', '〔').replace(')', '〕'));
  await expect(resultCount(page)).toHaveText('1');
});

test('traditional characters and spaces in the query find the simplified name', async ({ page }) => {
  const rare = await freshToken(2);
  const entry = await createPerson({ name: `陈${rare}` });
  await searchFromHome(page, ` 陳 ${rare} `);
  await expect(resultCount(page)).toHaveText('1');
  await expect(resultCards(page).getByRole('link', { name: entry.name })).toHaveAttribute(
    'href',
    `/entries/${entry.uid}`,
  );
  // The highlight maps back onto the name as stored.
  await expect(resultCards(page).getByRole('heading').locator('mark')).toHaveText(entry.name);
});

test('date filters use the dates as shown on the page (China Standard Time)', async ({ page }) => {
  // The filter must cut days at midnight in China Standard Time, whatever the database
  // session's TimeZone is (UTC with the embedded Postgres), because that is how every page
  // shows dates.
  // Published 2024-05-01 03:00 CST (= 2024-04-30 19:00 UTC); shown as 2024年05月01日.
  const entry = await createPerson({ publishedAt: new Date(Date.UTC(2024, 3, 30, 19, 0)), validUntil: null });
  await page.goto(searchUrl(entry.name));
  await expect(resultCards(page)).toContainText('2024年05月01日');

  await page.goto(searchUrl(entry.name, { publishedFrom: '2024-05-01', publishedTo: '2024-05-01' }));
  await expect(resultCards(page), 'found when filtering on the day it shows').toHaveCount(1);
  await page.goto(searchUrl(entry.name, { publishedFrom: '2024-04-30', publishedTo: '2024-04-30' }));
  await expect(resultCards(page), 'not found when filtering on the day before').toHaveCount(0);
});

test('filters narrow the results: subject type, court, date range', async ({ page }) => {
  await page.goto(searchUrl(token));
  await expect(resultCount(page)).toHaveText(String(clusterTotal));

  // Subject type.
  await page.getByLabel('主体类型').selectOption({ label: '法人及其他组织' });
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/subjectType=organization/);
  await expect(resultCount(page)).toHaveText(String(cluster.recentOrgs));
  await expect(resultCards(page)).toHaveCount(cluster.recentOrgs);
  for (const card of await resultCards(page).all())
    await expect(card.getByRole('heading')).toContainText('法人及其他组织');
  // The form keeps the chosen filter.
  await expect(page.getByLabel('主体类型')).toHaveValue('organization');

  // Court (subject type back to all).
  await page.getByLabel('主体类型').selectOption({ label: '全部' });
  await page.getByLabel('执行法院').selectOption(COURTS.suzhou.name);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/court=/);
  await expect(resultCount(page)).toHaveText(String(cluster.oldSuzhouPersons));
  for (const card of await resultCards(page).all()) await expect(card).toContainText(COURTS.suzhou.name);

  // Date range: the last 30 days (the Suzhou entries are 400 days old).
  await page.getByLabel('执行法院').selectOption({ label: '全部' });
  await page.getByLabel('发布日期自').fill(dayFromToday(-30));
  await page.getByLabel('发布日期至').fill(dayFromToday(0));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/publishedFrom=/);
  await expect(resultCount(page)).toHaveText(String(cluster.recentPersons + cluster.recentOrgs));
  for (const card of await resultCards(page).all()) await expect(card).not.toContainText(COURTS.suzhou.name);

  // Combined: persons in the last 30 days.
  await page.getByLabel('主体类型').selectOption('person');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(resultCount(page)).toHaveText(String(cluster.recentPersons));

  // And a range with nothing in it.
  await page.goto(searchUrl(token, { publishedFrom: dayFromToday(-200), publishedTo: dayFromToday(-100) }));
  await expect(page.getByRole('heading', { level: 2, name: /未找到与/ })).toBeVisible();
  await expect(resultCards(page)).toHaveCount(0);
  // Nothing found says what the list covers and where the nationwide list is.
  await expect(page.getByRole('main')).toContainText('不等于未被任何法院列入失信被执行人名单');
  await expect(page.getByRole('main').getByRole('link', { name: '中国执行信息公开网' })).toHaveAttribute(
    'href',
    NATIONAL_LIST.url,
  );
});

test('pagination: page 2 keeps the query and shows the remaining results', async ({ page }) => {
  await page.goto(searchUrl(token));
  await expect(resultCount(page)).toHaveText(String(clusterTotal));
  await expect(resultCards(page)).toHaveCount(20);
  const firstPage = await resultCards(page)
    .getByRole('heading')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const pager = page.getByRole('navigation', { name: '分页' });
  await expect(pager).toContainText('第 1 页 / 共 2 页');
  await expect(pager.getByRole('link', { name: '上一页' })).toHaveCount(0);

  await pager.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(searchUrl(token, { page: '2' }));
  await expect(pager).toContainText('第 2 页 / 共 2 页');
  await expect(resultCards(page)).toHaveCount(clusterTotal - 20);
  const secondPage = await resultCards(page)
    .getByRole('heading')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
  await expect(pager.getByRole('link', { name: '下一页' })).toHaveCount(0);

  await pager.getByRole('link', { name: '上一页' }).click();
  await expect(page).toHaveURL(searchUrl(token, { page: '1' }));
  await expect(resultCards(page)).toHaveCount(20);

  // 尾页, 首页 and the jump box keep the query too.
  await pager.getByRole('link', { name: '尾页' }).click();
  await expect(pager).toContainText('第 2 页 / 共 2 页');
  await pager.getByRole('link', { name: '首页' }).click();
  await expect(pager).toContainText('第 1 页 / 共 2 页');
  await pager.getByLabel('跳至第').fill('2');
  await pager.getByRole('button', { name: '跳转' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]page=2(&|$)`));
  await expect(pager).toContainText('第 2 页 / 共 2 页');
  await expect(resultCards(page)).toHaveCount(clusterTotal - 20);

  // With a filter, the pager keeps it.
  await page.goto(searchUrl(token, { subjectType: 'person' }));
  await expect(resultCount(page)).toHaveText(String(cluster.recentPersons + cluster.oldSuzhouPersons));
  await expect(pager).toHaveCount(0);
});

test('the empty query lists nobody', async ({ page, request }) => {
  for (const url of ['/search', '/search?q=', '/search?q=%20%20']) {
    await page.goto(url);
    await expect(page.locator('main')).toContainText('请输入姓名、单位名称、统一社会信用代码或案号后查询');
    await expect(resultCards(page)).toHaveCount(0);
    await expect(page.locator('main a[href^="/entries/"]')).toHaveCount(0);
    await expect(errorSummary(page)).toHaveCount(0);
  }
  // Submitting the empty form does the same.
  await page.goto('/');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/\/search\?q=$/);
  await expect(resultCards(page)).toHaveCount(0);

  const api = await request.get('/api/v1/search?q=');
  expect(api.status()).toBe(422);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('query_required');
});

test('a one-character query shows the Chinese error message', async ({ page, request }) => {
  await searchFromHome(page, '王');
  const summary = errorSummary(page);
  await expect(summary).toContainText('请修改以下内容');
  await expect(summary.getByRole('link', { name: '请至少输入 2 个字' })).toHaveAttribute('href', '#q');
  await expect(page.locator('#q-error')).toHaveText('请至少输入 2 个字');
  await expect(searchBox(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(searchBox(page)).toHaveValue('王');
  await expect(resultCards(page)).toHaveCount(0);

  const api = await request.get(`/api/v1/search?q=${encodeURIComponent('王')}`);
  expect(api.status()).toBe(422);
  const body = (await api.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('query_too_short');
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
});

test('an invalid date filter shows an error summary linked to the field', async ({ page, request }) => {
  await page.goto(searchUrl(token, { publishedFrom: '2024-02-30' }));
  const summary = errorSummary(page);
  await expect(summary).toContainText('请修改以下内容');
  await expect(summary.getByRole('link', { name: '发布日期自不是有效日期' })).toHaveAttribute('href', '#publishedFrom');
  await expect(page.getByLabel('发布日期自')).toHaveAttribute('aria-invalid', 'true');
  await expect(resultCards(page)).toHaveCount(0);

  // Through the form: a start date after the end date.
  await page.goto(searchUrl(token));
  await page.getByLabel('发布日期自').fill('2024-05-01');
  await page.getByLabel('发布日期至').fill('2024-01-01');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(errorSummary(page).getByRole('link', { name: '开始日期不能晚于结束日期' })).toHaveAttribute(
    'href',
    '#publishedTo',
  );
  await expect(page.getByLabel('发布日期至')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#publishedTo-error')).toHaveText('开始日期不能晚于结束日期');
  await expect(resultCards(page)).toHaveCount(0);
  // The user's input is kept.
  await expect(searchBox(page)).toHaveValue(token);
  await expect(page.getByLabel('发布日期自')).toHaveValue('2024-05-01');

  const api = await request.get(`/api/v1/search?q=${encodeURIComponent(token)}&publishedFrom=2024-13-01`);
  expect(api.status()).toBe(422);
  const body = (await api.json()) as { error: { code: string; fields: { field: string }[] } };
  expect(body.error.code).toBe('invalid_parameters');
  expect(body.error.fields.map((f) => f.field)).toContain('publishedFrom');
});

test.describe('entries that are not public never appear', () => {
  const hidden: { label: string; make: () => Promise<Created> }[] = [
    { label: 'restricted (依法不宜公开)', make: () => createPerson({ disclosure: 'restricted' }) },
    {
      label: 'expired',
      make: () => createPerson({ publishedDaysAgo: 3 * 365, validUntil: new Date(Date.now() - 2 * DAY) }),
    },
    {
      label: 'shielded',
      make: async () => {
        const e = await createPerson();
        await shieldEntry(e.uid, { reason: '纳入错误', actor: 'e2e' });
        return e;
      },
    },
    { label: 'not yet published', make: () => createPerson({ publishedAt: new Date(Date.now() + 2 * DAY) }) },
    { label: 'restricted organisation', make: () => createOrganization({ disclosure: 'restricted' }) },
  ];

  for (const { label, make } of hidden) {
    test(label, async ({ page, request }) => {
      const entry = await make();
      // An organisation is searched by its code too; a person's ID number is never searched at all.
      const queries = [entry.name, entry.caseNo];
      if (entry.subjectType === 'organization') queries.push(entry.idNumber, [...entry.name].slice(2, 4).join(''));
      else await expectPersonIdNotSearchable(page, request, entry.idNumber);
      for (const q of queries) {
        await page.goto(searchUrl(q));
        await expect(page.getByRole('heading', { level: 2, name: /未找到与/ })).toBeVisible();
        await expect(resultCards(page)).toHaveCount(0);

        const api = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
        expect(api.status()).toBe(200);
        const body = (await api.json()) as { total: number; results: { uid: string }[] };
        expect(body.total).toBe(0);
        expect(body.results).toEqual([]);
      }

      const detail = await page.goto(`/entries/${entry.uid}`);
      expect(detail?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到公示信息');
      await expect(page.locator('body')).not.toContainText(entry.name);

      const api = await request.get(`/api/v1/entries/${entry.uid}`);
      expect(api.status()).toBe(404);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');

      await page.goto('/');
      await expect(page.locator('main')).not.toContainText(entry.caseNo);
    });
  }
});

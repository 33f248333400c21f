/**
 * Articles (issue 13, part 2): written by one credit-office member, published only when a second approves, then on
 * the home page, its section, its own page and the feed; withdrawn, gone from all four at once. Attachments are
 * judged by content; a script typed into the body is text.
 */
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { articleEvents, articleFiles, articles } from '@/db/schema';
import { approveArticle, createArticle, submitArticle } from '@/domain/publishing/articles';
import { HOME_COURT } from '@/lib/auth/staff-identity';
import { closeRegistry, createPerson, errorSummary, expectNoAxeViolations, revokeEntry } from './fixtures';
import { PDF } from './application-fixtures';
import { createStaff, signIn } from './staff-fixtures';

test.afterAll(closeRegistry);

/** A Windows program (MZ … PE header), as the evidence attack uses. */
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
  Buffer.alloc(512, 0x90),
]);

async function articleByTitle(title: string) {
  const [row] = await getDb().select().from(articles).where(eq(articles.title, title));
  return row!;
}

/** Whether the article shows on the home page, its section's list, its own page and in the feed: all four agree. */
async function publicPresence(page: Page, title: string, path: string) {
  await page.goto('/');
  const home = await page.getByTestId('latest-articles').getByRole('link', { name: title }).count();
  await page.goto('/articles/news');
  const list = await page.getByTestId('article-list').getByRole('link', { name: title }).count();
  const detail = await page.request.get(path);
  const feed = await page.request.get('/articles/feed.xml');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
  expect(feed.headers()['cache-control']).toContain('no-store');
  const inFeed = (await feed.text()).includes(`<title>${title}</title>`);
  return { home: home > 0, list: list > 0, detail: detail.status(), feed: inFeed };
}

test('A writes and submits, A cannot approve, B approves: public everywhere; B withdraws: gone everywhere', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `联合惩戒动态 ${Date.now()}`;
  const writer = await browser.newContext();
  const a = await writer.newPage();
  await signIn(a, await createStaff('credit_office', { name: '撰写人甲' }));
  await a.getByRole('link', { name: '信息发布', exact: true }).first().click();
  await expect(a.getByRole('heading', { level: 1, name: '信息发布' })).toBeVisible();

  // Bad input first: nothing is stored, the messages are Chinese and name the fields.
  await a.getByRole('button', { name: '保存草稿' }).click();
  await expect(errorSummary(a)).toContainText('请选择栏目');
  await expect(errorSummary(a)).toContainText('请填写标题');
  await expect(errorSummary(a)).toContainText('请填写正文');
  await expectNoAxeViolations(a, 'staff articles, new article with errors');

  await a.getByLabel('栏目').selectOption({ label: '信用动态' });
  await a.getByLabel('标题').fill(title);
  await a.getByLabel('正文').fill('本月各成员单位共实施联合惩戒措施 **120** 项。\n\n<script>window.pwned=1</script>');
  await a.getByRole('button', { name: '保存草稿' }).click();
  await expect(a.getByRole('status')).toContainText('草稿已保存');
  const { id } = await articleByTitle(title);
  const path = `/articles/news/${id}`;
  await expect(a).toHaveURL(`/admin/articles/${id}?done=created`);
  await expectNoAxeViolations(a, 'staff article, own draft');

  // A renamed program is refused by its content; a real PDF is taken.
  const upload = a.getByLabel('上传附件');
  await upload.setInputFiles({ name: '通报.pdf', mimeType: 'application/pdf', buffer: EXE });
  await a.getByRole('button', { name: '上传', exact: true }).click();
  await expect(errorSummary(a)).toContainText('“通报.pdf”不是 PDF、JPG 或 PNG 文件（按文件内容判断）');
  expect(await getDb().select().from(articleFiles).where(eq(articleFiles.articleId, id))).toHaveLength(0);
  await upload.setInputFiles({ name: '通报.pdf', mimeType: 'application/pdf', buffer: PDF });
  await a.getByRole('button', { name: '上传', exact: true }).click();
  await expect(a.getByRole('status')).toContainText('附件已上传');

  await a.getByRole('button', { name: '提交审核' }).click();
  await expect(a.getByRole('status')).toContainText('已提交审核');
  // The author is offered no review, and a crafted approval from the author changes nothing.
  await expect(a.getByRole('button', { name: '审核通过并发布' })).toHaveCount(0);
  await expect(a.getByTestId('review-elsewhere')).toContainText('撰写人不能审核自己的文章');
  expect((await articleByTitle(title)).status).toBe('in_review');

  const anon = await browser.newContext();
  const visitor = await anon.newPage();
  expect(await publicPresence(visitor, title, path)).toEqual({ home: false, list: false, detail: 404, feed: false });

  const reviewer = await browser.newContext();
  const b = await reviewer.newPage();
  await signIn(b, await createStaff('credit_office', { name: '审核人乙' }));
  await b.goto('/admin/articles?status=in_review');
  await b.getByTestId('staff-article-row').getByRole('link', { name: title }).click();

  // The reviewer's approval, captured and held back, replayed with the author's session and a department
  // officer's: neither publishes it.
  const approval = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
    void b.route(`**/admin/articles/${id}`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      resolve({ headers: await request.allHeaders(), body: request.postDataBuffer()! });
      await route.abort();
    });
  });
  await b.getByRole('button', { name: '审核通过并发布' }).click();
  await b
    .getByRole('dialog', { name: '审核通过并发布该文章' })
    .getByRole('button', { name: '确认审核通过并发布' })
    .click();
  const captured = await approval;
  await b.unroute(`**/admin/articles/${id}`);
  const replay = (as: Page) =>
    as.request.fetch(`/admin/articles/${id}`, {
      method: 'POST',
      headers: {
        'next-action': captured.headers['next-action']!,
        'content-type': captured.headers['content-type']!,
        origin: captured.headers.origin!,
      },
      data: captured.body,
      maxRedirects: 0,
    });
  const byAuthor = await replay(a);
  expect(await byAuthor.text()).toContain('不能审核自己撰写的文章');
  const officer = await browser.newContext();
  const o = await officer.newPage();
  await signIn(o, await createStaff('department_officer'));
  expect((await replay(o)).status()).toBe(403);
  await officer.close();
  expect((await articleByTitle(title)).status).toBe('in_review');
  expect(await publicPresence(visitor, title, path)).toEqual({ home: false, list: false, detail: 404, feed: false });

  await b.reload();
  await b.getByRole('button', { name: '审核通过并发布' }).click();
  const dialog = b.getByRole('dialog', { name: '审核通过并发布该文章' });
  await expect(dialog).toContainText(title);
  await dialog.getByRole('button', { name: '确认审核通过并发布' }).click();
  await expect(b.getByRole('status')).toContainText('文章已发布');
  await expect(b.getByTestId('article-status')).toHaveText('已发布');
  await expect(b.getByTestId('article-history')).toContainText('起草：撰写人甲');
  await expect(b.getByTestId('article-history')).toContainText('审核通过并发布：审核人乙');
  await expectNoAxeViolations(b, 'staff article, published');

  expect(await publicPresence(visitor, title, path)).toEqual({ home: true, list: true, detail: 200, feed: true });
  await visitor.goto(path);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(visitor).toHaveTitle(new RegExp(`^${title} · 信用动态`));
  await expect(visitor.locator('.article-body strong')).toHaveText('120');
  await expect(visitor.locator('.article-body')).toContainText('<script>window.pwned=1</script>'); // as text
  expect(await visitor.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  const fileHref = (await visitor.getByRole('link', { name: '通报.pdf' }).getAttribute('href'))!;
  const download = await visitor.request.get(fileHref);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  await visitor.goto('/articles/news');
  await expect(visitor.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    'href',
    '/articles/feed.xml',
  );

  // Withdrawing is asked twice and needs a reason.
  await b.getByRole('button', { name: '撤回', exact: true }).click();
  await b.getByRole('dialog', { name: '撤回该文章' }).getByRole('button', { name: '确认撤回' }).click();
  await expect(errorSummary(b)).toContainText('请填写理由');
  expect((await articleByTitle(title)).status).toBe('published');
  await b.getByLabel('撤回理由').fill('数据口径有误，更正后重新发布');
  await b.getByRole('button', { name: '撤回', exact: true }).click();
  await b.getByRole('dialog', { name: '撤回该文章' }).getByRole('button', { name: '确认撤回' }).click();
  await expect(b.getByRole('status')).toContainText('文章已撤回');

  expect(await publicPresence(visitor, title, path)).toEqual({ home: false, list: false, detail: 404, feed: false });
  await visitor.goto(path);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('未找到该文章');
  await expect(visitor).toHaveTitle(/^未找到该文章 · 信用动态/);
  expect((await visitor.request.get(fileHref)).status()).toBe(404);

  const events = await getDb().select().from(articleEvents).where(eq(articleEvents.articleId, id));
  expect(events.map((e) => e.kind)).toEqual(['created', 'attached', 'submitted', 'published', 'withdrawn']);
  await Promise.all([writer.close(), reviewer.close(), anon.close()]);
});

test('a court clerk writes the court’s 通报 under 信用动态 only, and cannot review', async ({ page }) => {
  // Another clerk of the same court has a 通报 in review.
  const other = { id: 'x', name: '法院', email: `clerk.${Date.now()}@e2e.ks.example.cn`, role: 'court_clerk' as const };
  const colleague = { ...other, departmentCode: null, court: HOME_COURT, reviewsRemovals: false };
  const title = `法院通报 ${Date.now()}`;
  const draft = await createArticle(colleague, { kind: 'news', title, body: '本院本月通报。' });
  await submitArticle(colleague, draft.id);

  await signIn(page, await createStaff('court_clerk'));
  await page.goto('/admin/articles');
  const kinds = await page.getByLabel('栏目').locator('option').allTextContents();
  expect(kinds).toEqual(['请选择', '信用动态']);
  await page.goto('/admin/articles?status=in_review');
  await page.getByTestId('staff-article-row').getByRole('link', { name: title }).click();
  await expect(page.getByTestId('review-elsewhere')).toHaveText('文章待市信用办工作人员审核。');
  await expect(page.getByRole('button', { name: '审核通过并发布' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '提交审核' })).toHaveCount(0); // not theirs to edit either
});

test('the seed is the first 政策文件, with its attachments linked', async ({ page }) => {
  await page.goto('/articles/policies');
  await page.getByRole('link', { name: '关于落实对失信被执行人联合惩戒机制的实施意见（试行）' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '关于落实对失信被执行人联合惩戒机制的实施意见（试行）',
  );
  await expect(page.getByRole('heading', { level: 2, name: '四、加大工作推进力度' })).toBeVisible();
  await expect(page.getByRole('link', { name: '对失信被执行人实施联合惩戒措施表' })).toHaveAttribute(
    'href',
    '/measures',
  );
});

test('the section search refuses an ID number, and an unknown section is a 404', async ({ page }) => {
  await page.goto('/articles/news?q=32058319800101123');
  await expect(errorSummary(page)).toContainText('检索词不能包含证件号码');
  expect((await page.request.get('/articles/blog')).status()).toBe(404);
  expect((await page.request.get('/articles/news/abc')).status()).toBe(404);
  expect((await page.request.get('/articles/files/not-a-file')).status()).toBe(404);
});

test('a 典型案例 shows its entry only while it is public; an ID typed into it is masked, page and feed alike', async ({
  page,
}) => {
  const entry = await createPerson();
  const staff = (email: string) => ({
    id: 'x',
    name: '市信用办',
    email: `${email}.${Date.now()}@e2e.ks.example.cn`,
    role: 'credit_office' as const,
    departmentCode: null,
    court: null,
    reviewsRemovals: false,
  });
  const [author, reviewer] = [staff('author'), staff('reviewer')];
  const title = `典型案例 ${Date.now()}`;
  const typedId = entry.idNumber; // typed into the body by mistake
  const draft = await createArticle(author, {
    kind: 'case',
    title,
    body: `被执行人（身份证号${typedId}）经联合惩戒后主动履行。`,
    entryUid: entry.uid,
  });
  await submitArticle(author, draft.id);
  await approveArticle(reviewer, draft.id);
  const path = `/articles/cases/${draft.id}`;
  const masked = `${typedId.slice(0, 10)}****${typedId.slice(14)}`;

  await page.goto(path);
  const linked = page.getByRole('complementary', { name: '相关公示信息' });
  await expect(linked.getByRole('link', { name: entry.name })).toHaveAttribute('href', `/entries/${entry.uid}`);
  await expect(linked).toContainText(entry.caseNo);
  await expect(page.locator('.article-body')).toContainText(masked);
  const feed = await (await page.request.get('/articles/feed.xml')).text();
  expect(feed).toContain(title);
  expect(feed).not.toContain(typedId);

  await revokeEntry(entry.uid, { reason: '全部履行', actor: 'e2e' });
  const html = await (await page.request.get(path)).text();
  for (const secret of [entry.name, entry.caseNo, entry.idNumber, entry.uid]) expect(html).not.toContain(secret);
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('complementary', { name: '相关公示信息' })).toHaveCount(0);
});

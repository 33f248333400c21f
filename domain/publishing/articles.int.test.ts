/**
 * Articles: written by one person, published only when a second approves, gone from every public read the moment
 * they are withdrawn; each step an event with who and when; bad input and wrong people refused with a Chinese
 * message and nothing changed.
 */
import { eq, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { articleEvents, articleFiles, articles, entries } from '@/db/schema';
import { revokeEntry, saveEntry } from '@/domain/entries/entries';
import {
  approveArticle,
  ArticleError,
  attachFiles,
  createArticle,
  detachFile,
  editArticle,
  returnArticle,
  staffArticle,
  staffArticles,
  submitArticle,
  withdrawArticle,
} from '@/domain/publishing/articles';
import {
  latestArticles,
  publishedArticle,
  publishedArticleFile,
  publishedArticles,
} from '@/domain/publishing/public-articles';
import { loadReferenceData, SEED_POLICY } from '@/db/reference-data';
import { SEED_ACTOR } from '@/lib/articles/terms';
import { HOME_COURT, staffActor } from '@/lib/auth/staff-identity';
import { ACTOR, makePerson, residentId, staffMember, uniqueUid } from '@/db/tests/factory';

const office = () => staffMember('credit_office');
const clerk = (court: string = HOME_COURT) => staffMember('court_clerk', null, court);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function draft(over: Record<string, unknown> = {}) {
  return {
    kind: 'news',
    title: `联合惩戒动态 ${uniqueUid('a')}`,
    body: '本月共实施惩戒措施。',
    ...over,
  };
}

async function rowOf(id: number) {
  return (await getDb().select().from(articles).where(eq(articles.id, id)))[0]!;
}
async function eventsOf(id: number) {
  return getDb().select().from(articleEvents).where(eq(articleEvents.articleId, id)).orderBy(articleEvents.id);
}
async function expectRefused(p: Promise<unknown>, code: ArticleError['code']) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArticleError);
  expect((err as ArticleError).code).toBe(code);
  expect((err as ArticleError).message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message for the form
}
async function expectInvalid(p: Promise<unknown>, message: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZodError);
  expect((err as ZodError).issues.map((i) => i.message).join('；')).toMatch(message);
}
async function isPublic(id: number, kind: 'news' | 'case' | 'policy' | 'announcement' = 'news') {
  const title = (await rowOf(id)).title;
  const [detail, list, latest] = await Promise.all([
    publishedArticle(kind, id),
    publishedArticles({ kind, page: 1, q: title }),
    latestArticles(50),
  ]);
  const flags = [detail !== null, list.articles.some((a) => a.id === id), latest.some((a) => a.id === id)];
  expect(new Set(flags).size, `detail, list and latest agree: ${flags.join(',')}`).toBe(1);
  return flags[0]!;
}

describe('draft → review → published → withdrawn', () => {
  it('is published only after a second person approves; withdrawn, it is gone from every public read', async () => {
    const author = office();
    const reviewer = office();
    const created = await createArticle(author, draft());
    expect(created.status).toBe('draft');
    expect(await isPublic(created.id)).toBe(false);

    await editArticle(author, created.id, draft({ title: created.title, body: '修改后的正文。' }));
    await submitArticle(author, created.id);
    expect((await rowOf(created.id)).status).toBe('in_review');
    expect(await isPublic(created.id)).toBe(false);

    // The author cannot approve their own article; the row and its history stay as they were.
    const before = { row: await rowOf(created.id), events: (await eventsOf(created.id)).length };
    await expectRefused(approveArticle(author, created.id), 'own_article');
    await expectRefused(returnArticle(author, created.id, '自己退回'), 'own_article');
    // Court clerks write, never review.
    await expectRefused(approveArticle(clerk(), created.id), 'not_reviewer');
    expect(await rowOf(created.id)).toEqual(before.row);
    expect((await eventsOf(created.id)).length).toBe(before.events);
    expect(await isPublic(created.id)).toBe(false);

    const published = await approveArticle(reviewer, created.id);
    expect(published).toMatchObject({ status: 'published', reviewer: staffActor(reviewer) });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await isPublic(created.id)).toBe(true);
    const shown = await publishedArticle('news', created.id);
    expect(shown!.html).toContain('修改后的正文。');
    expect(await publishedArticle('policy', created.id)).toBeNull(); // another section's address: not found

    await expectRefused(approveArticle(office(), created.id), 'not_in_review'); // replayed
    await expectRefused(editArticle(author, created.id, draft()), 'not_draft');
    await expectRefused(withdrawArticle(clerk(), created.id, '理由'), 'not_reviewer');
    await expectInvalid(withdrawArticle(reviewer, created.id, '  '), /请填写理由/);
    expect((await rowOf(created.id)).status).toBe('published');

    await withdrawArticle(reviewer, created.id, '数据有误，撤回更正');
    expect(await isPublic(created.id)).toBe(false);
    await expectRefused(withdrawArticle(reviewer, created.id, '再次撤回'), 'not_published');
    await expectRefused(submitArticle(author, created.id), 'not_draft');

    const events = await eventsOf(created.id);
    expect(events.map((e) => [e.kind, e.actor, e.note])).toEqual([
      ['created', staffActor(author), null],
      ['edited', staffActor(author), null],
      ['submitted', staffActor(author), null],
      ['published', staffActor(reviewer), null],
      ['withdrawn', staffActor(reviewer), '数据有误，撤回更正'],
    ]);
    for (const e of events) expect(Date.now() - e.at.getTime()).toBeLessThan(60_000);
  });

  it('a reviewer sends it back with a note; the author edits and submits again', async () => {
    const author = clerk();
    const reviewer = office();
    const a = await createArticle(author, draft());
    expect(a.court).toBe(HOME_COURT); // the court's 通报
    await expectRefused(returnArticle(reviewer, a.id, '先提交'), 'not_in_review');
    await submitArticle(author, a.id);
    await expectInvalid(returnArticle(reviewer, a.id, ''), /请填写理由/);
    await returnArticle(reviewer, a.id, '请补充惩戒措施的实施单位');
    expect((await rowOf(a.id)).status).toBe('draft');
    await editArticle(author, a.id, draft({ body: '已补充实施单位。' }));
    await submitArticle(author, a.id);
    await approveArticle(reviewer, a.id);
    expect(await isPublic(a.id)).toBe(true);
    const kinds = (await eventsOf(a.id)).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'submitted', 'returned', 'edited', 'submitted', 'published']);
    expect((await eventsOf(a.id))[2]).toMatchObject({ actor: staffActor(reviewer), note: '请补充惩戒措施的实施单位' });
  });

  it('only the author edits or submits a draft; another court’s clerk does not even see it', async () => {
    const author = clerk();
    const a = await createArticle(author, draft());
    await expectRefused(editArticle(clerk(), a.id, draft()), 'not_author');
    await expectRefused(submitArticle(office(), a.id), 'not_author');
    await expectRefused(submitArticle(clerk('苏州市中级人民法院'), a.id), 'not_found');
    expect(await staffArticle(clerk('苏州市中级人民法院'), a.id)).toBeNull();
    expect(await staffArticle(office(), a.id)).not.toBeNull();
    const theirs = await staffArticles(clerk('苏州市中级人民法院'), { page: 1 });
    expect(theirs.rows.some((r) => r.id === a.id)).toBe(false);
    expect((await rowOf(a.id)).status).toBe('draft');
  });

  it('the history refuses changes (append-only)', async () => {
    const a = await createArticle(office(), draft());
    await expect(
      getDb().execute(sql`UPDATE article_events SET actor = 'x' WHERE article_id = ${a.id}`),
    ).rejects.toThrow();
    await expect(getDb().execute(sql`DELETE FROM article_events WHERE article_id = ${a.id}`)).rejects.toThrow();
    expect(await eventsOf(a.id)).toHaveLength(1);
  });

  it('the database itself refuses a reviewer who is the author', async () => {
    const author = office();
    const a = await createArticle(author, draft());
    await expect(
      getDb().execute(sql`UPDATE articles SET reviewer = ${staffActor(author)} WHERE id = ${a.id}`),
    ).rejects.toThrow();
  });
});

describe('bad input changes nothing', () => {
  it('empty or oversized title and body, a wrong kind, a clerk writing policy: refused in Chinese', async () => {
    const author = office();
    const [{ n: before }] = (await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM articles`,
    )) as unknown as [{ n: number }];
    await expectInvalid(createArticle(author, draft({ title: '   ' })), /请填写标题/);
    await expectInvalid(createArticle(author, draft({ title: '标'.repeat(101) })), /标题最多 100 字/);
    await expectInvalid(createArticle(author, draft({ title: '换\n行' })), /不能换行/);
    await expectInvalid(createArticle(author, draft({ title: '张\u200b三' })), /不可见的格式字符/);
    await expectInvalid(createArticle(author, draft({ body: '' })), /请填写正文/);
    await expectInvalid(createArticle(author, draft({ body: '字'.repeat(50_001) })), /正文最多 50,000 字/);
    await expectInvalid(createArticle(author, draft({ kind: 'blog' })), /请选择栏目/);
    await expectInvalid(createArticle(author, draft({ kind: undefined })), /请选择栏目/);
    await expectInvalid(createArticle(author, draft({ entryUid: 'x' })), /只有典型案例可以关联名单信息/);
    await expectInvalid(createArticle(author, draft({ kind: 'case', entryUid: '<script>' })), /信息唯一标识/);
    await expectRefused(createArticle(clerk(), draft({ kind: 'policy' })), 'kind_not_allowed');
    await expectRefused(createArticle(staffMember('department_officer', 'org-dept'), draft()), 'not_writer');
    await expectRefused(createArticle(author, draft({ kind: 'case', entryUid: 'NO-SUCH-ENTRY' })), 'entry_not_public');
    const [{ n: after }] = (await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM articles`,
    )) as unknown as [{ n: number }];
    expect(after).toBe(before);
  });

  it('a script typed into an article is text on the public page', async () => {
    const author = office();
    const a = await createArticle(author, draft({ body: '<script>alert(1)</script> [x](javascript:alert(1))' }));
    await submitArticle(author, a.id);
    await approveArticle(office(), a.id);
    const shown = (await publishedArticle('news', a.id))!;
    expect(shown.html).not.toContain('<script');
    expect(shown.html).not.toMatch(/href="javascript/);
    expect(shown.html).toContain('&lt;script&gt;');
  });
});

describe('attachments', () => {
  it('only the author adds them to a draft; at most 10; published ones are public, drafts’ are not', async () => {
    const author = office();
    const a = await createArticle(author, draft());
    const file = { fileName: '通报.pdf', mediaType: 'application/pdf', content: PDF };
    await expectRefused(attachFiles(office(), a.id, [file]), 'not_author');
    const [id] = await attachFiles(author, a.id, [file]);
    await expectRefused(attachFiles(author, a.id, Array(10).fill(file)), 'too_many_files');
    expect(await getDb().select().from(articleFiles).where(eq(articleFiles.articleId, a.id))).toHaveLength(1);
    expect(await publishedArticleFile(id!)).toBeNull(); // a draft's file is not public
    const extra = (await attachFiles(author, a.id, [file]))[0]!;
    await detachFile(author, a.id, extra);
    await expectRefused(detachFile(author, a.id, extra), 'file_not_found');
    await submitArticle(author, a.id);
    await expectRefused(attachFiles(author, a.id, [file]), 'not_draft');
    await approveArticle(office(), a.id);
    expect((await publishedArticleFile(id!))?.fileName).toBe('通报.pdf');
    await withdrawArticle(office(), a.id, '撤回');
    expect(await publishedArticleFile(id!)).toBeNull();
  });
});

describe('public text', () => {
  it('an ID number typed into the title, summary or body is masked; a search for it finds nothing', async () => {
    const id = residentId();
    const author = office();
    const a = await createArticle(
      author,
      draft({ title: `关于${id}的通报`, summary: `涉及${id}`, body: `身份证号${id}，已履行。` }),
    );
    await submitArticle(author, a.id);
    await approveArticle(office(), a.id);
    const shown = (await publishedArticle('news', a.id))!;
    for (const text of [shown.title, shown.summary!, shown.html]) {
      expect(text).not.toContain(id);
      expect(text).toContain(`${id.slice(0, 10)}****${id.slice(14)}`);
    }
    const latest = (await latestArticles(50)).find((x) => x.id === a.id)!;
    expect(JSON.stringify(latest)).not.toContain(id);
  });

  it('search: title or body, LIKE wildcards as themselves, paging', async () => {
    const tag = uniqueUid('检索');
    const reviewer = office();
    const ids: number[] = [];
    for (let i = 0; i < 17; i++) {
      const author = office();
      const a = await createArticle(
        author,
        draft({ kind: 'announcement', title: `${tag} 第${i}号`, body: `100%_${i}` }),
      );
      await submitArticle(author, a.id);
      await approveArticle(reviewer, a.id);
      ids.push(a.id);
    }
    const page1 = await publishedArticles({ kind: 'announcement', q: tag, page: 1 });
    expect(page1.total).toBe(17);
    expect(page1.pageCount).toBe(2);
    expect(page1.articles[0]!.id).toBe(ids.at(-1)); // newest first
    const page2 = await publishedArticles({ kind: 'announcement', q: tag, page: 2 });
    expect(page2.articles).toHaveLength(2);
    expect((await publishedArticles({ kind: 'announcement', q: `${tag} 第3号`, page: 1 })).total).toBe(1);
    // `%` and `_` match themselves: `100%_3` finds one, `%` alone is not "everything".
    expect((await publishedArticles({ kind: 'announcement', q: '100%_3', page: 1 })).articles.map((x) => x.id)).toEqual(
      [ids[3]],
    );
    expect((await publishedArticles({ kind: 'announcement', q: 'no%such', page: 1 })).total).toBe(0);
    expect((await publishedArticles({ kind: 'news', q: tag, page: 1 })).total).toBe(0); // another section
  });
});

describe('a 典型案例 and its entry', () => {
  async function caseAbout(uid: string) {
    const author = office();
    const a = await createArticle(
      author,
      draft({ kind: 'case', body: '某被执行人经联合惩戒后主动履行。', entryUid: uid }),
    );
    await submitArticle(author, a.id);
    await approveArticle(office(), a.id);
    return a;
  }

  it('shows the entry while it is public; nothing of it once revoked', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const a = await caseAbout(entry.uid);
    const shown = (await publishedArticle('case', a.id))!;
    expect(shown.entry).toMatchObject({ uid: entry.uid, name: entry.name, caseNo: entry.caseNo });
    expect(JSON.stringify(shown)).not.toContain(entry.idNumber!);

    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    const after = (await publishedArticle('case', a.id))!;
    expect(after.entry).toBeNull();
    const text = JSON.stringify(after);
    for (const secret of [entry.name, entry.caseNo, entry.idNumber!, entry.uid]) expect(text).not.toContain(secret);
  });

  it('shows nothing of an entry that became restricted (依法不宜公开), and a restricted one cannot be linked', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    const a = await caseAbout(entry.uid);
    await getDb().update(entries).set({ disclosure: 'restricted' }).where(eq(entries.uid, entry.uid));
    const text = JSON.stringify(await publishedArticle('case', a.id));
    for (const secret of [entry.name, entry.caseNo, entry.idNumber!]) expect(text).not.toContain(secret);
    await expectRefused(createArticle(office(), draft({ kind: 'case', entryUid: entry.uid })), 'entry_not_public');
  });
});

describe('the seed', () => {
  it('is a published 政策文件, loaded once however often the reference data are loaded', async () => {
    await Promise.all([loadReferenceData(getDb()), loadReferenceData(getDb())]);
    const rows = await getDb().select().from(articles).where(eq(articles.author, SEED_ACTOR));
    expect(rows).toHaveLength(1);
    const shown = (await publishedArticle('policy', rows[0]!.id))!;
    expect(shown.title).toBe(SEED_POLICY.title);
    expect(shown.html).toContain('<h2>四、加大工作推进力度</h2>');
    expect(shown.publishedAt.toISOString()).toBe('2017-12-30T16:00:00.000Z');
  });
});

/**
 * Articles (四(四), 四(五)): the credit office writes 通知公告, 信用动态, 典型案例 and 政策文件; a court clerk writes
 * the court's 通报 under 信用动态. An article is a draft its author edits, then in review; a second person — a
 * credit-office member who is not the author — publishes it or sends it back with a note; a published article is
 * withdrawn with a reason, for good. Every step writes an article_events row (who, when, what, the note) in the
 * same transaction, and each command locks the row, so two steps cannot cross. Public reads are
 * domain/publishing/public-articles.ts: they only ever read status 'published'.
 */
import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { articleEvents, articleFiles, articles, entries, type Article } from '@/db/schema';
import type { EvidenceFile } from '@/domain/applications/cases';
import { getPublicEntry } from '@/domain/publishing/queries';
import { ARTICLE_LIMITS, writableKinds, type ArticleEventKind, type ArticleStatus } from '@/lib/articles/terms';
import { can } from '@/lib/auth/capabilities';
import { courtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';
import { AppError } from '@/lib/errors';
import { articleDraftSchema, articleNoteSchema, type ArticleDraft } from '@/lib/validation/articles';

const MESSAGES = {
  not_found: '未找到该文章',
  not_writer: '您没有撰写文章的权限',
  not_reviewer: '只有市信用办工作人员可以审核、撤回文章',
  not_author: '只有撰写人可以修改、提交自己的草稿',
  own_article: '不能审核自己撰写的文章，请由市信用办另一位工作人员审核',
  kind_not_allowed: '法院工作人员只能在“信用动态”栏目撰写本院的通报',
  entry_not_public: '该名单信息不存在或当前不在公示范围内，不能关联',
  too_many_files: `每篇文章最多 ${ARTICLE_LIMITS.files} 个附件`,
  file_not_found: '未找到该附件',
  not_draft: '该文章已提交审核或已发布，不能再修改；如需修改，请由审核人退回',
  not_in_review: '该文章不在待审核状态，请刷新页面查看当前状态',
  not_published: '该文章未发布或已撤回，无需撤回',
} as const;

export type ArticleErrorCode = keyof typeof MESSAGES;

/** A refusal of an article command, with its Chinese message (the forms show it as it is). */
export class ArticleError extends AppError {
  constructor(readonly code: ArticleErrorCode) {
    super(MESSAGES[code]);
  }
  override deniesAccess() {
    return this.code === 'not_writer' || this.code === 'not_reviewer';
  }
}

/** Whether a staff member sees an article in the portal: the credit office all, a court clerk their court's. */
function inScope(staff: Staff, article: Pick<Article, 'court'>): boolean {
  if (staff.role === 'credit_office') return true;
  return staff.role === 'court_clerk' && article.court === courtScope(staff);
}

function scopeWhere(staff: Staff): SQL | undefined {
  if (staff.role === 'credit_office') return undefined;
  const court = courtScope(staff);
  return court ? eq(articles.court, court) : sql`false`;
}

async function lockArticle(tx: Transaction, staff: Staff, id: number): Promise<Article> {
  const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for('update');
  if (!row || !inScope(staff, row)) throw new ArticleError('not_found');
  return row;
}

async function recordEvent(tx: Transaction, articleId: number, kind: ArticleEventKind, actor: string, note?: string) {
  await tx.insert(articleEvents).values({ articleId, kind, actor, note: note ?? null });
}

/** The author's own draft, locked: anything else is refused. */
async function lockOwnDraft(tx: Transaction, staff: Staff, id: number): Promise<Article> {
  const row = await lockArticle(tx, staff, id);
  if (row.author !== staffActor(staff)) throw new ArticleError('not_author');
  if (row.status !== 'draft') throw new ArticleError('not_draft');
  return row;
}

/** An article in review, locked for a reviewer who is not its author. */
async function lockForReview(tx: Transaction, staff: Staff, id: number): Promise<Article> {
  if (!can(staff, 'reviewArticles')) throw new ArticleError('not_reviewer');
  const row = await lockArticle(tx, staff, id);
  if (row.status !== 'in_review') throw new ArticleError('not_in_review');
  if (row.author === staffActor(staff)) throw new ArticleError('own_article');
  return row;
}

/** The draft's fields as stored: parsed again (the domain trusts no caller), the writer's kind and entry checked. */
async function checkedDraft(staff: Staff, input: unknown): Promise<ArticleDraft & { court: string | null }> {
  if (!can(staff, 'writeArticles')) throw new ArticleError('not_writer');
  const draft = articleDraftSchema.parse(input);
  const court = courtScope(staff);
  if (!writableKinds(staff.role).includes(draft.kind)) throw new ArticleError('kind_not_allowed');
  // A 典型案例 may name only an entry the public may see now; it is checked again each time the article is shown.
  if (draft.entryUid && !(await getPublicEntry(draft.entryUid))) throw new ArticleError('entry_not_public');
  return { ...draft, court };
}

export async function createArticle(staff: Staff, input: unknown): Promise<Article> {
  const draft = await checkedDraft(staff, input);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(articles)
      .values({ ...draft, author: staffActor(staff) })
      .returning();
    await recordEvent(tx, row!.id, 'created', staffActor(staff));
    return row!;
  });
}

export async function editArticle(staff: Staff, id: number, input: unknown): Promise<Article> {
  const draft = await checkedDraft(staff, input);
  return getDb().transaction(async (tx) => {
    const before = await lockOwnDraft(tx, staff, id);
    // A 通报 stays the court's; the kind a clerk may choose is checked above.
    const [row] = await tx
      .update(articles)
      .set({ ...draft, court: before.court, updatedAt: sql`now()` })
      .where(eq(articles.id, id))
      .returning();
    await recordEvent(tx, id, 'edited', staffActor(staff));
    return row!;
  });
}

/** Files already judged by content (domain/applications/evidence.ts readAttachments). */
export async function attachFiles(staff: Staff, id: number, files: EvidenceFile[]): Promise<string[]> {
  return getDb().transaction(async (tx) => {
    await lockOwnDraft(tx, staff, id);
    const [held] = await tx.select({ n: count() }).from(articleFiles).where(eq(articleFiles.articleId, id));
    if ((held?.n ?? 0) + files.length > ARTICLE_LIMITS.files) throw new ArticleError('too_many_files');
    const rows = files.map((f) => ({
      id: randomUUID(),
      articleId: id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
      actor: staffActor(staff),
    }));
    await tx.insert(articleFiles).values(rows);
    await recordEvent(tx, id, 'attached', staffActor(staff), files.map((f) => f.fileName).join('、'));
    return rows.map((r) => r.id);
  });
}

export async function detachFile(staff: Staff, id: number, fileId: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    await lockOwnDraft(tx, staff, id);
    const [gone] = await tx
      .delete(articleFiles)
      .where(and(eq(articleFiles.id, fileId), eq(articleFiles.articleId, id)))
      .returning({ fileName: articleFiles.fileName });
    if (!gone) throw new ArticleError('file_not_found');
    await recordEvent(tx, id, 'detached', staffActor(staff), gone.fileName);
  });
}

async function move(
  staff: Staff,
  id: number,
  lock: (tx: Transaction, staff: Staff, id: number) => Promise<Article>,
  to: ArticleStatus,
  event: ArticleEventKind,
  set: Pick<Partial<typeof articles.$inferInsert>, 'reviewer'> & { publishedAt?: SQL; withdrawnAt?: SQL } = {},
  note?: string,
): Promise<Article> {
  return getDb().transaction(async (tx) => {
    await lock(tx, staff, id);
    const [row] = await tx
      .update(articles)
      .set({ status: to, updatedAt: sql`now()`, ...set })
      .where(eq(articles.id, id))
      .returning();
    await recordEvent(tx, id, event, staffActor(staff), note);
    return row!;
  });
}

/** The author sends the draft for review; it is then fixed until a reviewer publishes it or sends it back. */
export function submitArticle(staff: Staff, id: number): Promise<Article> {
  return move(staff, id, lockOwnDraft, 'in_review', 'submitted');
}

/** A second person approves: the article is published now, under the reviewer's name. */
export function approveArticle(staff: Staff, id: number): Promise<Article> {
  return move(staff, id, lockForReview, 'published', 'published', {
    reviewer: staffActor(staff),
    publishedAt: sql`now()`,
  });
}

/** The reviewer sends the article back to its author's drafts, saying why. */
export async function returnArticle(staff: Staff, id: number, note: unknown): Promise<Article> {
  const { note: reason } = articleNoteSchema.parse({ note });
  return move(staff, id, lockForReview, 'draft', 'returned', {}, reason);
}

/** A published article is taken down at once, with a reason; irreversible (a corrected text is a new article). */
export async function withdrawArticle(staff: Staff, id: number, note: unknown): Promise<Article> {
  const { note: reason } = articleNoteSchema.parse({ note });
  const lockPublished = async (tx: Transaction, s: Staff, articleId: number) => {
    if (!can(s, 'reviewArticles')) throw new ArticleError('not_reviewer');
    const row = await lockArticle(tx, s, articleId);
    if (row.status !== 'published') throw new ArticleError('not_published');
    return row;
  };
  return move(staff, id, lockPublished, 'withdrawn', 'withdrawn', { withdrawnAt: sql`now()` }, reason);
}

// ---------------------------------------------------------------------------
// The portal's reads
// ---------------------------------------------------------------------------

export const STAFF_ARTICLES_PAGE_SIZE = 20;

/** The articles a staff member sees, newest change first, optionally of one status. */
export async function staffArticles(staff: Staff, q: { status?: ArticleStatus; page: number }) {
  const where = and(scopeWhere(staff), q.status ? eq(articles.status, q.status) : undefined);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: articles.id,
        kind: articles.kind,
        title: articles.title,
        status: articles.status,
        court: articles.court,
        author: articles.author,
        reviewer: articles.reviewer,
        updatedAt: articles.updatedAt,
        publishedAt: articles.publishedAt,
      })
      .from(articles)
      .where(where)
      .orderBy(desc(articles.updatedAt), desc(articles.id))
      .limit(STAFF_ARTICLES_PAGE_SIZE)
      .offset((q.page - 1) * STAFF_ARTICLES_PAGE_SIZE),
    db.select({ n: count() }).from(articles).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One article with its history and attachments (not their content); null when it is not the staff member's to see. */
export async function staffArticle(staff: Staff, id: number) {
  const db = getDb();
  const [article] = await db.select().from(articles).where(eq(articles.id, id));
  if (!article || !inScope(staff, article)) return null;
  const [events, files, linked] = await Promise.all([
    db.select().from(articleEvents).where(eq(articleEvents.articleId, id)).orderBy(asc(articleEvents.id)),
    articleFileList(id),
    article.entryUid
      ? db
          .select({ uid: entries.uid, name: entries.name, caseNo: entries.caseNo })
          .from(entries)
          .where(eq(entries.uid, article.entryUid))
      : Promise.resolve([]),
  ]);
  return { article, events, files, linkedEntry: linked[0] ?? null };
}

export function articleFileList(articleId: number) {
  return getDb()
    .select({
      id: articleFiles.id,
      fileName: articleFiles.fileName,
      mediaType: articleFiles.mediaType,
      size: articleFiles.size,
    })
    .from(articleFiles)
    .where(eq(articleFiles.articleId, articleId))
    .orderBy(asc(articleFiles.at), asc(articleFiles.id));
}

/** An attachment for a staff member who sees its article (drafts' files included). */
export async function staffArticleFile(staff: Staff, fileId: string) {
  const [row] = await getDb()
    .select({ file: articleFiles, court: articles.court })
    .from(articleFiles)
    .innerJoin(articles, eq(articles.id, articleFiles.articleId))
    .where(eq(articleFiles.id, fileId));
  return row && inScope(staff, row) ? row.file : null;
}

/** Whether a staff member may review this article (the page offers the review forms only then). */
export function mayReview(staff: Staff, article: Pick<Article, 'author' | 'status'>): boolean {
  return can(staff, 'reviewArticles') && article.status === 'in_review' && article.author !== staffActor(staff);
}

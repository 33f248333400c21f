import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SuccessMessage } from '@/components/admin/fields';
import { byWhom, StaffMain, StaffSection } from '@/components/admin/staff-page';
import { actorDirectory } from '@/db/staff-queries';
import { can, requireStaff, staffActor } from '@/domain/auth/staff-session';
import { mayReview, staffArticle } from '@/domain/publishing/articles';
import { actorLabel } from '@/lib/actors';
import { renderArticleBody } from '@/lib/articles/markdown';
import { articlePath, attachmentPath, writableKinds } from '@/lib/articles/terms';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { ARTICLE_EVENT_LABELS, ARTICLE_KIND_LABELS, ARTICLE_STATUS_LABELS } from '@/lib/labels';
import {
  approveArticleAction,
  attachFilesAction,
  detachFileAction,
  editArticleAction,
  returnArticleAction,
  submitArticleAction,
  withdrawArticleAction,
} from '../actions';
import { articleDoneMessage } from '../article-done';
import { ArticleForm, AttachForm, ReviewForms, StepButton, WithdrawForm } from '../article-forms';

export const metadata: Metadata = { title: '文章详情' };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function StaffArticlePage({ params, searchParams }: Props) {
  const staff = await requireStaff(capabilityOf('/admin/articles/[id]'));
  const { id: raw } = await params;
  const found = /^[1-9]\d{0,15}$/.test(raw) ? await staffArticle(staff, Number(raw)) : null;
  if (!found) notFound();
  const { article, events, files, linkedEntry } = found;
  const id = article.id;
  const doneMessage = articleDoneMessage((await searchParams).done);
  const actors = await actorDirectory([article.author, ...events.map((e) => e.actor)]);
  const ownDraft = article.status === 'draft' && article.author === staffActor(staff);
  const images = files.filter((f) => f.mediaType.startsWith('image/')).map((f) => f.id);
  const lastReturn = article.status === 'draft' ? events.findLast((e) => e.kind === 'returned') : undefined;
  return (
    <StaffMain title={article.title}>
      {doneMessage && (
        <div className="mt-4">
          <SuccessMessage>{doneMessage}</SuccessMessage>
        </div>
      )}
      <dl className="mt-4 grid max-w-3xl grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">栏目</dt>
        <dd>{ARTICLE_KIND_LABELS[article.kind]}</dd>
        <dt className="font-semibold">状态</dt>
        <dd data-testid="article-status">{ARTICLE_STATUS_LABELS[article.status]}</dd>
        <dt className="font-semibold">撰写人</dt>
        <dd>{actorLabel(article.author, actors)}</dd>
        {article.court && (
          <>
            <dt className="font-semibold">通报法院</dt>
            <dd>{article.court}</dd>
          </>
        )}
        {linkedEntry && (
          <>
            <dt className="font-semibold">关联名单信息</dt>
            <dd>
              <a href={`/admin/entries/${encodeURIComponent(linkedEntry.uid)}`} className="text-brand-700 underline">
                {linkedEntry.name}（{linkedEntry.caseNo}）
              </a>
            </dd>
          </>
        )}
        {article.status === 'published' && (
          <>
            <dt className="font-semibold">公开地址</dt>
            <dd>
              <a href={articlePath(article)} className="text-brand-700 underline">
                {articlePath(article)}
              </a>
            </dd>
          </>
        )}
      </dl>
      {lastReturn && (
        <p className="mt-4 max-w-3xl rounded border-2 border-accent-600 p-3" data-testid="returned-note">
          审核人退回：{lastReturn.note}
        </p>
      )}

      {ownDraft && (
        <>
          <StaffSection id="edit-title" title="修改草稿">
            <div className="mt-3">
              <ArticleForm
                action={editArticleAction.bind(null, id)}
                kinds={writableKinds(staff.role)}
                initial={{
                  kind: article.kind,
                  title: article.title,
                  summary: article.summary ?? '',
                  body: article.body,
                  entryUid: article.entryUid ?? '',
                }}
                submitLabel="保存修改"
              />
            </div>
          </StaffSection>
          <StaffSection id="files-title" title="附件">
            <div className="mt-3">
              <AttachForm action={attachFilesAction.bind(null, id)} />
            </div>
          </StaffSection>
          <StaffSection id="submit-title" title="提交审核">
            <p className="mt-2 max-w-3xl">提交后由市信用办另一位工作人员审核；审核前不能修改。</p>
            <div className="mt-3">
              <StepButton action={submitArticleAction.bind(null, id)} label="提交审核" pendingLabel="正在提交…" />
            </div>
          </StaffSection>
        </>
      )}

      {mayReview(staff, article) && (
        <StaffSection id="review-title" title="审核">
          <div className="mt-3 max-w-3xl">
            <ReviewForms
              approve={approveArticleAction.bind(null, id)}
              send={returnArticleAction.bind(null, id)}
              title={article.title}
            />
          </div>
        </StaffSection>
      )}
      {article.status === 'in_review' && !mayReview(staff, article) && (
        <p className="mt-6 max-w-3xl" data-testid="review-elsewhere">
          {article.author === staffActor(staff)
            ? '文章已提交审核，须由市信用办另一位工作人员审核，撰写人不能审核自己的文章。'
            : '文章待市信用办工作人员审核。'}
        </p>
      )}
      {article.status === 'published' && can(staff, 'reviewArticles') && (
        <StaffSection id="withdraw-title" title="撤回">
          <div className="mt-3">
            <WithdrawForm action={withdrawArticleAction.bind(null, id)} title={article.title} />
          </div>
        </StaffSection>
      )}

      {files.length > 0 && (
        <StaffSection id="file-list-title" title="已上传的附件">
          <ul className="mt-2 max-w-3xl space-y-2">
            {files.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center gap-3">
                <a href={attachmentPath(f.id)} className="text-brand-700 underline">
                  {f.fileName}
                </a>
                <code className="text-sm text-slate-700">{attachmentPath(f.id)}</code>
                {ownDraft && (
                  <StepButton
                    action={detachFileAction.bind(null, id, f.id)}
                    label={`删除附件 ${f.fileName}`}
                    pendingLabel="正在删除…"
                  />
                )}
              </li>
            ))}
          </ul>
        </StaffSection>
      )}

      <StaffSection id="preview-title" title="预览">
        {article.summary && <p className="mt-2 max-w-3xl rounded bg-slate-100 p-3">{article.summary}</p>}
        <div
          className="article-body mt-3 max-w-3xl rounded border border-slate-300 bg-white p-4"
          dangerouslySetInnerHTML={{ __html: renderArticleBody(article.body, images) }}
        />
      </StaffSection>

      <StaffSection id="history-title" title="办理记录">
        <ol className="mt-2 max-w-3xl space-y-1" data-testid="article-history">
          {events.map((e) => (
            <li key={e.id}>
              <span className="font-semibold">{ARTICLE_EVENT_LABELS[e.kind]}</span>：{byWhom(e.actor, e.at, actors)}
              {e.note && <span className="ml-2 text-slate-800">（{e.note}）</span>}
            </li>
          ))}
        </ol>
      </StaffSection>
      <p className="mt-8">
        <a href="/admin/articles" className="text-brand-700 underline">
          返回文章列表
        </a>
      </p>
    </StaffMain>
  );
}

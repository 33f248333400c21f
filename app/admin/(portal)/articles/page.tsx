import type { Metadata } from 'next';
import { StaffMain, StaffSection } from '@/components/admin/staff-page';
import { StaffTable } from '@/components/admin/staff-table';
import { Pagination } from '@/components/pagination';
import { actorDirectory } from '@/db/staff-queries';
import { can, requireStaff } from '@/domain/auth/staff-session';
import { STAFF_ARTICLES_PAGE_SIZE, staffArticles } from '@/domain/publishing/articles';
import { actorLabel } from '@/lib/actors';
import { ARTICLE_STATUSES, writableKinds, type ArticleStatus } from '@/lib/articles/terms';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { formatDate } from '@/lib/format';
import { ARTICLE_KIND_LABELS, ARTICLE_STATUS_LABELS } from '@/lib/labels';
import { createArticleAction } from './actions';
import { ArticleForm } from './article-forms';

export const metadata: Metadata = { title: '信息发布' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticlesPage({ searchParams }: Props) {
  const staff = await requireStaff(capabilityOf('/admin/articles'));
  const raw = await searchParams;
  const status = ARTICLE_STATUSES.find((s) => s === raw.status) as ArticleStatus | undefined;
  const requested = Number(raw.page);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const { rows, total } = await staffArticles(staff, { status, page });
  const actors = await actorDirectory(rows.map((r) => r.author));
  const tab = 'rounded border px-3 py-1 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white';
  return (
    <StaffMain
      title="信息发布"
      intro={
        <p className="mt-2 max-w-3xl text-slate-800">
          宣传参与联合惩戒单位所做的工作、取得的成效和典型案例（四（四）），适时编制联合惩戒动态、发布通报（四（五））。
          文章由撰写人提交后，须经市信用办另一位工作人员审核通过才会发布。
          {can(staff, 'reviewArticles') ? '' : '法院工作人员在“信用动态”栏目撰写本院的通报。'}
        </p>
      }
    >
      <StaffSection id="list-title" className="mt-6" title="文章">
        <nav aria-label="按状态筛选" className="mt-3 flex flex-wrap gap-2">
          <a href="/admin/articles" aria-current={status ? undefined : 'page'} className={tab}>
            全部
          </a>
          {ARTICLE_STATUSES.map((s) => (
            <a
              key={s}
              href={`/admin/articles?status=${s}`}
              aria-current={status === s ? 'page' : undefined}
              className={tab}
            >
              {ARTICLE_STATUS_LABELS[s]}
            </a>
          ))}
        </nav>
        <p className="mt-3 text-slate-800">共 {total} 篇</p>
        {total > 0 && (
          <div className="mt-2">
            <StaffTable headers={['标题', '栏目', '状态', '撰写人', '更新时间']} testId="staff-articles">
              {rows.map((r) => (
                <tr key={r.id} data-testid="staff-article-row">
                  <td className="px-3 py-2">
                    <a href={`/admin/articles/${r.id}`} className="text-brand-700 underline">
                      {r.title}
                    </a>
                  </td>
                  <td className="px-3 py-2">{ARTICLE_KIND_LABELS[r.kind]}</td>
                  <td className="px-3 py-2">{ARTICLE_STATUS_LABELS[r.status]}</td>
                  <td className="px-3 py-2 break-all">{actorLabel(r.author, actors)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.updatedAt)}</td>
                </tr>
              ))}
            </StaffTable>
          </div>
        )}
        <Pagination
          page={page}
          pageCount={Math.ceil(total / STAFF_ARTICLES_PAGE_SIZE)}
          params={{ status }}
          path="/admin/articles"
        />
      </StaffSection>
      <StaffSection id="new-title" title="撰写新文章">
        <div className="mt-3">
          <ArticleForm action={createArticleAction} kinds={writableKinds(staff.role)} submitLabel="保存草稿" />
        </div>
      </StaffSection>
    </StaffMain>
  );
}

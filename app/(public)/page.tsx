import { connection } from 'next/server';
import { LatestArticles } from '@/components/articles/latest-articles';
import { ElderTasks } from '@/components/elder-tasks';
import { EntryCard } from '@/components/entry-card';
import { SearchForm } from '@/components/search-form';
import { currentUiMode } from '@/domain/http/ui-mode';
import { latestPublicEntries, recentPublicEntryCounts } from '@/domain/publishing/queries';

export default async function HomePage() {
  await connection(); // registry data: rendered per request, never prerendered
  if ((await currentUiMode()) === 'elder') {
    return (
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
        <h1 className="text-3xl font-bold">失信被执行人名单查询</h1>
        <ElderTasks />
      </main>
    );
  }
  const [counts, latest] = await Promise.all([recentPublicEntryCounts(), latestPublicEntries(8)]);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">失信被执行人名单查询</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        昆山市人民法院依法将不履行生效法律文书确定义务的被执行人纳入失信被执行人名单，实时推送至本平台公示，实施“一处失信、处处受限”的联合惩戒。
      </p>
      <section className="mt-6 rounded border border-slate-300 bg-white p-5" aria-label="查询">
        <SearchForm />
      </section>

      <section className="mt-8" aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="text-xl font-bold">
          当前公示
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-2">
          <div className="rounded border border-slate-300 bg-white p-4">
            <dt className="text-slate-700">自然人</dt>
            <dd className="text-3xl font-bold text-brand-700" data-testid="count-person">
              {counts.person.toLocaleString('zh-CN')} <span className="text-base font-normal text-slate-700">人</span>
            </dd>
          </div>
          <div className="rounded border border-slate-300 bg-white p-4">
            <dt className="text-slate-700">法人及其他组织</dt>
            <dd className="text-3xl font-bold text-brand-700" data-testid="count-organization">
              {counts.organization.toLocaleString('zh-CN')}{' '}
              <span className="text-base font-normal text-slate-700">家</span>
            </dd>
          </div>
        </dl>
      </section>

      <LatestArticles />

      <div className="mt-8 grid gap-8 lg:grid-cols-3">
        <section className="lg:col-span-2" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="text-xl font-bold">
            最新公布
          </h2>
          <div className="mt-3 space-y-3">
            {latest.map((entry) => (
              <EntryCard key={entry.uid} entry={entry} />
            ))}
          </div>
        </section>
        <section aria-labelledby="links-heading">
          <h2 id="links-heading" className="text-xl font-bold">
            公开信息
          </h2>
          <ul className="mt-3 space-y-2">
            <li>
              <a className="text-brand-700 underline" href="/notices">
                撤销、屏蔽公告
              </a>
            </li>
            <li>
              <a className="text-brand-700 underline" href="/measures">
                对失信被执行人实施联合惩戒措施（41项）
              </a>
            </li>
            <li>
              <a className="text-brand-700 underline" href="/departments">
                联合惩戒成员单位名单
              </a>
            </li>
          </ul>
          <div className="mt-6 rounded border border-slate-300 bg-white p-4 text-sm text-slate-800">
            <h3 className="font-semibold">救济途径</h3>
            <p className="mt-1">
              被执行人认为将其纳入失信名单错误的，可自收到决定或知晓该决定之日起 10
              日内向列入名单的执行法院申请纠正，法院自收到申请之日起 3 日内审查。
            </p>
          </div>
        </section>
      </div>
    </main>
  );
}

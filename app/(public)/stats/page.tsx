import type { Metadata } from 'next';
import { connection } from 'next/server';
import { COLORS } from '@/components/stats/chart-figure';
import { EntryStatsSections } from '@/components/stats/entry-stats';
import { publicStats } from '@/db/stats';

export const metadata: Metadata = { title: '公示统计' };

export default async function StatsPage() {
  await connection(); // registry data: counted per request, never prerendered or cached
  const stats = await publicStats();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">公示统计</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        以下统计只计入本平台当前公示的失信被执行人信息，以及已公告的撤销、屏蔽信息，按北京时间统计，实时更新。每张图旁附有数据表。
      </p>
      <EntryStatsSections
        stats={stats}
        months={['新增公示', '撤销、屏蔽']}
        monthNote="新增公示：按发布时间计入、目前仍在公示的信息；撤销、屏蔽：按撤销或屏蔽时间计入的公告。单位：条。"
        columns={[{ label: '公示中', color: COLORS.blue }]}
      />
    </main>
  );
}

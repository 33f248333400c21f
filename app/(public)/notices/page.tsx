import type { Metadata } from 'next';
import { connection } from 'next/server';
import { recentRemovalNotices } from '@/domain/publishing/queries';
import { config } from '@/lib/config';
import { cstDate } from '@/lib/cst';
import { formatDate } from '@/lib/format';
import { REMOVAL_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '撤销公告' };

export default async function NoticesPage() {
  await connection();
  const notices = await recentRemovalNotices(config.noticeDays);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">失信被执行人名单撤销、屏蔽公告</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        失信被执行人全部履行义务、执行和解履行完毕或案件依法终结执行等，执行法院依法撤销或屏蔽其失信信息。以下为近{' '}
        {config.noticeDays} 日内撤销、屏蔽的名单信息，自然人姓名已隐去部分字符。
      </p>
      {notices.length === 0 ? (
        <p className="mt-6 rounded border border-slate-300 bg-white p-4">
          近 {config.noticeDays} 日内暂无撤销、屏蔽信息。
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded border border-slate-300 bg-white">
          <table className="w-full min-w-[40rem] text-left">
            <caption className="sr-only">撤销、屏蔽公告，共 {notices.length} 条</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className="px-4 py-2">
                  日期
                </th>
                <th scope="col" className="px-4 py-2">
                  类型
                </th>
                <th scope="col" className="px-4 py-2">
                  被执行人
                </th>
                <th scope="col" className="px-4 py-2">
                  案号
                </th>
                <th scope="col" className="px-4 py-2">
                  执行法院
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {notices.map((n) => (
                <tr key={n.uid} data-testid="notice-row">
                  <td className="px-4 py-2 whitespace-nowrap">
                    <time dateTime={cstDate(new Date(n.at))}>{formatDate(n.at)}</time>
                  </td>
                  <td className="px-4 py-2">{REMOVAL_LABELS[n.kind]}</td>
                  <td className="px-4 py-2">{n.displayName}</td>
                  <td className="px-4 py-2">{n.caseNo}</td>
                  <td className="px-4 py-2">{n.court}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

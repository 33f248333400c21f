import type { Metadata } from 'next';
import { TIME_RULES } from '@/lib/clocks';

export const metadata: Metadata = { title: '异议、纠错与信用修复' };

const ROUTES = [
  {
    href: '/apply/correction',
    title: '纠错申请',
    who: '认为自己被错误纳入失信名单',
    text:
      `向列入名单的执行法院申请纠正。须在收到决定或知晓该决定之日起 ${TIME_RULES.correctionWindowDays.days} 日内提出，法院 ` +
      `${TIME_RULES.courtReviewDays.days} 日内审查。`,
  },
  {
    href: '/apply/objection',
    title: '异议申请',
    who: '对某项联合惩戒措施有异议',
    text: `向实施该措施的部门申请复核，可同时向多个部门提出，各部门 ${TIME_RULES.objectionDays.days} 日内办理。`,
  },
  {
    href: '/apply/repair',
    title: '信用修复申请',
    who: '失信信息已被撤销或屏蔽',
    text: `向市公共信用信息中心申请修复信用记录，${TIME_RULES.repairDays.days} 日内办理。`,
  },
];

export default function ApplyPage() {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">异议、纠错与信用修复</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        无需注册。提交后会得到查询号和访问码，可随时在
        <a href="/track" className="text-brand-700 underline">
          申请查询
        </a>
        页面查看办理进度和决定。
      </p>
      <ul className="mt-6 grid gap-4 md:grid-cols-3">
        {ROUTES.map((r) => (
          <li key={r.href} className="rounded border border-slate-300 bg-white p-4">
            <h2 className="text-xl font-bold">
              <a href={r.href} className="text-brand-700 underline">
                {r.title}
              </a>
            </h2>
            <p className="mt-1 font-semibold">{r.who}</p>
            <p className="mt-1 text-slate-800">{r.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { buttonClass } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { KIND_GUIDE, KIND_ORDER } from '@/components/apply/guide';
import { APPLICATION_KIND_LABELS } from '@/lib/labels';
import { TIME_RULES } from '@/lib/clocks';
import type { ApplicationKind } from '@/lib/case-terms';

export const metadata: Metadata = { title: '异议、纠错与信用修复' };

const PERIODS: Record<ApplicationKind, string> = {
  correction:
    `须在收到纳入决定或知晓该决定之日起 ${TIME_RULES.correctionWindowDays.days} 日内提出，法院 ` +
    `${TIME_RULES.courtReviewDays.days} 日内审查。`,
  objection: `各部门 ${TIME_RULES.objectionDays.days} 日内办理。`,
  repair: `${TIME_RULES.repairDays.days} 日内办理；尚在公示中的信息不能申请修复。`,
  guarantee: `法院 ${TIME_RULES.guaranteeDays.days} 日内审查决定；决定解除的，各实施惩戒的单位解除相应措施。`,
};

const NOT_CHOSEN = '请选择您遇到的情况';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The first question: which situation, in plain words; a GET form, so it works without JavaScript. */
export default async function ApplyPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  // The hidden field tells "continued without choosing" from a first visit (an empty GET form sends nothing else).
  const answered = query.step === 'situation';
  const situation = Array.isArray(query.situation) ? query.situation[0] : query.situation;
  if (situation && (KIND_ORDER as string[]).includes(situation)) redirect(`/apply/${situation}`);
  const error = answered ? NOT_CHOSEN : undefined;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">异议、纠错与信用修复</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        无需注册。提交后会得到查询号和访问码（可打印或下载回执），凭它们在
        <a href="/track" className="text-brand-700 underline">
          申请查询
        </a>
        页面查看办理进度和决定。
      </p>
      <form method="get" action="/apply" className="mt-6 max-w-3xl" noValidate>
        <input type="hidden" name="step" value="situation" />
        {error && <ErrorSummary messages={[{ field: `situation-${KIND_ORDER[0]}`, message: error }]} />}
        <fieldset aria-describedby={error ? 'situation-error' : undefined}>
          <legend className="text-xl font-bold">你遇到的是哪种情况？</legend>
          {error && (
            <p id="situation-error" className="mt-2 font-semibold text-accent-600">
              <span className="sr-only">错误：</span>
              {error}
            </p>
          )}
          <ul className="mt-3 space-y-3">
            {KIND_ORDER.map((kind) => (
              <li key={kind} className="rounded border border-slate-300 bg-white p-4">
                <label className="flex gap-3">
                  <input
                    type="radio"
                    id={`situation-${kind}`}
                    name="situation"
                    value={kind}
                    className="mt-1.5 shrink-0"
                    aria-describedby={`situation-${kind}-hint`}
                  />
                  <span className="font-semibold">{KIND_GUIDE[kind].situation}</span>
                </label>
                <p id={`situation-${kind}-hint`} className="mt-1 pl-7 text-slate-800">
                  {APPLICATION_KIND_LABELS[kind]}：{KIND_GUIDE[kind].goesTo}。{PERIODS[kind]}
                </p>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className={`${buttonClass} mt-4 text-lg`}>
          继续
        </button>
      </form>
      <section aria-labelledby="direct-title" className="mt-8 max-w-3xl">
        <h2 id="direct-title" className="text-lg font-bold">
          已经知道要办哪一项？
        </h2>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          {KIND_ORDER.map((kind) => (
            <li key={kind}>
              <a href={`/apply/${kind}`} className="text-brand-700 underline">
                {APPLICATION_KIND_LABELS[kind]}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { applicationPrefill } from '@/lib/validation/application';
import { listMeasures } from '@/domain/publishing/queries';
import { ObjectionForm } from '@/components/apply/forms';
import { MaterialsList } from '@/components/apply/application-form';
import { BasisNote } from '@/components/apply/basis-note';
import { SITE } from '@/lib/site';
import { TIME_RULES } from '@/lib/clocks';
import { submitObjection } from '../actions';

export const metadata: Metadata = { title: '异议申请' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ObjectionPage({ searchParams }: Props) {
  await connection();
  const prefill = applicationPrefill(await searchParams);
  const measures = await listMeasures();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">异议申请（对惩戒措施申请复核）</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        对联合惩戒措施有异议的，可向实施惩戒的部门提出复核申请。选择有异议的措施，再选择实施该措施的部门；每个部门各自办理，办理期限为{' '}
        {TIME_RULES.objectionDays.days} 日。认为名单上的信息有错或不应被列入名单的，请提交
        <a href="/apply/correction" className="text-brand-700 underline">
          纠错申请
        </a>
        。
      </p>
      <MaterialsList kind="objection" />
      <ObjectionForm
        prefill={prefill}
        action={submitObjection}
        submissionToken={randomUUID()}
        siteName={SITE.platformName}
        measures={measures.map((m) => ({ no: m.no, numeral: m.numeral, text: m.text, departments: m.departments }))}
      />
      <BasisNote kind="objection" />
    </main>
  );
}

import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { applicationPrefill } from '@/lib/validation/application';
import { GuaranteeForm } from '@/components/apply/forms';
import { CourtContact } from '@/components/apply/court-contact';
import { MaterialsList } from '@/components/apply/application-form';
import { BasisNote } from '@/components/apply/basis-note';
import { SITE } from '@/lib/site';
import { TIME_RULES } from '@/lib/clocks';
import { courtOfEntryQuery } from '../court-of-entry';
import { submitGuarantee } from '../actions';

export const metadata: Metadata = { title: '执行担保解除申请' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Seed 二(四): a valid execution guarantee → a request to lift the measures, decided by the court. */
export default async function GuaranteePage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const prefill = applicationPrefill(query);
  const court = await courtOfEntryQuery(query);
  const courtName = court?.name ?? '列入名单的执行法院';
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">执行担保解除申请（向{court?.name ?? '执行法院'}申请解除惩戒措施）</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        已提供有效执行担保的，可请求解除失信惩戒措施，由{courtName}审查决定（平台设定的审查期限为{' '}
        {TIME_RULES.guaranteeDays.days} 日）。法院决定解除的，各实施惩戒的单位将解除相应措施；失信名单信息是否撤销，
        由法院另行决定。
      </p>
      {court && !court.handlesRequests ? (
        <CourtContact court={court} request="guarantee" />
      ) : (
        <>
          <MaterialsList kind="guarantee" />
          <GuaranteeForm
            prefill={prefill}
            action={submitGuarantee}
            submissionToken={randomUUID()}
            siteName={SITE.platformName}
          />
        </>
      )}
      <BasisNote kind="guarantee" />
    </main>
  );
}

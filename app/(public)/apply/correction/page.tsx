import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { applicationPrefill } from '@/lib/validation/application';
import { CorrectionForm } from '@/components/apply/forms';
import { CourtContact } from '@/components/apply/court-contact';
import { MaterialsList } from '@/components/apply/application-form';
import { BasisNote } from '@/components/apply/basis-note';
import { SITE } from '@/lib/site';
import { TIME_RULES } from '@/lib/clocks';
import { courtOfEntryQuery } from '../court-of-entry';
import { submitCorrection } from '../actions';

export const metadata: Metadata = { title: '纠错申请' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CorrectionPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const prefill = applicationPrefill(query);
  const court = await courtOfEntryQuery(query);
  const courtName = court?.name ?? '列入名单的执行法院';
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">纠错申请（向{court?.name ?? '执行法院'}申请纠正）</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        认为被错误纳入失信被执行人名单的，可自收到决定或知晓该决定之日起 {TIME_RULES.correctionWindowDays.days} 日内向
        {courtName}申请纠正；法院自收到申请之日起 {TIME_RULES.courtReviewDays.days}{' '}
        日内审查，理由成立的予以撤销，不成立的予以驳回，对驳回不服的可向
        {court?.superior ?? '上一级人民法院'}申请复议。
      </p>
      {court && !court.handlesRequests ? (
        <CourtContact court={court} />
      ) : (
        <>
          <MaterialsList kind="correction" />
          <CorrectionForm
            prefill={prefill}
            action={submitCorrection}
            submissionToken={randomUUID()}
            siteName={SITE.platformName}
          />
        </>
      )}
      <BasisNote kind="correction" />
    </main>
  );
}

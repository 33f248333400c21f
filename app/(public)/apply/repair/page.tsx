import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { applicationPrefill } from '@/lib/validation/application';
import { RepairForm } from '@/components/apply/forms';
import { MaterialsList } from '@/components/apply/application-form';
import { BasisNote } from '@/components/apply/basis-note';
import { SITE } from '@/lib/site';
import { TIME_RULES } from '@/lib/clocks';
import { submitRepair } from '../actions';

export const metadata: Metadata = { title: '信用修复申请' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RepairPage({ searchParams }: Props) {
  await connection();
  const prefill = applicationPrefill(await searchParams);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">信用修复申请</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        失信信息已被法院撤销或屏蔽的，可申请修复相关信用记录；由市公共信用信息中心办理，办理期限为{' '}
        {TIME_RULES.repairDays.days} 日。尚在公示中的信息不能申请修复。
      </p>
      <MaterialsList kind="repair" />
      <RepairForm prefill={prefill} action={submitRepair} submissionToken={randomUUID()} siteName={SITE.platformName} />
      <BasisNote kind="repair" />
    </main>
  );
}

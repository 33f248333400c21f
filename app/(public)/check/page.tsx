import type { Metadata } from 'next';
import { connection } from 'next/server';
import { CheckForm } from './check-form';

export const metadata: Metadata = { title: '企业核查', robots: { index: false } };

export default async function CheckPage() {
  await connection();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">企业核查</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        签订合同、招标采购、发放贷款前，可一次核查最多 500
        个交易对象是否在失信被执行人名单中。单位按统一社会信用代码（或组织机构代码）和名称完全一致比对；为保护个人信息，自然人只按姓名比对、不按身份证号码比对，请对照结果中隐去出生月日的证件号码人工核对。繁简体、
        {'全角半角和空格不影响结果，不做模糊匹配。每次核查生成一份带核验码的报告，可打印留存，他人可凭核验码'}
        <a href="/check/verify" className="text-brand-700 underline">
          核验报告
        </a>
        。
      </p>
      <CheckForm />
    </main>
  );
}

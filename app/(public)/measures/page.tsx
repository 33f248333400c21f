import type { Metadata } from 'next';
import { connection } from 'next/server';
import { listMeasures } from '@/domain/publishing/queries';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '联合惩戒措施' };

export default async function MeasuresPage() {
  await connection();
  const measures = await listMeasures();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">对失信被执行人实施联合惩戒措施表</h1>
      <p className="mt-2 text-slate-800">
        依据昆办发〔2017〕135号附件2，共 <span data-testid="measure-count">{measures.length}</span>{' '}
        项措施。“适用对象”是本平台依措施内容所作的归类，供查询参考；是否实施由实施部门依法决定。对惩戒措施有异议的，可向实施惩戒的部门提出复核申请。
      </p>
      <ol className="mt-6 space-y-3">
        {measures.map((m) => (
          <li key={m.no} id={`measure-${m.no}`} className="rounded border border-slate-300 bg-white p-4">
            <h2 className="font-semibold">
              <span className="mr-1">{m.numeral}</span>
              <span className="font-normal">{m.text}</span>
            </h2>
            <p className="mt-2 text-sm">
              <span className="font-semibold text-slate-700">实施部门：</span>
              {m.implementersText}
            </p>
            <p className="mt-1 text-sm">
              <span className="font-semibold text-slate-700">适用对象：</span>
              {m.subjects.map((t) => SUBJECT_TYPE_LABELS[t]).join('、')}
            </p>
          </li>
        ))}
      </ol>
    </main>
  );
}

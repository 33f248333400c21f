import type { Metadata } from 'next';
import { connection } from 'next/server';
import { listDepartments } from '@/domain/publishing/queries';

export const metadata: Metadata = { title: '联合惩戒成员单位' };

export default async function DepartmentsPage() {
  await connection();
  const all = await listDepartments();
  const members = all.filter((d) => d.isMemberUnit);
  const others = all.filter((d) => !d.isMemberUnit);
  const measureLinks = (nos: number[]) =>
    nos.length === 0
      ? '—'
      : nos.map((no, i) => (
          <span key={no}>
            {i > 0 && '、'}
            <a href={`/measures#measure-${no}`} className="text-brand-700 underline">
              第{no}项
            </a>
          </span>
        ));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">联合惩戒成员单位名单</h1>
      <p className="mt-2 text-slate-800">
        依据昆办发〔2017〕135号附件3，共 <span data-testid="member-count">{members.length}</span> 家成员单位。
      </p>
      <div className="mt-6 overflow-x-auto rounded border border-slate-300 bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">成员单位及其实施的惩戒措施</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className="px-4 py-2">
                序号
              </th>
              <th scope="col" className="px-4 py-2">
                成员单位
              </th>
              <th scope="col" className="px-4 py-2">
                实施的惩戒措施
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {members.map((d, i) => (
              <tr key={d.code} id={`department-${d.code}`}>
                <td className="px-4 py-2">{i + 1}</td>
                <th scope="row" className="px-4 py-2 font-normal">
                  {d.name}
                </th>
                <td className="px-4 py-2 text-sm">{measureLinks(d.measureNos)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-8 text-xl font-bold">附件2中列明的其他实施单位</h2>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        {others.map((d) => (
          <li key={d.code} id={`department-${d.code}`}>
            {d.name}（{measureLinks(d.measureNos)}）
          </li>
        ))}
      </ul>
    </main>
  );
}

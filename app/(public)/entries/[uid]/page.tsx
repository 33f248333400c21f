import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache, type ReactNode } from 'react';
import { getPublicEntry, listMeasures } from '@/domain/publishing/queries';
import { getCourt } from '@/domain/entries/courts';
import { CourtContact } from '@/components/apply/court-contact';
import { TIME_RULES } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import { FIELD_LABELS, identifierLabel, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';

/** A form of /apply with this entry's case number and name filled in (and the entry, so the form names its court). */
function applyHref(
  kind: 'correction' | 'objection' | 'guarantee',
  entry: { caseNo: string; name: string; uid: string },
) {
  const query = new URLSearchParams({ caseNo: entry.caseNo, name: entry.name, entry: entry.uid });
  return `/apply/${kind}?${query.toString()}`;
}

type Props = { params: Promise<{ uid: string }> };

// Per-request memo (metadata and page share one query); nothing outlives the request.
const findEntry = cache(getPublicEntry);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const entry = await findEntry((await params).uid);
  // Never indexed: a search engine's copy would outlive a revocation.
  return {
    title: entry ? `${entry.name} · 失信被执行人信息` : '未找到公示信息',
    robots: { index: false, follow: false },
  };
}

export default async function EntryPage({ params }: Props) {
  await connection();
  const entry = await findEntry((await params).uid);
  // Revoked, shielded, restricted, expired and unknown entries all get the same 404.
  if (!entry) notFound();
  const [measures, court] = await Promise.all([listMeasures(entry.subjectType), getCourt(entry.court)]);

  const isPerson = entry.subjectType === 'person';
  const rows: [string, ReactNode][] = [
    [FIELD_LABELS.caseNo, entry.caseNo],
    [isPerson ? '姓名' : '单位名称', entry.name],
    [FIELD_LABELS.subjectType, SUBJECT_TYPE_LABELS[entry.subjectType]],
    ...(isPerson
      ? ([
          [FIELD_LABELS.gender, entry.gender ?? '—'],
          [FIELD_LABELS.age, entry.age != null ? `${entry.age}岁` : '—'],
        ] as [string, ReactNode][])
      : []),
    [
      identifierLabel(entry.subjectType, entry.idNumber),
      <span key="id" className="font-mono">
        {entry.idNumber ?? '—'}
      </span>,
    ],
    ...(entry.otherIds.length > 0
      ? ([[FIELD_LABELS.otherIds, entry.otherIds.map((o) => `${o.type}：${o.number}`).join('；')]] as [
          string,
          ReactNode,
        ][])
      : []),
    ...(!isPerson
      ? ([[FIELD_LABELS.legalRepresentative, entry.legalRepresentative ?? '—']] as [string, ReactNode][])
      : []),
    [FIELD_LABELS.court, entry.court],
    [FIELD_LABELS.regionName, entry.regionName],
    [FIELD_LABELS.basisDocNo, entry.basisDocNo],
    [FIELD_LABELS.basisIssuer, entry.basisIssuer],
    [FIELD_LABELS.duty, entry.duty],
    [FIELD_LABELS.performance, entry.performance],
    [
      FIELD_LABELS.circumstances,
      <ul key="circumstances" className="list-disc pl-5">
        {entry.circumstances.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>,
    ],
    [FIELD_LABELS.publishedAt, formatDate(entry.publishedAt)],
    [FIELD_LABELS.filedAt, formatDate(entry.filedAt)],
    [FIELD_LABELS.performedPart, entry.performedPart ?? '—'],
    [FIELD_LABELS.unperformedPart, entry.unperformedPart ?? '—'],
    [FIELD_LABELS.severity, SEVERITY_LABELS[entry.severity]],
    [
      FIELD_LABELS.validUntil,
      entry.validUntil ? `${formatDate(entry.publishedAt)} 至 ${formatDate(entry.validUntil)}` : '至依法撤销之日',
    ],
  ];

  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
      <p className="text-sm">
        <a href="/search" className="text-brand-700 underline">
          名单查询
        </a>{' '}
        › 失信被执行人信息
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {entry.name}
        {entry.demo && (
          <span className="ml-3 rounded bg-amber-100 px-2 py-0.5 align-middle text-sm font-normal text-amber-950">
            演示数据
          </span>
        )}
      </h1>
      <dl className="mt-6 divide-y divide-slate-200 rounded border border-slate-300 bg-white">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-[14rem_1fr] sm:gap-4">
            <dt className="font-semibold text-slate-700">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-slate-700">
        {FIELD_LABELS.uid}：<span className="font-mono">{entry.uid}</span>
        {entry.regionId && (
          <>
            {'　'}
            {FIELD_LABELS.regionId}：<span className="font-mono">{entry.regionId}</span>
          </>
        )}
      </p>
      <section aria-labelledby="measures" className="mt-6 rounded border border-slate-300 bg-white p-4">
        <h2 id="measures" className="text-lg font-semibold">
          可依法实施的联合惩戒措施
        </h2>
        <p className="mt-2 text-slate-800">
          依据昆办发〔2017〕135号附件2，对{SUBJECT_TYPE_LABELS[entry.subjectType]}
          类失信被执行人，各部门可在职责范围内依法实施以下{' '}
          <span data-testid="applicable-measure-count">{measures.length}</span>{' '}
          项措施。是否实施、实施哪一项，由实施部门依法决定。
          {!isPerson && '单位被限制消费的，其法定代表人、主要负责人、影响债务履行的直接责任人员和实际控制人同样受限。'}
        </p>
        <details className="mt-3">
          <summary className="cursor-pointer py-2 font-semibold text-brand-700 underline">查看措施和实施部门</summary>
          <ol className="mt-2 space-y-3">
            {measures.map((m) => (
              <li key={m.no} data-measure={m.no}>
                <p>
                  <a href={`/measures#measure-${m.no}`} className="text-brand-700 underline">
                    {m.numeral}
                  </a>
                  {m.text}
                </p>
                <p className="mt-1 text-slate-700">
                  实施部门：
                  {m.departments.map((d, i) => (
                    <span key={d.code}>
                      {i > 0 && '、'}
                      <a href={`/departments#department-${d.code}`} className="text-brand-700 underline">
                        {d.name}
                      </a>
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ol>
        </details>
      </section>
      <section aria-labelledby="next-steps" className="mt-6 rounded border border-slate-300 bg-white p-4">
        <h2 id="next-steps" className="text-lg font-semibold">
          对这条信息有疑问？
        </h2>
        <ul className="mt-2 space-y-3">
          {court && !court.handlesRequests ? (
            <li>
              <span className="font-semibold">申请纠错</span>：认为被错误纳入名单或信息有误的，被执行人可自知晓之日起{' '}
              {TIME_RULES.correctionWindowDays.days} 日内向{entry.court}申请纠正。
              <CourtContact court={court} />
            </li>
          ) : (
            <li>
              <a href={applyHref('correction', entry)} className="font-semibold text-brand-700 underline">
                申请纠错
              </a>
              ：认为被错误纳入名单或信息有误的，被执行人可自知晓之日起 {TIME_RULES.correctionWindowDays.days} 日内向
              {entry.court}申请纠正。
            </li>
          )}
          <li>
            <a href={applyHref('objection', entry)} className="font-semibold text-brand-700 underline">
              提出异议
            </a>
            ：对某项联合惩戒措施有异议的，向实施该措施的部门申请复核。
          </li>
          {!(court && !court.handlesRequests) && (
            <li>
              <a href={applyHref('guarantee', entry)} className="font-semibold text-brand-700 underline">
                执行担保解除申请
              </a>
              ：已提供有效执行担保的，被执行人可请求解除惩戒措施，由{entry.court}审查决定。
            </li>
          )}
          <li>
            信用修复：信息撤销或屏蔽后仍受惩戒措施影响的，可
            <a href="/apply" className="text-brand-700 underline">
              申请信用修复
            </a>
            。
          </li>
        </ul>
      </section>
    </main>
  );
}

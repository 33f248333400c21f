import { formatDate } from '@/lib/format';
import { FIELD_LABELS, identifierLabel, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import type { PublicEntry } from '@/domain/publishing/public-entry';
import { Highlight } from './highlight';

/** One entry in a list: name (highlighted), identifier, case number, court, date. */
export function EntryCard({ entry, query = '' }: { entry: PublicEntry; query?: string }) {
  return (
    <article className="rounded border border-slate-300 bg-white p-4" aria-labelledby={`entry-${entry.uid}`}>
      <h3 id={`entry-${entry.uid}`} className="text-lg font-semibold">
        <a
          href={`/entries/${encodeURIComponent(entry.uid)}`}
          className="text-brand-700 underline-offset-4 hover:underline"
        >
          <Highlight text={entry.name} query={query} />
        </a>
        <span className="ml-2 align-middle text-sm font-normal text-slate-700">
          {SUBJECT_TYPE_LABELS[entry.subjectType]}
        </span>
        {entry.severity === 'serious' && (
          <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 align-middle text-sm font-normal text-red-900">
            {SEVERITY_LABELS.serious}
          </span>
        )}
      </h3>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-700">{identifierLabel(entry.subjectType, entry.idNumber)}</dt>
          <dd className="font-mono break-all">
            <Highlight text={entry.idNumber ?? '—'} query={query} />
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-700">{FIELD_LABELS.caseNo}</dt>
          <dd className="break-all">
            <Highlight text={entry.caseNo} query={query} />
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-700">{FIELD_LABELS.court}</dt>
          <dd>{entry.court}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-700">{FIELD_LABELS.publishedAt}</dt>
          <dd>{formatDate(entry.publishedAt)}</dd>
        </div>
      </dl>
    </article>
  );
}

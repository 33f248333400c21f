import type { ReactNode } from 'react';

/** A bordered, horizontally scrollable table with a header row; rows come as children. */
export function StaffTable({
  headers,
  caption,
  minWidth = '44rem',
  testId,
  children,
}: {
  headers: string[];
  caption?: string;
  minWidth?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded border border-slate-300">
      <table className="w-full text-left" style={{ minWidth }} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-brand-50">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}

/** Label–value pairs, two columns from a small screen up. */
export function DetailList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export const cellClass = 'px-3 py-2';

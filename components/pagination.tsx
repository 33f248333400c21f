/**
 * Previous / next links that keep the other query parameters, for a list at `path`
 * (the public search by default). With `numbers`, the page numbers around the current one,
 * the first and the last are links too (staff lists, where paging deep is allowed).
 */
export function Pagination({
  page,
  pageCount,
  params,
  path = '/search',
  numbers = false,
}: {
  page: number;
  pageCount: number;
  params: Record<string, string | undefined>;
  path?: string;
  numbers?: boolean;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
    sp.set('page', String(p));
    return `${path}?${sp.toString()}`;
  };
  const linkClass = 'rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50';
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-3">
      {page > 1 && (
        <a href={href(page - 1)} className={linkClass} rel="prev">
          上一页
        </a>
      )}
      {numbers ? (
        <>
          {pageWindow(page, pageCount).map((p, i) =>
            p === null ? (
              <span key={`gap-${i}`} aria-hidden="true">
                …
              </span>
            ) : p === page ? (
              <span key={p} aria-current="page" className="rounded bg-brand-700 px-3 py-2 font-semibold text-white">
                <span className="sr-only">第 </span>
                {p}
                <span className="sr-only"> 页（当前页）</span>
              </span>
            ) : (
              <a
                key={p}
                href={href(p)}
                className="rounded border border-slate-400 px-3 py-2 text-brand-700 hover:bg-brand-50"
                aria-label={`第 ${p} 页`}
              >
                {p}
              </a>
            ),
          )}
          <span>共 {pageCount} 页</span>
        </>
      ) : (
        <span aria-current="page">
          第 {page} 页 / 共 {pageCount} 页
        </span>
      )}
      {page < pageCount && (
        <a href={href(page + 1)} className={linkClass} rel="next">
          下一页
        </a>
      )}
    </nav>
  );
}

/** The first and last page, and two on each side of the current one; null marks a gap. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && p - prev > 1) out.push(null);
    out.push(p);
  }
  return out;
}

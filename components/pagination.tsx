/**
 * Paging for a list at `path` (the public search by default) that keeps the other query parameters: 首页 and 上一页,
 * the page numbers around the current one with the first and the last, 下一页 and 尾页, and a box to jump to a page.
 */
export function Pagination({
  page,
  pageCount,
  params,
  path = '/search',
}: {
  page: number;
  pageCount: number;
  params: Record<string, string | undefined>;
  path?: string;
}) {
  if (pageCount <= 1) return null;
  const kept = Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== 'page');
  const href = (p: number) => `${path}?${new URLSearchParams([...kept, ['page', String(p)]]).toString()}`;
  const linkClass =
    'inline-flex min-h-11 items-center rounded border border-brand-700 px-4 text-brand-700 hover:bg-brand-50';
  const numberBox = 'inline-flex min-h-11 min-w-11 items-center justify-center rounded px-3';
  const numberClass = `${numberBox} border border-slate-400 text-brand-700 hover:bg-brand-50`;
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-2">
      {page > 1 && (
        <>
          <a href={href(1)} className={linkClass}>
            首页
          </a>
          <a href={href(page - 1)} className={linkClass} rel="prev">
            上一页
          </a>
        </>
      )}
      {pageWindow(page, pageCount).map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} aria-hidden="true">
            …
          </span>
        ) : p === page ? (
          <span key={p} aria-current="page" className={`${numberBox} bg-brand-700 font-semibold text-white`}>
            <span className="sr-only">第 </span>
            {p}
            <span className="sr-only"> 页（当前页）</span>
          </span>
        ) : (
          <a key={p} href={href(p)} className={numberClass} aria-label={`第 ${p} 页`}>
            {p}
          </a>
        ),
      )}
      {page < pageCount && (
        <>
          <a href={href(page + 1)} className={linkClass} rel="next">
            下一页
          </a>
          <a href={href(pageCount)} className={linkClass}>
            尾页
          </a>
        </>
      )}
      <span className="px-1">
        第 {page} 页 / 共 {pageCount} 页
      </span>
      <form method="get" action={path} className="flex items-center gap-2">
        {kept.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor="page-jump">跳至第</label>
        <input
          id="page-jump"
          name="page"
          type="number"
          inputMode="numeric"
          min={1}
          max={pageCount}
          required
          className="min-h-11 w-20 rounded border border-slate-500 px-2"
        />
        <span>页</span>
        <button type="submit" className={linkClass}>
          跳转
        </button>
      </form>
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

/** Previous / next links that keep the other query parameters; `basePath` is the list's page (the public search by default). */
export function Pagination({ page, pageCount, params, basePath = '/search' }: { page: number; pageCount: number; params: Record<string, string | undefined>; basePath?: string }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
    sp.set('page', String(p));
    return `${basePath}?${sp.toString()}`;
  };
  const linkClass = 'rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50';
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-3">
      {page > 1 && (
        <a href={href(page - 1)} className={linkClass} rel="prev">
          上一页
        </a>
      )}
      <span aria-current="page">
        第 {page} 页 / 共 {pageCount} 页
      </span>
      {page < pageCount && (
        <a href={href(page + 1)} className={linkClass} rel="next">
          下一页
        </a>
      )}
    </nav>
  );
}

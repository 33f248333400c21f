import { searchPublic } from '@/domain/publishing/search';
import { QUERY_MESSAGES } from '@/lib/search/limits';
import { filtersOf, parseSearchParams } from '@/lib/search/params';
import { routeError, routeJson, SEARCH_ENTRIES } from '@/domain/http/routes';

/** GET /api/v1/search?q=&subjectType=&court=&publishedFrom=&publishedTo=&page= */
export async function GET(request: Request) {
  const parsed = parseSearchParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return routeError(
      SEARCH_ENTRIES,
      'invalid_parameters',
      '查询参数有误',
      parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })),
    );
  }
  const { q, page } = parsed.data;
  const result = await searchPublic(q, filtersOf(parsed.data), page);
  if (result.status !== 'ok') {
    const message = QUERY_MESSAGES[result.status];
    const code = result.status === 'empty' ? 'query_required' : (`query_${result.status}` as const);
    return routeError(SEARCH_ENTRIES, code, message, [{ field: 'q', message }]);
  }
  return routeJson(SEARCH_ENTRIES, 200, {
    query: q,
    total: result.total,
    totalIsLowerBound: result.totalIsLowerBound,
    page: result.page,
    pageCount: result.pageCount,
    results: result.entries,
  });
}

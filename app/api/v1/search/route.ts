import { NextResponse } from 'next/server';
import { searchPublic } from '@/lib/search';
import { filtersOf, parseSearchParams } from '@/lib/search/params';
import { apiError, noStore } from '@/lib/api';

/** GET /api/v1/search?q=&subjectType=&court=&publishedFrom=&publishedTo=&page= */
export async function GET(request: Request) {
  const parsed = parseSearchParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return apiError(422, 'invalid_parameters', '查询参数有误', parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
  }
  const { q, page } = parsed.data;
  const result = await searchPublic(q, filtersOf(parsed.data), page);
  switch (result.status) {
    case 'empty':
      return apiError(422, 'query_required', '请输入查询内容', [{ field: 'q', message: '请输入查询内容' }]);
    case 'too_short':
      return apiError(422, 'query_too_short', '请至少输入两个字', [{ field: 'q', message: '请至少输入两个字' }]);
    case 'too_long':
      return apiError(422, 'query_too_long', '查询内容过长', [{ field: 'q', message: '查询内容过长' }]);
    case 'ok':
      return noStore(
        NextResponse.json({
          query: q,
          total: result.total,
          page: result.page,
          pageCount: result.pageCount,
          results: result.entries,
        }),
      );
  }
}

/** GET /api/v1/feed — the change feed for department keys (db/feed.ts). */
import 'server-only';
import { decodeCursor, encodeCursor, MAX_FEED_LIMIT, readFeed } from '@/db/feed';
import { DEFAULT_FEED_LIMIT } from '@/domain/http/limits';
import type { FieldErrorBody } from '@/domain/http/responses';
import { GET_FEED, routeError, routeJson } from '@/domain/http/routes';
import { auditFullIdRead, type ApiCaller } from '@/domain/auth/api-keys';
import { toSharedEvent } from '@/domain/sharing/shared-entry';

export async function getFeed(request: Request, caller: ApiCaller): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const fields: FieldErrorBody[] = [];
  const afterText = params.get('after');
  const after = afterText ? decodeCursor(afterText) : null;
  if (afterText && !after)
    fields.push({ field: 'after', code: 'invalid_format', message: 'after 不是本接口返回的游标' });
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_FEED_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT) {
    fields.push({ field: 'limit', code: 'invalid_format', message: `limit 应为 1 至 ${MAX_FEED_LIMIT} 的整数` });
  }
  for (const key of params.keys()) {
    if (key !== 'after' && key !== 'limit')
      fields.push({ field: key, code: 'unknown_field', message: `未知参数“${key.slice(0, 40)}”` });
  }
  if (fields.length > 0) return routeError(GET_FEED, 'invalid_parameters', '查询参数有误', fields);

  const events = await readFeed(after, limit);
  const last = events.at(-1);
  // A key granted full identifiers reads persons' ID numbers: each such page is in the audit trail.
  const persons = caller.fullIdentifiers
    ? events.filter((e) => e.entry.subjectType === 'person' && e.entry.idNumber).length
    : 0;
  if (persons > 0) {
    await auditFullIdRead(caller, request, {
      objectType: 'feed',
      objectId: last ? encodeCursor(last.cursor) : undefined,
      detail: { events: events.length, persons, after: afterText },
    });
  }
  return routeJson(GET_FEED, 200, {
    events: events.map((e) => toSharedEvent(e, caller.fullIdentifiers)),
    // Where to continue: the last event's cursor, or the one given when nothing new is ready.
    nextCursor: last ? encodeCursor(last.cursor) : afterText,
    hasMore: events.length === limit,
  });
}

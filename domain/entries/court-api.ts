/**
 * The court's push API (route handlers under app/api/v1/court): authentication, body
 * limits and validation here; writes through the same domain functions the screens use.
 */
import 'server-only';
import { NextResponse } from 'next/server';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  MinorNotListableError,
  RemovalBeforeListingError,
  revokeEntry,
  saveEntries,
  saveEntry,
  shieldEntry,
  VersionRefusedError,
} from '@/domain/entries/entries';
import { MAX_BATCH_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import { apiError, noStore, readJsonBody } from '@/domain/http/api';
import { authenticateApiKey, type ApiCaller } from '@/domain/auth/api-keys';
import {
  parseBatch,
  parseEntryPush,
  parseRevocation,
  UID_RE,
  versionError,
  type EntryInput,
} from '@/lib/validation/entry-push';
import { renderMessage } from '@/lib/validation/errors';
import { FIELD_DOCS } from '@/lib/entry-fields';

const actorOf = (caller: ApiCaller) => `apikey:${caller.keyId}`;

type Handler = (request: Request, caller: ApiCaller) => Promise<Response>;

/** Runs `handler` for a court key; 401/403 otherwise. */
export async function asCourt(request: Request, handler: Handler): Promise<Response> {
  const auth = await authenticateApiKey(request, ['court']);
  if (!auth.ok) return apiError(auth.code, auth.message);
  return handler(request, auth.caller);
}

const minorError = { field: 'idNumber', code: 'minor', message: renderMessage('minor', FIELD_DOCS.idNumber.label) };

const validationFailed = (errors: { field: string; code: string; message: string }[]) =>
  apiError('validation_failed', '提交的数据未通过校验，未作任何修改', errors);

const VERSION_MESSAGES = {
  stale_version: '推送的版本早于平台已保存的版本（更新时间较早），未作任何修改',
  version_conflict: '推送的更新时间与已保存的版本相同而内容不同，未作任何修改',
  version_required: '该信息已保存的版本带有更新时间，请填写更新时间后重新推送；未作任何修改',
} as const;

/**
 * The one place the court's API turns a domain refusal (AppError) into its answer; anything
 * else is a fault and is thrown on (Next answers 500).
 */
function apiErrorFrom(err: unknown): Response {
  if (err instanceof MinorNotListableError) return validationFailed([minorError]);
  if (err instanceof VersionRefusedError)
    return apiError(err.code, VERSION_MESSAGES[err.code], [versionError(err.code)]);
  if (err instanceof EntryNotFoundError) return apiError('not_found', '未找到该信息唯一标识对应的名单信息');
  if (err instanceof EntryNotActiveError) return apiError('not_active', '该名单信息已被撤销或屏蔽');
  if (err instanceof RemovalBeforeListingError) {
    const message = renderMessage('date_order', '生效时间', { relation: '早于', other: '发布时间' });
    return validationFailed([{ field: 'effectiveAt', code: 'date_order', message }]);
  }
  throw err;
}

/** A refused batch item's field errors, from the same refusals. */
function itemErrors(err: MinorNotListableError | VersionRefusedError) {
  return err instanceof MinorNotListableError ? [minorError] : [versionError(err.code)];
}

export async function putEntry(request: Request, caller: ApiCaller, pathUid: string): Promise<Response> {
  const body = await readJsonBody(request, MAX_ENTRY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseEntryPush(body.value, { pathUid });
  if (!parsed.ok) return validationFailed(parsed.errors);
  try {
    const result = await saveEntry(parsed.entry, actorOf(caller));
    return noStore(NextResponse.json(result, { status: result.outcome === 'created' ? 201 : 200 }));
  } catch (err) {
    return apiErrorFrom(err);
  }
}

export async function postBatch(request: Request, caller: ApiCaller): Promise<Response> {
  const body = await readJsonBody(request, MAX_BATCH_BYTES);
  if (!body.ok) return body.response;
  const batch = parseBatch(body.value);
  if (!batch.ok) return validationFailed(batch.errors);
  type ItemResult = {
    index: number;
    uid: string | null;
    status: 'created' | 'updated' | 'unchanged' | 'rejected';
    errors?: { field: string; code: string; message: string }[];
  };
  const results: ItemResult[] = [];
  // Each item is accepted or rejected on its own; the accepted ones are saved together.
  const accepted: { index: number; entry: EntryInput }[] = [];
  for (const [index, item] of batch.items.entries()) {
    const parsed = parseEntryPush(item, {});
    if (parsed.ok) accepted.push({ index, entry: parsed.entry });
    else results.push({ index, uid: uidOf(item), status: 'rejected', errors: parsed.errors });
  }
  const outcomes = await saveEntries(
    accepted.map((a) => a.entry),
    actorOf(caller),
  );
  accepted.forEach(({ index, entry }, k) => {
    const outcome = outcomes[k]!;
    if (outcome instanceof MinorNotListableError || outcome instanceof VersionRefusedError) {
      results.push({ index, uid: entry.uid, status: 'rejected', errors: itemErrors(outcome) });
    } else results.push({ index, uid: outcome.uid, status: outcome.outcome });
  });
  results.sort((x, y) => x.index - y.index);
  const count = (status: string) => results.filter((r) => r.status === status).length;
  return noStore(
    NextResponse.json({
      summary: {
        created: count('created'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        rejected: count('rejected'),
      },
      results,
    }),
  );
}

function uidOf(item: unknown): string | null {
  const uid = (item as { uid?: unknown } | null)?.uid;
  return typeof uid === 'string' && UID_RE.test(uid) ? uid : null;
}

export async function postRevocation(request: Request, caller: ApiCaller, uid: string): Promise<Response> {
  const body = await readJsonBody(request, MAX_ENTRY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseRevocation(body.value);
  if (!parsed.ok) return validationFailed(parsed.errors);
  const { kind, reason, note, effectiveAt } = parsed.value;
  const remove = kind === 'revoke' ? revokeEntry : shieldEntry;
  try {
    const entry = await remove(uid, {
      reason: note ? `${reason}：${note}` : reason,
      actor: actorOf(caller),
      at: effectiveAt,
    });
    return noStore(NextResponse.json({ uid, status: entry.status, at: entry.statusChangedAt?.toISOString() }));
  } catch (err) {
    return apiErrorFrom(err);
  }
}

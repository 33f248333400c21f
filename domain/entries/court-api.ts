/**
 * The court's push API (route handlers under app/api/v1/court): authentication, body
 * limits and validation here; writes through the same domain functions the screens use.
 */
import 'server-only';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  MinorNotListableError,
  OutsideCourtError,
  RemovalBeforeListingError,
  RemovalGroundConflictError,
  RemovalGroundDateError,
  recordRemovalGround,
  revokeEntry,
  saveEntries,
  saveEntry,
  shieldEntry,
  VersionRefusedError,
} from '@/domain/entries/entries';
import { MAX_BATCH_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import type { BatchItemResult } from '@/domain/http/responses';
import {
  POST_BATCH,
  POST_REMOVAL_GROUND,
  PUT_ENTRY,
  readRouteBody,
  REVOKE_ENTRY,
  routeError,
  routeJson,
} from '@/domain/http/routes';
import { authenticateApiKey, type ApiCaller } from '@/domain/auth/api-keys';
import {
  parseBatch,
  parseEntryPush,
  parseRemovalGround,
  parseRevocation,
  REMOVAL_GROUND_FIELD_DOCS,
  UID_RE,
  versionError,
  type EntryInput,
} from '@/lib/validation/entry-push';
import { renderMessage, type FieldError } from '@/lib/validation/errors';
import { FIELD_DOCS } from '@/lib/entry-fields';
import { getCourtDirectory } from '@/domain/entries/courts';
import { resolveCourt } from '@/lib/courts';
import { dueDay, isOverdue } from '@/lib/clocks';

const actorOf = (caller: ApiCaller) => `apikey:${caller.keyId}`;

type Handler = (request: Request, caller: ApiCaller) => Promise<Response>;
type CourtRoute = typeof PUT_ENTRY | typeof POST_BATCH | typeof REVOKE_ENTRY | typeof POST_REMOVAL_GROUND;

/** Runs `handler` for a court key; 401/403 otherwise (codes `route` declares). */
export async function asCourt(route: CourtRoute, request: Request, handler: Handler): Promise<Response> {
  const auth = await authenticateApiKey(request, ['court']);
  if (!auth.ok) return routeError(route, auth.code, auth.message);
  return handler(request, auth.caller);
}

const minorError: FieldError = {
  field: 'idNumber',
  code: 'minor',
  message: renderMessage('minor', FIELD_DOCS.idNumber.label),
};

const validationFailed = (route: CourtRoute, errors: FieldError[]) =>
  routeError(route, 'validation_failed', '提交的数据未通过校验，未作任何修改', errors);

const VERSION_MESSAGES = {
  stale_version: '推送的版本早于平台已保存的版本（更新时间较早），未作任何修改',
  version_conflict: '推送的更新时间与已保存的版本相同而内容不同，未作任何修改',
  version_required: '该信息已保存的版本带有更新时间，请填写更新时间后重新推送；未作任何修改',
} as const;

/*
 * The two places the court's API turns a domain refusal (AppError) into its answer, one per
 * write, each answering only codes its route declares; anything else is a fault and is
 * thrown on (Next answers 500).
 */

/** A push's refusals: a minor (422), a version not newer than the stored one (409). */
function saveRefusal(err: unknown): Response {
  if (err instanceof MinorNotListableError) return validationFailed(PUT_ENTRY, [minorError]);
  if (err instanceof VersionRefusedError)
    return routeError(PUT_ENTRY, err.code, VERSION_MESSAGES[err.code], [versionError(err.code)]);
  throw err;
}

/** A revocation's refusals: no such entry (404), not active (409), dated before its publication (422). */
function removalRefusal(err: unknown): Response {
  if (err instanceof EntryNotFoundError)
    return routeError(REVOKE_ENTRY, 'not_found', '未找到该信息唯一标识对应的名单信息');
  if (err instanceof EntryNotActiveError) return routeError(REVOKE_ENTRY, 'not_active', '该名单信息已被撤销或屏蔽');
  if (err instanceof RemovalBeforeListingError) {
    const message = renderMessage('date_order', '生效时间', { relation: '早于', other: '发布时间' });
    return validationFailed(REVOKE_ENTRY, [{ field: 'effectiveAt', code: 'date_order', message }]);
  }
  throw err;
}

/** A refused batch item's field errors, from the same refusals. */
function itemErrors(err: MinorNotListableError | VersionRefusedError): FieldError[] {
  return err instanceof MinorNotListableError ? [minorError] : [versionError(err.code)];
}

export async function putEntry(request: Request, caller: ApiCaller, pathUid: string): Promise<Response> {
  const body = await readRouteBody(PUT_ENTRY, request, MAX_ENTRY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseEntryPush(body.value, { pathUid, courts: await getCourtDirectory() });
  if (!parsed.ok) return validationFailed(PUT_ENTRY, parsed.errors);
  try {
    const result = await saveEntry(parsed.entry, actorOf(caller));
    return routeJson(PUT_ENTRY, result.outcome === 'created' ? 201 : 200, result);
  } catch (err) {
    return saveRefusal(err);
  }
}

export async function postBatch(request: Request, caller: ApiCaller): Promise<Response> {
  const body = await readRouteBody(POST_BATCH, request, MAX_BATCH_BYTES);
  if (!body.ok) return body.response;
  const batch = parseBatch(body.value);
  if (!batch.ok) return validationFailed(POST_BATCH, batch.errors);
  const results: BatchItemResult[] = [];
  // Each item is accepted or rejected on its own; the accepted ones are saved together.
  const accepted: { index: number; entry: EntryInput }[] = [];
  const courts = await getCourtDirectory();
  for (const [index, item] of batch.items.entries()) {
    const parsed = parseEntryPush(item, { courts });
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
  return routeJson(POST_BATCH, 200, {
    summary: {
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
    },
    results,
  });
}

function uidOf(item: unknown): string | null {
  const uid = (item as { uid?: unknown } | null)?.uid;
  return typeof uid === 'string' && UID_RE.test(uid) ? uid : null;
}

export async function postRevocation(request: Request, caller: ApiCaller, uid: string): Promise<Response> {
  const body = await readRouteBody(REVOKE_ENTRY, request, MAX_ENTRY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseRevocation(body.value);
  if (!parsed.ok) return validationFailed(REVOKE_ENTRY, parsed.errors);
  const { kind, reason, note, effectiveAt } = parsed.value;
  const remove = kind === 'revoke' ? revokeEntry : shieldEntry;
  try {
    const entry = await remove(uid, {
      reason: note ? `${reason}：${note}` : reason,
      actor: actorOf(caller),
      at: effectiveAt,
    });
    // The removal sets both: the status its kind names, and when.
    const status = kind === 'revoke' ? 'revoked' : 'shielded';
    return routeJson(REVOKE_ENTRY, 200, { uid, status, at: entry.statusChangedAt!.toISOString() });
  } catch (err) {
    return removalRefusal(err);
  }
}

/** A removal ground's refusals: no such entry (404), another court's (403), removed (409), another ground (409). */
function groundRefusal(err: unknown): Response {
  const route = POST_REMOVAL_GROUND;
  if (err instanceof EntryNotFoundError) return routeError(route, 'not_found', '未找到该信息唯一标识对应的名单信息');
  if (err instanceof OutsideCourtError) return routeError(route, 'outside_court', err.message);
  if (err instanceof EntryNotActiveError) return routeError(route, 'not_active', '该名单信息已被撤销或屏蔽');
  if (err instanceof RemovalGroundConflictError) {
    const { ground, on } = err.recorded;
    return routeError(
      route,
      'ground_conflict',
      `该信息已登记撤销事由“${ground}”（发生日 ${on}），撤销期限正在计算，未作任何修改`,
    );
  }
  if (err instanceof RemovalGroundDateError) {
    const { label } = REMOVAL_GROUND_FIELD_DOCS.occurredOn;
    const message = renderMessage('date_order', label, { relation: '早于', other: FIELD_DOCS.filedAt.label });
    return validationFailed(route, [{ field: 'occurredOn', code: 'date_order', message }]);
  }
  throw err;
}

/**
 * POST /api/v1/court/entries/{uid}/removal-ground: the court's system records a removal ground and starts the
 * same clock as the clerk's screen (recordRemovalGround). A court key acts on its own court's entries: its
 * organisation, resolved through the court directory (an alias too), must be the entry's 执行法院.
 */
export async function postRemovalGround(request: Request, caller: ApiCaller, uid: string): Promise<Response> {
  const route = POST_REMOVAL_GROUND;
  const body = await readRouteBody(route, request, MAX_ENTRY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseRemovalGround(body.value);
  if (!parsed.ok) return validationFailed(route, parsed.errors);
  if (!UID_RE.test(uid)) return routeError(route, 'not_found', '未找到该信息唯一标识对应的名单信息');
  const court = resolveCourt(await getCourtDirectory(), caller.organization)?.name ?? caller.organization;
  const { ground, occurredOn, note } = parsed.value;
  try {
    const { entry, outcome } = await recordRemovalGround(
      uid,
      { ground, on: occurredOn, ...(note ? { note } : {}), actor: actorOf(caller), court },
      { onConflict: 'refuse' },
    );
    const on = entry.removalGroundOn!;
    const due = dueDay(on, 'removalDays');
    return routeJson(route, outcome === 'recorded' ? 201 : 200, {
      uid,
      ground: entry.removalGround as typeof ground,
      occurredOn: on,
      dueDay: due,
      overdue: isOverdue(due),
      outcome,
    });
  } catch (err) {
    return groundRefusal(err);
  }
}

/**
 * /api/v1/webhook — a department key manages its own endpoint and reads its delivery log (domain/sharing/webhooks.ts).
 * The key's organisation and full-identifier grant carry over to the endpoint: a key cannot widen what it receives.
 */
import 'server-only';
import type { ZodError } from 'zod';
import { authenticateApiKey, type ApiCaller } from '@/domain/auth/api-keys';
import { BODY_LIMITS } from '@/domain/http/limits';
import { clientKey } from '@/domain/http/rate-limit';
import type { FieldErrorBody } from '@/domain/http/responses';
import {
  DELETE_WEBHOOK,
  GET_DELIVERIES,
  GET_WEBHOOK,
  POST_REDELIVERY,
  PUT_WEBHOOK,
  readRouteBody,
  routeError,
  routeJson,
} from '@/domain/http/routes';
import {
  DeliveryNotRedeliverableError,
  disableWebhook,
  endpointOfKey,
  listDeliveries,
  redeliver,
  registerWebhook,
  type EndpointView,
} from '@/domain/sharing/webhooks';
import { FEED_KINDS } from '@/lib/entry-input';
import { redeliverySchema, webhookRegistrationSchema } from '@/lib/validation/webhooks';
import { DELIVERY_LOG_PAGE, WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '@/lib/webhooks';

type WebhookRoute =
  typeof PUT_WEBHOOK | typeof GET_WEBHOOK | typeof DELETE_WEBHOOK | typeof GET_DELIVERIES | typeof POST_REDELIVERY;

/** Runs `handler` for a department key; 401/403 otherwise. */
export async function asDepartment(
  route: WebhookRoute,
  request: Request,
  handler: (caller: ApiCaller) => Promise<Response>,
): Promise<Response> {
  const auth = await authenticateApiKey(request, ['department']);
  if (!auth.ok) return routeError(route, auth.code, auth.message);
  return handler(auth.caller);
}

const actorOf = (caller: ApiCaller) => `apikey:${caller.keyId}`;

function fieldErrors(error: ZodError): FieldErrorBody[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(请求体)',
    code: issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_format',
    message: issue.message,
  }));
}

function endpointBody(view: EndpointView) {
  return {
    id: view.id,
    organization: view.organization,
    url: view.url,
    fullIdentifiers: view.fullIdentifiers,
    createdAt: view.createdAt.toISOString(),
    counts: view.counts,
    lastDeliveredAt: view.lastDeliveredAt?.toISOString() ?? null,
  };
}

const noEndpoint = (
  route: typeof GET_WEBHOOK | typeof DELETE_WEBHOOK | typeof GET_DELIVERIES | typeof POST_REDELIVERY,
) => routeError(route, 'no_webhook', '该密钥没有登记推送接收地址');

export async function putWebhook(request: Request, caller: ApiCaller): Promise<Response> {
  const body = await readRouteBody(PUT_WEBHOOK, request, BODY_LIMITS.other);
  if (!body.ok) return body.response;
  const parsed = webhookRegistrationSchema.safeParse(body.value);
  if (!parsed.success)
    return routeError(PUT_WEBHOOK, 'validation_failed', '登记内容未通过校验，未作任何修改', fieldErrors(parsed.error));
  const { created } = await registerWebhook({
    organization: caller.organization,
    ...parsed.data,
    fullIdentifiers: caller.fullIdentifiers,
    apiKeyId: caller.keyId,
    actor: actorOf(caller),
    clientAddress: clientKey(request.headers),
  });
  const view = (await endpointOfKey(caller.keyId))!;
  return routeJson(PUT_WEBHOOK, created ? 201 : 200, endpointBody(view));
}

export async function getWebhook(caller: ApiCaller): Promise<Response> {
  const view = await endpointOfKey(caller.keyId);
  return view ? routeJson(GET_WEBHOOK, 200, endpointBody(view)) : noEndpoint(GET_WEBHOOK);
}

export async function deleteWebhook(request: Request, caller: ApiCaller): Promise<Response> {
  const view = await endpointOfKey(caller.keyId);
  if (!view) return noEndpoint(DELETE_WEBHOOK);
  await disableWebhook({ endpointId: view.id, actor: actorOf(caller), clientAddress: clientKey(request.headers) });
  return routeJson(DELETE_WEBHOOK, 200, endpointBody(view));
}

export async function getDeliveries(request: Request, caller: ApiCaller): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const fields: FieldErrorBody[] = [];
  const status = params.get('status');
  if (status !== null && !(WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(status))
    fields.push({ field: 'status', code: 'invalid_enum', message: 'status 应为 pending、delivered 或 failed' });
  const beforeText = params.get('before');
  const before = beforeText === null ? undefined : Number(beforeText);
  if (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
    fields.push({ field: 'before', code: 'invalid_format', message: 'before 应为上次响应的 nextBefore' });
  for (const key of params.keys()) {
    if (key !== 'status' && key !== 'before')
      fields.push({ field: key, code: 'unknown_field', message: `未知参数“${key.slice(0, 40)}”` });
  }
  if (fields.length > 0) return routeError(GET_DELIVERIES, 'invalid_parameters', '查询参数有误', fields);
  const view = await endpointOfKey(caller.keyId);
  if (!view) return noEndpoint(GET_DELIVERIES);
  const rows = await listDeliveries({
    endpointId: view.id,
    status: (status ?? undefined) as WebhookDeliveryStatus | undefined,
    before,
  });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return routeJson(GET_DELIVERIES, 200, {
    deliveries: rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      kind: r.kind as (typeof FEED_KINDS)[number],
      entryUid: r.entryUid,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
      lastAttemptAt: iso(r.lastAttemptAt),
      lastResponseStatus: r.lastResponseStatus,
      lastError: r.lastError,
      deliveredAt: iso(r.deliveredAt),
    })),
    nextBefore: rows.length === DELIVERY_LOG_PAGE ? rows.at(-1)!.id : null,
  });
}

export async function postRedelivery(request: Request, caller: ApiCaller): Promise<Response> {
  const body = await readRouteBody(POST_REDELIVERY, request, BODY_LIMITS.other);
  if (!body.ok) return body.response;
  const parsed = redeliverySchema.safeParse(body.value);
  if (!parsed.success)
    return routeError(POST_REDELIVERY, 'validation_failed', '重新推送的请求未通过校验', fieldErrors(parsed.error));
  const view = await endpointOfKey(caller.keyId);
  if (!view) return noEndpoint(POST_REDELIVERY);
  try {
    const ids = await redeliver({
      endpointId: view.id,
      ids: parsed.data.ids,
      actor: actorOf(caller),
      clientAddress: clientKey(request.headers),
    });
    return routeJson(POST_REDELIVERY, 200, { redelivered: ids });
  } catch (err) {
    if (err instanceof DeliveryNotRedeliverableError)
      return routeError(POST_REDELIVERY, 'not_redeliverable', err.message);
    throw err;
  }
}

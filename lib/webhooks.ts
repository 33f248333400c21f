/**
 * Webhooks for departments (seed 二(二): "已与……系统对接信息传输的部门，通过信息系统直接推送"): the words, the
 * signature a receiver checks, and the retry schedule. Pure code; the delivery itself is domain/sharing/webhooks.ts.
 *
 * A delivery is `POST <url>` with the feed event as JSON and these headers:
 * - `X-Chengxin-Event-Id`: the feed event's id — the idempotency key (a retry sends the same id);
 * - `X-Chengxin-Timestamp`: when this attempt was signed, Unix seconds;
 * - `X-Chengxin-Signature`: `sha256=` + hex HMAC-SHA256 under the endpoint's secret of `<timestamp>.<body>`.
 * A receiver recomputes the signature over the raw body, compares in constant time, refuses a timestamp more than
 * REPLAY_WINDOW_SECONDS from its clock, and keeps the event ids it has processed: `verifyWebhook` does all three
 * but the last.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WEBHOOK_HEADERS = {
  eventId: 'x-chengxin-event-id',
  timestamp: 'x-chengxin-timestamp',
  signature: 'x-chengxin-signature',
  delivery: 'x-chengxin-delivery',
  attempt: 'x-chengxin-attempt',
} as const;

/** Rows of the delivery log per page (portal and API). */
export const DELIVERY_LOG_PAGE = 50;

/** A receiver refuses a signature older (or newer) than this: five minutes, as Stripe and GitHub advise. */
export const REPLAY_WINDOW_SECONDS = 300;

/** Failed deliveries are retried at least this long after the first attempt before they are marked failed. */
export const DEFAULT_RETRY_HOURS = 24;

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;

/** Delay after the `attempts`-th failed attempt: 30 s, 1 min, 2 min … then hourly (about 30 attempts in 24 h). */
export function webhookRetryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one signed attempt (the event id stays the same across attempts). */
export function signedHeaders(opts: {
  secret: string;
  body: string;
  eventId: number;
  deliveryId: number;
  attempt: number;
  nowSeconds: number;
}): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    [WEBHOOK_HEADERS.eventId]: String(opts.eventId),
    [WEBHOOK_HEADERS.timestamp]: String(opts.nowSeconds),
    [WEBHOOK_HEADERS.signature]: webhookSignature(opts.secret, opts.nowSeconds, opts.body),
    [WEBHOOK_HEADERS.delivery]: String(opts.deliveryId),
    [WEBHOOK_HEADERS.attempt]: String(opts.attempt),
  };
}

export type WebhookVerdict = { ok: true; eventId: number } | { ok: false; reason: 'missing' | 'forged' | 'replayed' };

/**
 * The receiver's check: signature over the raw body under the shared secret, timestamp within the window, and the
 * signed body's event id equal to the header's (so dedupe on it cannot be dodged by rewriting the header).
 */
export function verifyWebhook(opts: {
  secret: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  nowSeconds?: number;
}): WebhookVerdict {
  const header = (name: string) => {
    const value = opts.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const eventId = header(WEBHOOK_HEADERS.eventId);
  const timestamp = header(WEBHOOK_HEADERS.timestamp);
  const signature = header(WEBHOOK_HEADERS.signature);
  if (!eventId || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const expected = Buffer.from(webhookSignature(opts.secret, Number(timestamp), opts.body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'replayed' };
  const signedId = (JSON.parse(opts.body) as { eventId?: unknown }).eventId;
  if (String(signedId) !== eventId) return { ok: false, reason: 'forged' };
  return { ok: true, eventId: Number(signedId) };
}

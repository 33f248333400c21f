/**
 * Webhooks: the change feed pushed to departments' systems (seed 二(二) "通过信息系统直接推送"), beside the pulled
 * feed (GET /api/v1/feed). Two steps, each safe to run in several processes at once:
 *
 * 1. Fan-out: each active endpoint keeps a feed cursor; new feed events (db/feed.ts order, the same rule that lets a
 *    feed reader miss nothing) become one delivery row each, and the cursor moves, in one transaction.
 * 2. Delivery: due rows whose entry has no earlier undelivered event for that endpoint are leased (next_attempt_at
 *    moved past the attempt's timeout, so a process that dies mid-attempt leaves the row to be tried again: at least
 *    once), POSTed signed (lib/webhooks.ts), and marked delivered on a 2xx answer. A failure is retried with backoff
 *    (30 s doubling to hourly); once the retry window (WEBHOOK_RETRY_HOURS, at least 24 h) from the first attempt has
 *    passed, the row is failed — shown to the credit office and the department — and its entry's later events wait
 *    until it is redelivered. A round in which an endpoint took nothing defers its other due rows to the earliest
 *    retry, so a dead receiver costs a few timeouts per retry, not one per event; a flaky one keeps its pace.
 *
 * The court's push never waits for any of this: it only writes the entry event (in its own transaction), which the
 * worker picks up on its next round. The body is the feed's event shape; natural persons' full ID numbers only for an
 * endpoint granted them (the same toSharedEntry), each such batch in the audit trail as for the feed.
 */
import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { postWebhook, type WebhookAttempt } from '@/adapters/webhooks/post';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { feedHead, type FeedEvent } from '@/db/feed';
import { apiKeys, entries, entryEvents, webhookDeliveries, webhookEndpoints, type Entry } from '@/db/schema';
import { toSharedEvent, type SharedEvent } from '@/domain/sharing/shared-entry';
import { siteHmac } from '@/lib/auth/site-secret';
import { FEED_KINDS } from '@/lib/entry-input';
import { AppError } from '@/lib/errors';
import { startPollingLoop, type PollingLoop } from '@/lib/polling';
import { webhookSecretSchema, webhookUrlSchema } from '@/lib/validation/webhooks';
import {
  DEFAULT_RETRY_HOURS,
  DELIVERY_LOG_PAGE,
  signedHeaders,
  webhookRetryDelaySeconds,
  type WebhookDeliveryStatus,
} from '@/lib/webhooks';

export class WebhookNotFoundError extends AppError {
  readonly code = 'no_webhook';
}
export class DeliveryNotRedeliverableError extends AppError {
  readonly code = 'not_redeliverable';
}

// ---------------------------------------------------------------------------
// Secrets: encrypted at rest under the site secret (AES-256-GCM)
// ---------------------------------------------------------------------------

const SECRET_FORMAT = 'v1';

function secretKey(): Buffer {
  return siteHmac('webhook-secret', SECRET_FORMAT);
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [SECRET_FORMAT, iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

function openSecret(sealed: string): string {
  const [format, iv, tag, body] = sealed.split('.');
  if (format !== SECRET_FORMAT || !iv || !tag || !body) throw new Error('unreadable webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

// ---------------------------------------------------------------------------
// Registering
// ---------------------------------------------------------------------------

export type EndpointView = {
  id: number;
  organization: string;
  url: string;
  fullIdentifiers: boolean;
  viaApiKey: string | null;
  createdBy: string;
  createdAt: Date;
  counts: Record<WebhookDeliveryStatus, number>;
  lastDeliveredAt: Date | null;
};

/**
 * Registers an endpoint; a department key has one, which a second registration changes in place (its cursor and
 * waiting deliveries kept, so changing the address loses nothing). A new endpoint starts at the feed's head: what came
 * before is in the feed and the export. Returns the secret: the one given, or one made here (shown once).
 */
export async function registerWebhook(opts: {
  organization: string;
  url: string;
  secret?: string;
  fullIdentifiers: boolean;
  apiKeyId?: string | null;
  actor: string;
  clientAddress?: string | null;
}): Promise<{ endpointId: number; secret: string; created: boolean }> {
  const url = webhookUrlSchema.parse(opts.url);
  const secret = opts.secret ? webhookSecretSchema.parse(opts.secret) : randomBytes(32).toString('base64url');
  const head = await feedHead();
  return getDb().transaction(async (tx) => {
    // Two registrations by one key at once: the second waits and changes the first's endpoint (the unique index
    // webhook_endpoints_key_idx would refuse a second one).
    if (opts.apiKeyId) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`webhook:${opts.apiKeyId}`}))`);
    const [existing] = opts.apiKeyId
      ? await tx
          .select({ id: webhookEndpoints.id })
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.apiKeyId, opts.apiKeyId), isNull(webhookEndpoints.disabledAt)))
          .for('update')
      : [];
    const values = { url, secretCiphertext: sealSecret(secret), fullIdentifiers: opts.fullIdentifiers };
    const [row] = existing
      ? await tx
          .update(webhookEndpoints)
          .set(values)
          .where(eq(webhookEndpoints.id, existing.id))
          .returning({ id: webhookEndpoints.id })
      : await tx
          .insert(webhookEndpoints)
          .values({
            ...values,
            organization: opts.organization,
            apiKeyId: opts.apiKeyId ?? null,
            cursorTxId: head.txId,
            cursorEventId: head.id,
            createdBy: opts.actor,
          })
          .returning({ id: webhookEndpoints.id });
    await recordAudit(
      {
        actor: opts.actor,
        clientAddress: opts.clientAddress ?? null,
        action: 'webhook_registered',
        objectType: 'webhook',
        objectId: String(row!.id),
        detail: { organization: opts.organization, url, fullIdentifiers: opts.fullIdentifiers, changed: !!existing },
      },
      tx,
    );
    return { endpointId: row!.id, secret, created: !existing };
  });
}

/** Stops an endpoint: nothing more is fanned out or sent to it; its log stays. */
export async function disableWebhook(opts: {
  endpointId: number;
  organization?: string;
  actor: string;
  clientAddress?: string | null;
}): Promise<void> {
  await getDb().transaction(async (tx) => {
    const rows = await tx
      .update(webhookEndpoints)
      .set({ disabledAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, opts.endpointId), isNull(webhookEndpoints.disabledAt), orgScope(opts)))
      .returning({ id: webhookEndpoints.id, organization: webhookEndpoints.organization });
    if (rows.length === 0) throw new WebhookNotFoundError('没有这个接收地址，或它已停用');
    await recordAudit(
      {
        actor: opts.actor,
        clientAddress: opts.clientAddress ?? null,
        action: 'webhook_disabled',
        objectType: 'webhook',
        objectId: String(opts.endpointId),
        detail: { organization: rows[0]!.organization },
      },
      tx,
    );
  });
}

function orgScope(opts: { organization?: string }): SQL | undefined {
  return opts.organization === undefined ? undefined : eq(webhookEndpoints.organization, opts.organization);
}

/** A department key's own active endpoint, if any. */
export async function endpointOfKey(apiKeyId: string): Promise<EndpointView | null> {
  const [row] = await listWebhookEndpoints({ apiKeyId });
  return row ?? null;
}

/**
 * Active endpoints with their deliveries counted by status (credit office and administrators: all). The counts are
 * aggregated only over the endpoints in scope: a key reading its own endpoint does not count everyone's log.
 */
export async function listWebhookEndpoints(scope: { organization?: string; apiKeyId?: string; id?: number } = {}) {
  const d = webhookDeliveries;
  const rows = await getDb()
    .select({
      endpoint: webhookEndpoints,
      pending: sql<number>`count(${d.id}) FILTER (WHERE ${d.status} = 'pending')::int`,
      delivered: sql<number>`count(${d.id}) FILTER (WHERE ${d.status} = 'delivered')::int`,
      failed: sql<number>`count(${d.id}) FILTER (WHERE ${d.status} = 'failed')::int`,
      lastDeliveredAt: sql<string | null>`max(${d.deliveredAt})`,
    })
    .from(webhookEndpoints)
    .leftJoin(d, eq(d.endpointId, webhookEndpoints.id))
    .where(
      and(
        isNull(webhookEndpoints.disabledAt),
        orgScope(scope),
        scope.apiKeyId ? eq(webhookEndpoints.apiKeyId, scope.apiKeyId) : undefined,
        scope.id === undefined ? undefined : eq(webhookEndpoints.id, scope.id),
      ),
    )
    .groupBy(webhookEndpoints.id)
    .orderBy(webhookEndpoints.organization, webhookEndpoints.id);
  return rows.map(({ endpoint: e, ...c }): EndpointView => ({
    id: e.id,
    organization: e.organization,
    url: e.url,
    fullIdentifiers: e.fullIdentifiers,
    viaApiKey: e.apiKeyId,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    counts: { pending: c.pending, delivered: c.delivered, failed: c.failed },
    lastDeliveredAt: c.lastDeliveredAt ? new Date(c.lastDeliveredAt) : null,
  }));
}

export type DeliveryLogRow = {
  id: number;
  endpointId: number;
  eventId: number;
  kind: string;
  entryUid: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
};

/** An endpoint's deliveries, newest first, optionally of one status; `before`: the id to continue below. */
export async function listDeliveries(opts: {
  endpointId?: number;
  organization?: string;
  status?: WebhookDeliveryStatus;
  before?: number;
  limit?: number;
}): Promise<DeliveryLogRow[]> {
  return getDb()
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      eventId: webhookDeliveries.eventId,
      kind: entryEvents.kind,
      entryUid: webhookDeliveries.entryUid,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      createdAt: webhookDeliveries.createdAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastResponseStatus: webhookDeliveries.lastResponseStatus,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(entryEvents, eq(entryEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        opts.endpointId === undefined ? undefined : eq(webhookDeliveries.endpointId, opts.endpointId),
        orgScope(opts),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
        opts.before ? lt(webhookDeliveries.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(Math.min(Math.max(opts.limit ?? DELIVERY_LOG_PAGE, 1), 500));
}

/** Failed deliveries on every active endpoint, by organisation: what the credit office chases. */
export async function failedDeliveriesByOrganization(
  scope: { organization?: string } = {},
): Promise<{ organization: string; failed: number }[]> {
  return getDb()
    .select({ organization: webhookEndpoints.organization, failed: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, 'failed'), isNull(webhookEndpoints.disabledAt), orgScope(scope)))
    .groupBy(webhookEndpoints.organization)
    .orderBy(webhookEndpoints.organization);
}

/**
 * Queues deliveries again (a failed one after the receiver is fixed, or a delivered one the receiver lost): pending,
 * attempts and retry window from zero, the same event id. `ids` absent: every failed delivery of the endpoint.
 */
export async function redeliver(opts: {
  endpointId: number;
  ids?: number[];
  organization?: string;
  actor: string;
  clientAddress?: string | null;
}): Promise<number[]> {
  return getDb().transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, opts.endpointId), isNull(webhookEndpoints.disabledAt), orgScope(opts)));
    if (!endpoint) throw new WebhookNotFoundError('没有这个接收地址，或它已停用');
    const rows = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, firstAttemptAt: null, nextAttemptAt: sql`now()`, deliveredAt: null })
      .where(
        and(
          eq(webhookDeliveries.endpointId, opts.endpointId),
          opts.ids
            ? and(inArray(webhookDeliveries.id, opts.ids), sql`${webhookDeliveries.status} <> 'pending'`)
            : eq(webhookDeliveries.status, 'failed'),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (rows.length === 0) throw new DeliveryNotRedeliverableError('没有可重新推送的记录（正在推送的记录无需重推）');
    await recordAudit(
      {
        actor: opts.actor,
        clientAddress: opts.clientAddress ?? null,
        action: 'webhook_redelivered',
        objectType: 'webhook',
        objectId: String(opts.endpointId),
        detail: { deliveries: rows.length },
      },
      tx,
    );
    return rows.map((r) => r.id);
  });
}

// ---------------------------------------------------------------------------
// Fan-out
// ---------------------------------------------------------------------------

const FAN_OUT_BATCH = 1000;

/** Turns new feed events into deliveries for every active endpoint; returns how many were queued. */
export async function fanOutWebhooks(): Promise<number> {
  const endpoints = await getDb()
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .leftJoin(apiKeys, eq(apiKeys.id, webhookEndpoints.apiKeyId))
    .where(and(isNull(webhookEndpoints.disabledAt), isNull(apiKeys.revokedAt)));
  let queued = 0;
  for (const { id } of endpoints) {
    for (;;) {
      const added = await fanOutBatch(id);
      queued += added;
      if (added < FAN_OUT_BATCH) break;
    }
  }
  return queued;
}

async function fanOutBatch(endpointId: number): Promise<number> {
  return getDb().transaction(async (tx) => {
    // Another process fanning out this endpoint holds the row: it does the work.
    const [endpoint] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
      .for('update', { skipLocked: true });
    if (!endpoint) return 0;
    const kinds = sql.join(
      FEED_KINDS.map((k) => sql`${k}`),
      sql`, `,
    );
    const [batch] = await tx.execute<{
      n: number;
      last_tx: string | null;
      last_id: string | null;
      persons: number;
    }>(sql`
      WITH batch AS (
        SELECT ev.id, ev.entry_uid, ev.tx_id FROM entry_events ev
        WHERE ev.kind IN (${kinds})
          AND ev.tx_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (ev.tx_id, ev.id) > (${endpoint.cursorTxId}::xid8, ${endpoint.cursorEventId}::bigint)
        ORDER BY ev.tx_id, ev.id
        LIMIT ${FAN_OUT_BATCH}
      ), queued AS (
        INSERT INTO webhook_deliveries (endpoint_id, event_id, entry_uid)
        SELECT ${endpointId}, id, entry_uid FROM batch ORDER BY tx_id, id
        ON CONFLICT DO NOTHING
      ), last AS (
        SELECT tx_id::text AS last_tx, id AS last_id FROM batch ORDER BY tx_id DESC, id DESC LIMIT 1
      )
      SELECT (SELECT count(*) FROM batch)::int AS n, last.last_tx, last.last_id::text AS last_id,
        (SELECT count(*) FROM batch JOIN entries e ON e.uid = batch.entry_uid
          WHERE e.subject_type = 'person' AND e.id_number IS NOT NULL)::int AS persons
      FROM (SELECT 1) one LEFT JOIN last ON true`);
    if (!batch || batch.n === 0 || batch.last_tx === null || batch.last_id === null) return 0;
    await tx
      .update(webhookEndpoints)
      .set({ cursorTxId: batch.last_tx, cursorEventId: Number(batch.last_id) })
      .where(eq(webhookEndpoints.id, endpointId));
    // As for the feed: every batch of persons' full ID numbers leaving the platform is in the audit trail.
    if (endpoint.fullIdentifiers && batch.persons > 0) {
      await recordAudit(
        {
          actor: endpoint.apiKeyId ? `apikey:${endpoint.apiKeyId}` : `webhook:${endpointId}`,
          action: 'full_id_viewed',
          objectType: 'webhook',
          objectId: String(endpointId),
          detail: { events: batch.n, persons: batch.persons, upTo: Number(batch.last_id) },
        },
        tx,
      );
    }
    return batch.n;
  });
}

// ---------------------------------------------------------------------------
// Delivery
// ---------------------------------------------------------------------------

export type DeliverOptions = {
  /** The clock deciding what is due, the backoff and the retry window (default: the database's now()). */
  now?: Date;
  /** Extra trusted CA (PEM) for the receivers, default WEBHOOK_CA_FILE's. */
  ca?: string;
  timeoutMs?: number;
  retryHours?: number;
  /** Deliveries leased and sent at once per round (default 64). */
  batchSize?: number;
  /** Most attempts per endpoint in one round (default 32): one slow receiver cannot take the whole round. */
  perEndpoint?: number;
};

export type DeliverResult = { delivered: number; retried: number; failed: number };

export function webhookSettings(env: Record<string, string | undefined> = process.env) {
  const hours = Number(env.WEBHOOK_RETRY_HOURS ?? DEFAULT_RETRY_HOURS);
  const timeout = Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000);
  return {
    // The issue's floor: retried for at least 24 hours.
    retryHours: Number.isFinite(hours) ? Math.max(DEFAULT_RETRY_HOURS, hours) : DEFAULT_RETRY_HOURS,
    timeoutMs: Number.isFinite(timeout) && timeout >= 100 ? Math.min(timeout, 60_000) : 10_000,
  };
}

/**
 * Delivery `d` (the alias both statements use) is the first undelivered event of its entry for its endpoint: what
 * keeps each entry's events in order.
 */
const HEADS_ITS_CHAIN = sql`NOT EXISTS (
  SELECT 1 FROM webhook_deliveries p
  WHERE p.endpoint_id = d.endpoint_id AND p.entry_uid = d.entry_uid
    AND p.event_id < d.event_id AND p.status <> 'delivered')`;

type Leased = {
  id: number;
  endpointId: number;
  attempts: number;
  url: string;
  secretCiphertext: string;
  fullIdentifiers: boolean;
  event: typeof entryEvents.$inferSelect;
  entry: Entry;
};

/** Sends every due delivery, round after round, until none is due. */
export async function deliverDueWebhooks(opts: DeliverOptions = {}): Promise<DeliverResult> {
  const settings = webhookSettings();
  const timeoutMs = opts.timeoutMs ?? settings.timeoutMs;
  const retryHours = opts.retryHours ?? settings.retryHours;
  const clock = opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
  const total: DeliverResult = { delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const leased = await lease(clock, opts.batchSize ?? 64, opts.perEndpoint ?? 32, timeoutMs);
    if (leased.length === 0) return total;
    const attempts = await Promise.all(
      leased.map(async (row) => ({ row, result: await attempt(row, timeoutMs, opts.ca) })),
    );
    const delivered = attempts.filter((a) => a.result.ok);
    await recordDelivered(delivered, clock);
    total.delivered += delivered.length;
    for (const { row, result } of attempts) {
      if (!result.ok) total[await recordFailure(row, result, clock, retryHours)] += 1;
    }
    // A receiver that answered nothing well this round is likely down: its other due deliveries wait for the
    // earliest retry instead of each timing out now. One that took some (a flaky one) keeps its pace.
    const answered = new Set(delivered.map((a) => a.row.endpointId));
    const down = new Map<number, number>();
    for (const { row, result } of attempts) {
      if (result.ok || answered.has(row.endpointId)) continue;
      const delay = webhookRetryDelaySeconds(row.attempts + 1);
      down.set(row.endpointId, Math.min(down.get(row.endpointId) ?? delay, delay));
    }
    for (const [endpointId, delay] of down) await deferEndpoint(endpointId, clock, delay);
  }
}

/**
 * Leases due deliveries that head their entry's chain: at most `perEndpoint` per endpoint, each moved past its
 * attempt's end so no other process takes it meanwhile.
 */
async function lease(clock: SQL, batchSize: number, perEndpoint: number, timeoutMs: number): Promise<Leased[]> {
  return getDb().transaction(async (tx) => {
    const picked = await tx.execute<{ id: number }>(sql`
      WITH due AS (
        SELECT d.id, d.endpoint_id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
        LEFT JOIN api_keys k ON k.id = e.api_key_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${clock} AND k.revoked_at IS NULL
          AND ${HEADS_ITS_CHAIN}
        ORDER BY d.next_attempt_at, d.id
        LIMIT ${batchSize * 4}
        FOR UPDATE OF d SKIP LOCKED
      ), ranked AS (
        SELECT id, row_number() OVER (PARTITION BY endpoint_id ORDER BY id) AS n FROM due
      )
      SELECT id FROM ranked WHERE n <= ${perEndpoint} ORDER BY id LIMIT ${batchSize}`);
    const ids = picked.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    const leaseSeconds = Math.ceil(timeoutMs / 1000) * 2 + 5;
    await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: sql`${clock} + make_interval(secs => ${leaseSeconds})` })
      .where(inArray(webhookDeliveries.id, ids));
    const rows = await tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: entryEvents, entry: entries })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .innerJoin(entryEvents, eq(entryEvents.id, webhookDeliveries.eventId))
      .innerJoin(entries, eq(entries.uid, webhookDeliveries.entryUid))
      .where(inArray(webhookDeliveries.id, ids));
    return rows.map((r) => ({
      id: r.delivery.id,
      endpointId: r.endpoint.id,
      attempts: r.delivery.attempts,
      url: r.endpoint.url,
      secretCiphertext: r.endpoint.secretCiphertext,
      fullIdentifiers: r.endpoint.fullIdentifiers,
      event: r.event,
      entry: r.entry,
    }));
  });
}

/** The body of a delivery: the feed's event with the entry as it is now, masked unless the endpoint is granted. */
function webhookBody(row: Leased): SharedEvent {
  const { event, entry } = row;
  const feedEvent: FeedEvent = {
    cursor: { txId: event.txId, id: event.id },
    eventId: event.id,
    kind: event.kind as FeedEvent['kind'],
    at: event.at,
    reason: event.reason,
    entry,
  };
  return toSharedEvent(feedEvent, row.fullIdentifiers);
}

async function attempt(row: Leased, timeoutMs: number, ca: string | undefined): Promise<WebhookAttempt> {
  let secret: string;
  try {
    secret = openSecret(row.secretCiphertext);
  } catch {
    return { ok: false, status: null, error: '签名密钥无法解密（站点密钥已更换？请重新登记接收地址）' };
  }
  const body = JSON.stringify(webhookBody(row));
  const headers = signedHeaders({
    secret,
    body,
    eventId: row.event.id,
    deliveryId: row.id,
    attempt: row.attempts + 1,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  return postWebhook({ url: row.url, body, headers, timeoutMs, ca });
}

/** One statement for every success of a round: most rounds are all successes. */
async function recordDelivered(done: { row: Leased; result: WebhookAttempt }[], clock: SQL) {
  if (done.length === 0) return;
  const statuses = sql.join(
    done.map(({ row, result }) => sql`(${row.id}::bigint, ${result.status}::int)`),
    sql`, `,
  );
  await getDb().execute(sql`
    UPDATE webhook_deliveries d SET status = 'delivered', attempts = d.attempts + 1,
      first_attempt_at = coalesce(d.first_attempt_at, ${clock}), last_attempt_at = ${clock},
      delivered_at = ${clock}, last_response_status = v.status, last_error = NULL
    FROM (VALUES ${statuses}) AS v(id, status)
    WHERE d.id = v.id`);
}

async function recordFailure(
  row: Leased,
  result: Extract<WebhookAttempt, { ok: false }>,
  clock: SQL,
  retryHours: number,
): Promise<'retried' | 'failed'> {
  const d = webhookDeliveries;
  const retryAt = sql`${clock} + make_interval(secs => ${webhookRetryDelaySeconds(row.attempts + 1)})`;
  const windowOver = sql`coalesce(${d.firstAttemptAt}, ${clock}) + make_interval(hours => ${retryHours}) <= ${clock}`;
  const [updated] = await getDb()
    .update(d)
    .set({
      attempts: sql`${d.attempts} + 1`,
      firstAttemptAt: sql`coalesce(${d.firstAttemptAt}, ${clock})`,
      lastAttemptAt: clock,
      lastResponseStatus: result.status,
      lastError: result.error.slice(0, 300),
      status: sql`CASE WHEN ${windowOver} THEN 'failed' ELSE 'pending' END::webhook_delivery_status`,
      nextAttemptAt: retryAt,
    })
    .where(eq(d.id, row.id))
    .returning({ status: d.status });
  return updated?.status === 'failed' ? 'failed' : 'retried';
}

/** Moves an endpoint's due chain heads to `delaySeconds` from now (events waiting behind one are not heads). */
async function deferEndpoint(endpointId: number, clock: SQL, delaySeconds: number) {
  await getDb().execute(sql`
    UPDATE webhook_deliveries d SET next_attempt_at = ${clock} + make_interval(secs => ${delaySeconds})
    WHERE d.endpoint_id = ${endpointId} AND d.status = 'pending' AND d.next_attempt_at <= ${clock}
      AND ${HEADS_ITS_CHAIN}`);
}

// ---------------------------------------------------------------------------
// The worker
// ---------------------------------------------------------------------------

const globalForWebhooks = globalThis as unknown as { ckWebhookWorker?: PollingLoop };

/** Starts the in-process webhook worker once (the server calls it at start-up): fan-out, then delivery, each second. */
export function ensureWebhookWorker(): PollingLoop {
  globalForWebhooks.ckWebhookWorker ??= startPollingLoop(
    async () => {
      await fanOutWebhooks();
      await deliverDueWebhooks();
    },
    { intervalMs: 1000, label: 'webhook worker', log: (line) => console.warn(line) },
  );
  return globalForWebhooks.ckWebhookWorker;
}

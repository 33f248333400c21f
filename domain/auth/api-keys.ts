/**
 * API keys for machine clients. A key reads `ck_<id>.<secret>`: the id names the row (and
 * appears in logs and event actors), the secret is 32 random bytes shown once at creation;
 * the database keeps only SHA-256(secret), compared in constant time.
 */
import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { apiKeys, type ApiKey } from '@/db/schema';
import { clientKey } from '@/domain/http/rate-limit';

export type ApiKeyRole = ApiKey['role'];

const KEY_RE = /^ck_(k_[a-f0-9]{12})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

export async function createApiKey(opts: {
  organization: string;
  role: ApiKeyRole;
  label?: string;
  createdBy: string;
  fullIdentifiers?: boolean;
}) {
  const id = `k_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await getDb()
    .insert(apiKeys)
    .values({
      id,
      secretHash: hashSecret(secret),
      organization: opts.organization,
      role: opts.role,
      label: opts.label ?? null,
      createdBy: opts.createdBy,
      // Only departments may receive natural persons' full ID numbers, and only when granted.
      fullIdentifiers: opts.role === 'department' && (opts.fullIdentifiers ?? false),
    });
  return { id, key: `ck_${id}.${secret}` };
}

export async function revokeApiKey(id: string): Promise<boolean> {
  const rows = await getDb()
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function listApiKeys() {
  return getDb()
    .select({
      id: apiKeys.id,
      organization: apiKeys.organization,
      role: apiKeys.role,
      fullIdentifiers: apiKeys.fullIdentifiers,
      label: apiKeys.label,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .orderBy(apiKeys.createdAt);
}

/** `fullIdentifiers`: a department key allowed persons' full ID numbers (change feed, bulk check). */
export type ApiCaller = { keyId: string; organization: string; role: ApiKeyRole; fullIdentifiers: boolean };

export type ApiAuth =
  { ok: true; caller: ApiCaller } | { ok: false; code: 'unauthorized' | 'forbidden'; message: string };

/** Checks `Authorization: Bearer <key>` and that the key's role is one of `roles`. */
export async function authenticateApiKey(request: Request, roles: ApiKeyRole[]): Promise<ApiAuth> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header)?.[1]?.match(KEY_RE);
  if (!match) return { ok: false, code: 'unauthorized', message: '缺少或无法识别的 API 密钥' };
  const [, id, secret] = match as unknown as [string, string, string];
  const [key] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, id));
  const given = Buffer.from(hashSecret(secret), 'hex');
  const valid = key && !key.revokedAt && timingSafeEqual(given, Buffer.from(key.secretHash, 'hex'));
  if (!valid) return { ok: false, code: 'unauthorized', message: 'API 密钥无效或已吊销' };
  if (!roles.includes(key.role)) return { ok: false, code: 'forbidden', message: '该 API 密钥无权访问此接口' };
  // Last use, at most once a minute per key (no write on every request).
  await getDb()
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))),
    );
  return {
    ok: true,
    caller: { keyId: key.id, organization: key.organization, role: key.role, fullIdentifiers: key.fullIdentifiers },
  };
}

/** A key granted full identifiers read persons' ID numbers (a feed page, a check): one audit row, under the key. */
export async function auditFullIdRead(
  caller: ApiCaller,
  request: Request,
  read: { objectType: 'feed' | 'check'; objectId?: string; detail: Record<string, unknown> },
) {
  await recordAudit({
    actor: `apikey:${caller.keyId}`,
    clientAddress: clientKey(request.headers),
    action: 'full_id_viewed',
    ...read,
  });
}

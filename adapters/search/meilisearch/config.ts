/**
 * Meilisearch settings read from the environment. Meilisearch is selected when `MEILI_URL`
 * is set; without it the built-in Postgres engine serves search (design.md, "Search").
 *
 * | variable               | meaning                                                    | default   |
 * | ---------------------- | ---------------------------------------------------------- | --------- |
 * | `MEILI_URL`            | server URL, `http(s)://host:port`                          | (off)     |
 * | `MEILI_API_KEY`        | API key (preferred when both are set)                      |           |
 * | `MEILI_MASTER_KEY`     | master key, used when `MEILI_API_KEY` is not set           |           |
 * | `MEILI_INDEX`          | index uid                                                  | `entries` |
 * | `MEILI_TIMEOUT_MS`     | per-request timeout of searches, milliseconds (1–60000)    | `300`     |
 * | `MEILI_ID_HASH_SECRET` | key of the HMAC applied to identifiers before indexing     | (none)    |
 *
 * `MEILI_ID_HASH_SECRET`: identifiers are stored in the index only as hashes (design rule 5).
 * A plain SHA-256 of a resident ID can be reversed by enumeration (region × birth date ×
 * sequence is only ~10^8 candidates), so production should set a secret (≥ 16 characters);
 * the hashes then are HMAC-SHA-256 under it and useless without it. Changing it requires a
 * full reindex.
 */
import 'server-only';
import type { Config } from 'meilisearch';

export type MeiliConfig = {
  host: string;
  /** Undefined only for a server started without a master key (development). */
  apiKey: string | undefined;
  indexUid: string;
  timeoutMs: number;
  /** HMAC key for identifier hashes; undefined → plain SHA-256 (see the module comment). */
  idHashSecret: string | undefined;
};

export const DEFAULT_INDEX_UID = 'entries';
export const DEFAULT_TIMEOUT_MS = 300;
const MAX_TIMEOUT_MS = 60_000;
const MIN_SECRET_CHARS = 16;

/** Index uids: alphanumeric, `-` and `_` only (Meilisearch `invalid_index_uid`), at most 400 bytes. */
const INDEX_UID_RE = /^[A-Za-z0-9_-]{1,400}$/;

type Env = Record<string, string | undefined>;

function read(env: Env, key: string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

export class MeiliConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeiliConfigError';
  }
}

/**
 * The Meilisearch configuration, or null when `MEILI_URL` is not set. Throws a
 * {@link MeiliConfigError} on a malformed value, and when `MEILI_URL` is set without a key
 * (a production server always has a master key; set `MEILI_ALLOW_NO_KEY=1` for a local
 * development server started without one).
 */
export function meiliConfigFromEnv(env: Env = process.env): MeiliConfig | null {
  const host = read(env, 'MEILI_URL');
  if (!host) return null;

  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new MeiliConfigError('MEILI_URL is not a valid URL (expected http(s)://host:port)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MeiliConfigError('MEILI_URL must use http or https');
  }

  const apiKey = read(env, 'MEILI_API_KEY') ?? read(env, 'MEILI_MASTER_KEY');
  if (!apiKey && read(env, 'MEILI_ALLOW_NO_KEY') !== '1') {
    throw new MeiliConfigError('MEILI_URL is set but neither MEILI_API_KEY nor MEILI_MASTER_KEY is');
  }

  const indexUid = read(env, 'MEILI_INDEX') ?? DEFAULT_INDEX_UID;
  if (!INDEX_UID_RE.test(indexUid)) {
    throw new MeiliConfigError('MEILI_INDEX may contain only letters, digits, "-" and "_"');
  }

  const rawTimeout = read(env, 'MEILI_TIMEOUT_MS');
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (rawTimeout !== undefined) {
    if (!/^\d+$/.test(rawTimeout))
      throw new MeiliConfigError('MEILI_TIMEOUT_MS must be a whole number of milliseconds');
    timeoutMs = Number(rawTimeout);
    if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new MeiliConfigError(`MEILI_TIMEOUT_MS must be between 1 and ${MAX_TIMEOUT_MS}`);
    }
  }

  const idHashSecret = read(env, 'MEILI_ID_HASH_SECRET');
  if (idHashSecret !== undefined && idHashSecret.length < MIN_SECRET_CHARS) {
    throw new MeiliConfigError(`MEILI_ID_HASH_SECRET must be at least ${MIN_SECRET_CHARS} characters`);
  }

  // The client accepts the host with or without a trailing slash; keep what was given.
  return { host, apiKey, indexUid, timeoutMs, idHashSecret };
}

/**
 * The options of every Meilisearch client the adapter makes, with its request timeout. `Accept-Encoding: identity`:
 * fetch asks for gzip by default, and Meilisearch then sends a compressed, chunked response in several small writes;
 * on a kept-alive connection Nagle's algorithm on the server and the client's delayed ACK hold each such response about
 * 40 ms. Measured on loopback against v1.50.0 (docs/benchmarks.md): a three-query multi-search took 44–48 ms with
 * gzip and 2–4 ms without. The responses are a few kilobytes from a nearby server: compression buys nothing.
 */
export function clientOptions(config: MeiliConfig, timeoutMs: number): Config {
  return {
    host: config.host,
    apiKey: config.apiKey,
    timeout: timeoutMs,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  };
}

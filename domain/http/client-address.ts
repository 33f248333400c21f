/**
 * The client's address as a rate limit may count it: one the client cannot choose.
 *
 * The HTTP front (scripts/serve.ts) computes it for every request from the socket and
 * `TRUST_PROXY_HOPS`, overwrites CLIENT_ADDRESS_HEADER with it, and app code reads only that
 * header. With no trusted proxy (the default, and the embedded `npm start`) it is the
 * socket's peer; with N trusted proxies it is the N-th X-Forwarded-For entry from the right
 * (the one the outermost trusted proxy appended). Entries further left are whatever the
 * client wrote and are never read.
 */
import 'server-only';
import { isIP } from 'node:net';

export const CLIENT_ADDRESS_HEADER = 'x-ck-client-address';

/** Trusted reverse-proxy hops in front of the app (0 unless configured). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRUST_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * A bucket for one client: IPv4 as is; IPv6 by its /64 prefix (one subscriber gets a whole
 * /64, so rotating inside it must gain nothing); anything unparsable shares one bucket.
 */
export function addressBucket(raw: string | undefined): string {
  let a = (raw ?? '').trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  if (a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return `${expandIpv6(a).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

function expandIpv6(a: string): string[] {
  const [head = '', tail] = a.split('::');
  const parts = (s: string) => (s ? s.split(':') : []);
  const h = parts(head);
  const t = tail === undefined ? [] : parts(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first four matter here.
  const fill = Array(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** The address to count for a request that arrived from `socketAddress` with this X-Forwarded-For. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  if (hops === 0) return addressBucket(socketAddress);
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through the whole chain.
  const entry = list.length >= hops ? list[list.length - hops] : undefined;
  return addressBucket(entry ?? socketAddress);
}

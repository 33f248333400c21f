/** Keyed hashes under the site's secret (BETTER_AUTH_SECRET), one purpose label each. */
import { createHmac } from 'node:crypto';

export function siteHmac(purpose: string, value: string): Buffer {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) throw new Error('BETTER_AUTH_SECRET is not set');
  return createHmac('sha256', secret).update(`${purpose}\0${value}`).digest();
}

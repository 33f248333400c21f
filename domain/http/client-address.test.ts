import { describe, expect, it } from 'vitest';
import { addressBucket, clientAddress, trustedProxyHops } from '@/domain/http/client-address';

describe('clientAddress', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '1.2.3.4, 5.6.7.8', 0)).toBe('127.0.0.1');
  });

  it('with N trusted hops, is the N-th entry from the right; entries the client wrote further left are ignored', () => {
    expect(clientAddress('10.0.0.1', 'forged, 198.51.100.9', 1)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.1', ['forged', '198.51.100.9, 10.0.0.2'], 2)).toBe('198.51.100.9');
    // Fewer entries than hops: did not pass the whole chain, counted by the socket.
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
  });

  it('buckets IPv6 by /64 and anything unparsable together, so keys stay short', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('x'.repeat(12_000))).toBe('unknown');
    expect(addressBucket(undefined)).toBe('unknown');
  });

  it('reads TRUST_PROXY_HOPS, 0 unless a small whole number', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: '2' })).toBe(2);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: 'yes' })).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: '-1' })).toBe(0);
  });
});

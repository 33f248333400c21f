/** The receiver's documented check: a forged, altered, re-addressed or replayed delivery is refused. */
import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_SECONDS, signedHeaders, verifyWebhook, webhookRetryDelaySeconds } from './webhooks';

const secret = 'receiver-secret-0123456789-abcdefghijkl';
const now = 1_800_000_000;
const body = JSON.stringify({ eventId: 42, kind: 'revoked', entry: { uid: 'KS-1' } });
const headers = signedHeaders({ secret, body, eventId: 42, deliveryId: 7, attempt: 1, nowSeconds: now });

describe('verifyWebhook', () => {
  it('accepts a genuine delivery and names its event id', () => {
    expect(verifyWebhook({ secret, body, headers, nowSeconds: now + 10 })).toEqual({ ok: true, eventId: 42 });
  });

  it('refuses a wrong secret, an altered body, a rewritten event id and missing headers', () => {
    expect(verifyWebhook({ secret: `${secret}x`, body, headers, nowSeconds: now })).toMatchObject({ reason: 'forged' });
    expect(verifyWebhook({ secret, body: body.replace('revoked', 'listed'), headers, nowSeconds: now })).toMatchObject({
      reason: 'forged',
    });
    // Dedupe by event id cannot be dodged: the header must match the signed body's id.
    const readdressed = { ...headers, 'x-chengxin-event-id': '43' };
    expect(verifyWebhook({ secret, body, headers: readdressed, nowSeconds: now })).toMatchObject({ reason: 'forged' });
    const { 'x-chengxin-signature': _dropped, ...unsigned } = headers;
    expect(verifyWebhook({ secret, body, headers: unsigned, nowSeconds: now })).toMatchObject({ reason: 'missing' });
    const resigned = { ...headers, 'x-chengxin-timestamp': String(now + 1) };
    expect(verifyWebhook({ secret, body, headers: resigned, nowSeconds: now })).toMatchObject({ reason: 'forged' });
  });

  it('refuses a replay outside the window, either side', () => {
    const late = now + REPLAY_WINDOW_SECONDS + 1;
    expect(verifyWebhook({ secret, body, headers, nowSeconds: late })).toMatchObject({ reason: 'replayed' });
    const early = now - REPLAY_WINDOW_SECONDS - 1;
    expect(verifyWebhook({ secret, body, headers, nowSeconds: early })).toMatchObject({ reason: 'replayed' });
  });
});

describe('webhookRetryDelaySeconds', () => {
  it('doubles from 30 s to an hour and keeps trying hourly for more than a day', () => {
    expect([1, 2, 3, 4].map(webhookRetryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(webhookRetryDelaySeconds(50)).toBe(3600);
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 24 * 3600) elapsed += webhookRetryDelaySeconds(++attempts);
    expect(attempts).toBeGreaterThan(20);
    expect(attempts).toBeLessThan(40);
  });
});

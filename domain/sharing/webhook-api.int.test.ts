/** /api/v1/webhook through its route handlers: only department keys, their own endpoint, log and redelivery. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET, PUT } from '@/app/api/v1/webhook/route';
import { GET as GET_LOG } from '@/app/api/v1/webhook/deliveries/route';
import { POST as REDELIVER } from '@/app/api/v1/webhook/deliveries/redeliver/route';
import { ACTOR, makePerson } from '@/db/tests/factory';
import { createApiKey } from '@/domain/auth/api-keys';
import { saveEntries } from '@/domain/entries/entries';
import { deliverDueWebhooks, fanOutWebhooks } from '@/domain/sharing/webhooks';
import { maskIdNumber } from '@/lib/mask';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

const SECRET = 'api-test-secret-0123456789-abcdefghijklm';
let masked: string;
let granted: string;
let other: string;
let enterprise: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  masked = (await createApiKey({ organization: '市民政局', role: 'department', createdBy: ACTOR })).key;
  granted = (
    await createApiKey({ organization: '市公安局', role: 'department', createdBy: ACTOR, fullIdentifiers: true })
  ).key;
  other = (await createApiKey({ organization: '市教育局', role: 'department', createdBy: ACTOR })).key;
  enterprise = (await createApiKey({ organization: '某企业', role: 'enterprise', createdBy: ACTOR })).key;
});
afterAll(async () => {
  for (const key of [masked, granted, other]) await DELETE(call('DELETE', key));
  await receiver.close();
});

function call(method: string, key: string | null, body?: unknown, path = '/api/v1/webhook') {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

describe('/api/v1/webhook', () => {
  it('answers only department keys', async () => {
    expect((await PUT(call('PUT', null, { url: receiver.url, secret: SECRET }))).status).toBe(401);
    expect((await PUT(call('PUT', enterprise, { url: receiver.url, secret: SECRET }))).status).toBe(403);
    expect((await GET(call('GET', enterprise))).status).toBe(403);
    expect((await GET_LOG(call('GET', 'ck_k_000000000000.x', undefined, '/api/v1/webhook/deliveries'))).status).toBe(
      401,
    );
  });

  it('refuses bad registrations with field errors and changes nothing', async () => {
    const bad: unknown[] = [
      { url: 'http://127.0.0.1/hook', secret: SECRET },
      { url: receiver.url, secret: 'short' },
      { url: receiver.url, secret: SECRET, fullIdentifiers: true }, // a key cannot grant itself more
      { url: `https://example.gov.cn/${'a'.repeat(3000)}`, secret: SECRET },
      { url: '<script>alert(1)</script>', secret: SECRET },
      [],
    ];
    for (const body of bad) {
      const res = await json(await PUT(call('PUT', masked, body)));
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect((res.body.error as { code: string }).code).toBe('validation_failed');
    }
    expect((await PUT(call('PUT', masked, '{"url":'))).status).toBe(400);
    expect((await PUT(call('PUT', masked, 'x'.repeat(70 * 1024)))).status).toBe(413);
    expect((await GET(call('GET', masked))).status).toBe(404);
  });

  it('registers, changes in place, delivers with the key grant, logs and redelivers', async () => {
    const created = await json(await PUT(call('PUT', masked, { url: receiver.url, secret: SECRET })));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organization: '市民政局', fullIdentifiers: false });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    const changed = await json(await PUT(call('PUT', masked, { url: receiver.url, secret: SECRET })));
    expect(changed).toMatchObject({ status: 200, body: { id: created.body.id } });
    // Two registrations of one key at once: one endpoint, created once and changed once.
    const racing = await Promise.all(
      [1, 2].map(() => PUT(call('PUT', granted, { url: receiver.url, secret: SECRET }))),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);

    const p = makePerson();
    await saveEntries([p], ACTOR);
    await fanOutWebhooks();
    await deliverDueWebhooks({ ca: receiver.ca });
    const mine = receiver.received.filter((x) => x.entryUid === p.uid);
    const ids = mine.map((x) => (x.body.entry as { idNumber: string }).idNumber).sort();
    expect(ids).toEqual([p.idNumber, maskIdNumber(p.idNumber!)].sort());

    const log = await json(
      await GET_LOG(call('GET', masked, undefined, '/api/v1/webhook/deliveries?status=delivered')),
    );
    expect(log.status).toBe(200);
    const rows = log.body.deliveries as { id: number; entryUid: string; status: string }[];
    const row = rows.find((r) => r.entryUid === p.uid)!;
    expect(row.status).toBe('delivered');
    const bad = await json(await GET_LOG(call('GET', masked, undefined, '/api/v1/webhook/deliveries?status=x&y=1')));
    expect(bad.status).toBe(422);

    // Another department's key cannot touch this delivery; its own endpoint is missing.
    expect(
      (await REDELIVER(call('POST', other, { ids: [row.id] }, '/api/v1/webhook/deliveries/redeliver'))).status,
    ).toBe(404);
    await PUT(call('PUT', other, { url: receiver.url, secret: SECRET }));
    const foreign = await REDELIVER(call('POST', other, { ids: [row.id] }, '/api/v1/webhook/deliveries/redeliver'));
    expect(foreign.status).toBe(409);
    const again = await json(
      await REDELIVER(call('POST', masked, { ids: [row.id] }, '/api/v1/webhook/deliveries/redeliver')),
    );
    expect(again).toEqual({ status: 200, body: { redelivered: [row.id] } });
    const before = receiver.received.length;
    await deliverDueWebhooks({ ca: receiver.ca });
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.eventId).toBe(mine[0]!.eventId); // the same event id: the receiver dedupes
    const invalid = await REDELIVER(call('POST', masked, { ids: ['1'] }, '/api/v1/webhook/deliveries/redeliver'));
    expect(invalid.status).toBe(422);

    expect((await DELETE(call('DELETE', masked))).status).toBe(200);
    expect((await GET(call('GET', masked))).status).toBe(404);
  });
});

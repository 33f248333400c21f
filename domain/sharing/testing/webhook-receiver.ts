/**
 * A department's receiver for tests and the benchmark: a real HTTPS server on loopback (a self-signed certificate the
 * caller trusts through `ca`) that checks each delivery as the documentation tells receivers to (lib/webhooks.ts
 * verifyWebhook), dedupes by event id, and answers as told: accept, fail (500), hang (never answer), or take the event
 * and then fail (the answer is lost: the platform must send it again, and the receiver must not apply it twice).
 */
import 'server-only';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { verifyWebhook, type WebhookVerdict } from '@/lib/webhooks';

export type ReceiverBehaviour = 'accept' | 'fail' | 'hang' | 'accept-then-fail';

export type Received = {
  eventId: number;
  entryUid: string;
  kind: string;
  verdict: WebhookVerdict;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  at: number;
};

export type WebhookReceiver = {
  url: string;
  ca: string;
  /** Every request that arrived with a valid signature, in arrival order (duplicates included). */
  received: Received[];
  /** Requests refused by the check (forged, replayed, missing headers). */
  refused: Received[];
  /** Event ids taken once each, in the order first taken: what the department's system applied. */
  applied: number[];
  behave(next: ReceiverBehaviour | ((r: Received) => ReceiverBehaviour)): void;
  close(): Promise<void>;
};

let certificate: Promise<{ private: string; cert: string }> | undefined;
/** One self-signed certificate per process, shared by every receiver: one CA for the worker to trust. */
function sharedCertificate() {
  certificate ??= selfsigned.generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec' });
  return certificate;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const pems = await sharedCertificate();
  let behaviour: ReceiverBehaviour | ((r: Received) => ReceiverBehaviour) = 'accept';
  const received: Received[] = [];
  const refused: Received[] = [];
  const applied: number[] = [];
  const seen = new Set<number>();
  const hanging = new Set<import('node:http').ServerResponse>();

  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verdict = verifyWebhook({ secret, body: raw, headers: req.headers });
      const body = JSON.parse(raw) as Record<string, unknown>;
      const entry = body.entry as { uid?: string } | undefined;
      const item: Received = {
        eventId: Number(body.eventId),
        entryUid: String(entry?.uid ?? ''),
        kind: String(body.kind),
        verdict,
        body,
        headers: req.headers,
        at: Date.now(),
      };
      if (!verdict.ok) {
        refused.push(item);
        res.writeHead(401).end();
        return;
      }
      const mode = typeof behaviour === 'function' ? behaviour(item) : behaviour;
      if (mode === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      received.push(item);
      if (mode === 'fail') {
        res.writeHead(500).end();
        return;
      }
      if (!seen.has(item.eventId)) {
        seen.add(item.eventId);
        applied.push(item.eventId);
      }
      res.writeHead(mode === 'accept' ? 204 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/hooks/chengxin`,
    ca: pems.cert,
    received,
    refused,
    applied,
    behave(next) {
      behaviour = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

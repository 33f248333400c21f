/**
 * One webhook attempt: `POST` a signed JSON body to a department's HTTPS endpoint (node:https, so a department on an
 * internal PKI can be trusted with WEBHOOK_CA_FILE, and every attempt is bounded by a timeout). Only the status code
 * and at most 1 KiB of the answer are read: a receiver's body is never stored or shown.
 */
import 'server-only';
import fs from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { firstLine } from '@/lib/polling';

export type WebhookAttempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export type PostOptions = {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Extra trusted certificate authorities (PEM); default: WEBHOOK_CA_FILE's, added to Node's. */
  ca?: string;
};

let configuredCa: string | null | undefined;
/** WEBHOOK_CA_FILE read once: the departments' internal CA, trusted beside the public ones. */
function caFromEnvironment(): string | null {
  if (configuredCa === undefined) {
    const file = process.env.WEBHOOK_CA_FILE?.trim();
    configuredCa = file ? fs.readFileSync(file, 'utf8') : null;
  }
  return configuredCa;
}

const agents = new Map<string, https.Agent>();
/** One keep-alive agent per trusted CA set, so consecutive deliveries reuse their TLS connection. */
function agentFor(ca: string | null): https.Agent {
  const key = ca ?? '';
  let agent = agents.get(key);
  if (!agent) {
    // `ca` replaces Node's bundled roots: keep them beside the extra authority.
    agent = new https.Agent({ keepAlive: true, maxSockets: 32, ...(ca ? { ca: [...rootCertificates, ca] } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

/** Most of an answer a receiver may send before the connection is dropped (its body is never used). */
const MAX_ANSWER_BYTES = 64 * 1024;

export function postWebhook(opts: PostOptions): Promise<WebhookAttempt> {
  return new Promise((resolve) => {
    let request: ReturnType<typeof https.request>;
    try {
      request = https.request(opts.url, {
        method: 'POST',
        headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
        agent: agentFor(opts.ca ?? caFromEnvironment()),
      });
    } catch (err) {
      resolve({ ok: false, status: null, error: firstLine(err) });
      return;
    }
    // One deadline for connecting, TLS, sending and the status line: a receiver that hangs cannot hold a worker.
    const deadline = setTimeout(
      () => request.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    request.on('response', (response) => {
      clearTimeout(deadline);
      const status = response.statusCode ?? 0;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      response.on('error', () => undefined);
      resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` });
    });
    request.on('error', (err) => {
      clearTimeout(deadline);
      resolve({ ok: false, status: null, error: firstLine(err) });
    });
    request.end(opts.body);
  });
}

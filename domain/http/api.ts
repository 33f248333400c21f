import 'server-only';
import { NextResponse } from 'next/server';
import { API_ERROR_CODES, type ApiErrorCode } from '@/domain/http/errors';
import type { FieldErrorBody, ResponseBody } from '@/domain/http/responses';

/** Registry responses are never cached anywhere (design rule 4). */
export function noStore<T extends Response>(response: T): T {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/**
 * Errors for machines: a stable code (its HTTP status from API_ERROR_CODES, domain/http/errors.ts),
 * a Chinese message for people, per-field details; the body is the document's Error component.
 * Routes answer through routeError (domain/http/routes.ts), which takes only the codes they declare.
 */
export function apiError(code: ApiErrorCode, message: string, fields?: FieldErrorBody[]) {
  const { status } = API_ERROR_CODES[code];
  const body = { error: { code, message, ...(fields ? { fields } : {}) } } satisfies ResponseBody<'Error'>;
  return noStore(NextResponse.json(body, { status }));
}

/**
 * Reads a JSON request body of at most `maxBytes`. Bad input gets a clear error and no
 * side effect: 415 for another content type, 413 when too large, 400 when not JSON.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: apiError('unsupported_media_type', '请求体应为 JSON（Content-Type: application/json）'),
    };
  }
  const tooLarge = {
    ok: false as const,
    response: apiError('payload_too_large', `请求体不能超过 ${maxBytes} 字节`),
  };
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return tooLarge;
  const bytes = await readAtMost(request, maxBytes);
  if (!bytes) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, response: apiError('invalid_json', '请求体不是有效的 UTF-8 JSON') };
  }
}

/**
 * The body's bytes, or null as soon as more than `maxBytes` have arrived: a chunked body
 * (no Content-Length) is counted while it is read and never buffered past the limit.
 */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

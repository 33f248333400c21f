/**
 * The public and system routes answer what their definitions say (domain/http/routes.ts):
 * a declared status and a body of its schema. The court, feed and check routes have their
 * own integration tests; routeJson checks every body outside production, so those do too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { GET as entry } from '@/app/api/v1/entries/[uid]/route';
import { GET as search } from '@/app/api/v1/search/route';
import { saveEntries } from '@/domain/entries/entries';
import { ACTOR, freshToken, makePerson, uniqueUid } from '@/db/tests/factory';
import { API_ERROR_CODES } from '@/domain/http/errors';
import { RESPONSE_SCHEMAS } from '@/domain/http/responses';
import { GET_ENTRY, GET_HEALTH, GET_OPENAPI, SEARCH_ENTRIES, type AnyRoute } from '@/domain/http/routes';

/** The answer's status is declared, and its body is of that status's schema (or the Error schema). */
async function expectDeclared(route: AnyRoute, response: Response) {
  const body: unknown = await response.json();
  expect(response.headers.get('cache-control')).toBe('no-store');
  const success = route.responses[response.status];
  if (success) {
    expect(success.schema.safeParse(body).error?.issues).toBeUndefined();
    return body;
  }
  const error = RESPONSE_SCHEMAS.Error.parse(body).error;
  expect(route.errors).toContain(error.code);
  expect(API_ERROR_CODES[error.code].status).toBe(response.status);
  return body;
}

let uid = '';
let name = '';

beforeAll(async () => {
  name = `${await freshToken(3)}丙`;
  uid = uniqueUid('routes-p');
  await saveEntries([{ ...makePerson({ name }), uid }], ACTOR);
});

describe('route handlers answer as their definitions say', () => {
  it('GET /api/v1/search: results, and each refusal with a declared code', async () => {
    const url = (q: string) => new Request(`http://localhost/api/v1/search?${new URLSearchParams({ q })}`);
    const found = (await expectDeclared(SEARCH_ENTRIES, await search(url(name)))) as { results: { uid: string }[] };
    expect(found.results.map((r) => r.uid)).toContain(uid);
    for (const q of ['', '李', 'x'.repeat(200), '320583198001010000']) expect((await search(url(q))).status).toBe(422);
    await expectDeclared(SEARCH_ENTRIES, await search(url('')));
    await expectDeclared(SEARCH_ENTRIES, await search(new Request('http://localhost/api/v1/search?q=abc&page=x')));
  });

  it('GET /api/v1/entries/{uid}: the public entry, or not_found', async () => {
    const get = (u: string) =>
      entry(new Request(`http://localhost/api/v1/entries/${u}`), { params: Promise.resolve({ uid: u }) });
    expect(await expectDeclared(GET_ENTRY, await get(uid))).toMatchObject({ uid, name });
    const missing = await get('no-such-entry');
    expect(missing.status).toBe(404);
    await expectDeclared(GET_ENTRY, missing);
  });

  it('GET /api/health and GET /api/v1/openapi.json', async () => {
    const h = await health();
    expect(h.status).toBe(200);
    await expectDeclared(GET_HEALTH, h);
    const doc = await openApi();
    expect(doc.status).toBe(200);
    await expectDeclared(GET_OPENAPI, doc);
  });
});

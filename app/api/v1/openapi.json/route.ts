import { GET_OPENAPI, routeJson } from '@/domain/http/routes';
import { scrubDeep } from '@/lib/disclosure';
import { buildOpenApiDocument } from '@/domain/http/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of the JSON API (domain/http/openapi.ts), scrubbed. */
export async function GET() {
  // Every public text passes the one scrubbing function: example ID numbers are shown masked.
  return routeJson(GET_OPENAPI, 200, scrubDeep(buildOpenApiDocument()));
}

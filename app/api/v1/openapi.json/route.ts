import { NextResponse } from 'next/server';
import { noStore } from '@/lib/api';
import { buildOpenApiDocument } from '@/lib/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of the JSON API (lib/openapi.ts). */
export async function GET() {
  return noStore(NextResponse.json(buildOpenApiDocument()));
}

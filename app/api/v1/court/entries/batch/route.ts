import { asCourt, postBatch } from '@/domain/entries/court-api';
import { POST_BATCH } from '@/domain/http/routes';

/** POST /api/v1/court/entries/batch — { entries: [...] }, up to 1,000; each item stands alone. */
export async function POST(request: Request) {
  return asCourt(POST_BATCH, request, postBatch);
}

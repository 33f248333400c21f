import { postCheck } from '@/domain/check/api';

/** Bulk check of up to 1,000 subjects (department and enterprise keys); see domain/check/api.ts. */
export async function POST(request: Request) {
  return postCheck(request);
}

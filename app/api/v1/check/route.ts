import { postCheck } from '@/lib/check/api';

/** Bulk check of up to 1,000 subjects (department and enterprise keys); see lib/check/api.ts. */
export async function POST(request: Request) {
  return postCheck(request);
}

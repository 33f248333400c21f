/**
 * POST /api/v1/check: the bulk check for department and enterprise systems. Department keys
 * see what is shared with departments (restricted entries too), enterprise keys what the
 * public sees; persons' ID numbers are masked, and never matched on, unless the department
 * key has fullIdentifiers (lib/disclosure.ts).
 */
import 'server-only';
import { CHECK_SUBJECTS, readRouteBody, routeError, routeJson } from '@/domain/http/routes';
import { auditFullIdRead, authenticateApiKey } from '@/domain/auth/api-keys';
import { disclosureForKey } from '@/lib/disclosure';
import { MAX_CHECK_BYTES } from '@/domain/http/limits';
import { parseCheckRequest } from '@/lib/validation/check';
import { checkSubjects } from '@/domain/check/match';

export async function postCheck(request: Request): Promise<Response> {
  const auth = await authenticateApiKey(request, ['department', 'enterprise']);
  if (!auth.ok) return routeError(CHECK_SUBJECTS, auth.code, auth.message);
  const body = await readRouteBody(CHECK_SUBJECTS, request, MAX_CHECK_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseCheckRequest(body.value);
  if (!parsed.ok) return routeError(CHECK_SUBJECTS, 'validation_failed', '提交的核查请求未通过校验', parsed.errors);
  const checkedAt = new Date().toISOString();
  const disclosure = disclosureForKey(auth.caller);
  const results = await checkSubjects(parsed.subjects, disclosure);
  // A key granted full identifiers may read persons' ID numbers in the answer: each check is in the audit trail.
  if (disclosure.personIds) {
    await auditFullIdRead(auth.caller, request, { objectType: 'check', detail: { subjects: parsed.subjects.length } });
  }
  return routeJson(CHECK_SUBJECTS, 200, { checkedAt, results });
}

import type { EntryInput } from '@/lib/entry-input';

/**
 * The push-API JSON for an entry — the inverse of parseEntryPush (tests, benchmarks and
 * examples send what the court's system would send). Null and empty values are left out;
 * person-only and organisation-only fields only for their subject type.
 */
export function toPushPayload(e: EntryInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    uid: e.uid,
    caseNo: e.caseNo,
    subjectType: e.subjectType,
    name: e.name,
    idNumber: e.idNumber,
    otherIds: e.otherIds?.length ? e.otherIds : undefined,
    court: e.court,
    regionId: e.regionId,
    regionName: e.regionName,
    basisDocNo: e.basisDocNo,
    basisIssuer: e.basisIssuer,
    duty: e.duty,
    performance: e.performance,
    circumstances: e.circumstances,
    publishedAt: e.publishedAt.toISOString(),
    filedAt: e.filedAt,
    performedPart: e.performedPart,
    unperformedPart: e.unperformedPart,
    revokedAt: e.revokedAt?.toISOString(),
    severity: e.severity,
    validUntil: e.validUntil?.toISOString(),
    disclosure: e.disclosure,
    updatedAt: e.updatedAt?.toISOString(),
  };
  if (e.subjectType === 'person') Object.assign(body, { gender: e.gender, age: e.age });
  else body.legalRepresentative = e.legalRepresentative;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
}

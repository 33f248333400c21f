import 'server-only';
import type { Entry } from '@/db/schema';
import { isPersonIdShaped, scrubDeep } from '@/lib/disclosure';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { maskIdNumber, maskIdentifierForPublic } from '@/lib/mask';

/**
 * What the public may see of an entry — the only shape pages and the public API render.
 * Natural persons' identifiers are masked here (design rule 5); organisation codes stay whole;
 * every text passes scrubText (lib/disclosure.ts), so an ID number typed into a duty or a
 * note is masked too.
 */
export type PublicEntry = {
  uid: string;
  caseNo: string;
  subjectType: 'person' | 'organization';
  name: string;
  gender: string | null;
  age: number | null;
  idNumber: string | null;
  otherIds: { type: string; number: string }[];
  legalRepresentative: string | null;
  court: string;
  regionId: string | null;
  regionName: string;
  basisDocNo: string;
  basisIssuer: string;
  duty: string;
  performance: string;
  circumstances: string[];
  publishedAt: string;
  filedAt: string;
  performedPart: string | null;
  unperformedPart: string | null;
  revokedAt: string | null;
  severity: 'general' | 'serious';
  validUntil: string | null;
  demo: boolean;
};

/** An organisation's other documents are public, except an ID number among them (its legal representative's). */
function otherIdForPublic(subjectType: Entry['subjectType'], n: string): string {
  return subjectType === 'person' || isPersonIdShaped(normalizeIdentifierInput(n)) ? maskIdNumber(n) : n;
}

export function toPublicEntry(e: Entry): PublicEntry {
  const { idNumber, ...rest } = scrubDeep(entryViewUnscrubbed(e));
  // An organisation's own code is public whole, even the rare all-digit one scrubText would mask.
  return { ...rest, idNumber: e.subjectType === 'organization' ? e.idNumber?.trim() || null : idNumber };
}

/** The public shape before scrubText: only for keys granted full identifiers (domain/sharing/shared-entry.ts). */
export function entryViewUnscrubbed(e: Entry): PublicEntry {
  return {
    uid: e.uid,
    caseNo: e.caseNo,
    subjectType: e.subjectType,
    name: e.name,
    gender: e.gender,
    age: e.age,
    idNumber: maskIdentifierForPublic(e.subjectType, e.idNumber),
    otherIds: e.otherIds.map((o) => ({ type: o.type, number: otherIdForPublic(e.subjectType, o.number) })),
    legalRepresentative: e.legalRepresentative,
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
    revokedAt: e.revokedAt?.toISOString() ?? null,
    severity: e.severity,
    validUntil: e.validUntil?.toISOString() ?? null,
    demo: e.demo,
  };
}

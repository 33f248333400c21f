/**
 * Stored counterparty checks (/check): what was checked, when, and what was found, under a
 * verification code anyone holding the report can look up on /check/verify. The digest is
 * SHA-256 over the canonical JSON (keys sorted, no spaces) of everything stored, so the
 * verify page can recompute it from the row and show that nothing was altered.
 *
 * Only public output is stored: the matches come from the 'public' audience (persons' IDs
 * masked), and an identifier the visitor typed is echoed by echoTypedIdentifier (a USCC as
 * typed, a resident ID without its birth month and day).
 */
import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { checkReports } from '@/db/schema';
import { echoTypedIdentifier, scrubDeep } from '@/lib/disclosure';
import { CODE_ALPHABET, CODE_RE } from '@/lib/check/code';
import type { CheckMatch, CheckResult } from '@/domain/check/match';
import { type CheckSubject } from '@/lib/validation/check';

/** One counterparty as stored: the input (identifier masked) and the result. */
export type StoredResult = {
  index: number;
  name: string | null;
  idNumber: string | null;
  listed: boolean;
  truncated: boolean;
  matches: CheckMatch[];
};

export type CheckReport = {
  verificationCode: string;
  checkedAt: string;
  subjectCount: number;
  listedCount: number;
  results: StoredResult[];
  digest: string;
};

/** `HC-XXXX-XXXX-XXXX`: 60 random bits from the CSPRNG. */
export function newVerificationCode(): string {
  const chars = [...randomBytes(12)].map((b) => CODE_ALPHABET[b % 32]).join('');
  return `HC-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

type Digested = Omit<CheckReport, 'digest'>;

export function reportDigest(report: Digested): string {
  const { verificationCode, checkedAt, subjectCount, listedCount, results } = report;
  return createHash('sha256')
    .update(canonicalJson({ verificationCode, checkedAt, subjectCount, listedCount, results }))
    .digest('hex');
}

/** Stores a check made on /check and returns the report. */
export async function saveCheckReport(subjects: CheckSubject[], results: CheckResult[]): Promise<CheckReport> {
  // Reports are read by anyone holding the code: stored scrubbed (an ID typed into a name is masked too).
  const stored: StoredResult[] = scrubDeep(
    results.map((r) => {
      const s = subjects[r.index]!;
      return {
        index: r.index,
        name: s.name?.trim() || null,
        idNumber: s.idNumber ? echoTypedIdentifier(s.idNumber) : null,
        listed: r.listed,
        truncated: r.truncated,
        matches: r.matches,
      };
    }),
  );
  const checkedAt = new Date();
  const body: Digested = {
    verificationCode: newVerificationCode(),
    checkedAt: checkedAt.toISOString(),
    subjectCount: stored.length,
    listedCount: stored.filter((r) => r.listed).length,
    results: stored,
  };
  const report = { ...body, digest: reportDigest(body) };
  await getDb().insert(checkReports).values({
    id: randomUUID(),
    verificationCode: report.verificationCode,
    createdAt: checkedAt,
    subjectCount: report.subjectCount,
    listedCount: report.listedCount,
    results: report.results,
    digest: report.digest,
  });
  return report;
}

/** A stored report by its code, with whether its digest still matches what is stored; null when there is none. */
export async function findCheckReport(code: string): Promise<(CheckReport & { digestMatches: boolean }) | null> {
  if (!CODE_RE.test(code)) return null;
  const [row] = await getDb().select().from(checkReports).where(eq(checkReports.verificationCode, code));
  if (!row) return null;
  const body: Digested = {
    verificationCode: row.verificationCode,
    checkedAt: row.createdAt.toISOString(),
    subjectCount: row.subjectCount,
    listedCount: row.listedCount,
    results: row.results as StoredResult[],
  };
  return { ...body, digest: row.digest, digestMatches: reportDigest(body) === row.digest };
}

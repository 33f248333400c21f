import 'server-only';
import { and, eq, gt, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { entries } from './schema';
import type { DisplayStatus } from '@/lib/entry-input';

// The building blocks of the rule. `now()` is evaluated by Postgres at query time, so
// expiry needs no job to take effect.
const isActive = () => eq(entries.status, 'active');
const isPublished = () => lte(entries.publishedAt, sql`now()`);
const isInValidity = () => or(isNull(entries.validUntil), gt(entries.validUntil, sql`now()`))!;

/**
 * What the list shares with the member units (seed 二(七)): an entry is shared while it is
 * published, not revoked, not shielded and inside its validity period — whether or not it
 * may be disclosed to the public (依法不宜公开 entries are shared with departments only).
 * Department reads (bulk check with a department key) filter with this and nothing else.
 */
export function isSharedWithDepartments(): SQL {
  return and(isActive(), isPublished(), isInValidity())!;
}

/**
 * THE visibility rule (design rule 2). An entry is public only while it is published,
 * not revoked, not shielded, not restricted (依法不宜公开) and inside its validity period:
 * what is shared with departments, minus the restricted entries.
 * Every public read — pages, JSON API, search re-checks, notices' counterparts — filters
 * with this and nothing else.
 */
export function isPublic(): SQL {
  return and(isSharedWithDepartments(), eq(entries.disclosure, 'public'))!;
}

/**
 * The display status in SQL, built from isPublic() and its building blocks (never a second
 * copy of the rule): removal first, then not yet published, then past validity, then restricted.
 */
export function displayStatus(): SQL<DisplayStatus> {
  return sql<DisplayStatus>`CASE
    WHEN ${isPublic()} THEN 'public'
    WHEN ${entries.status} = 'revoked' THEN 'revoked'
    WHEN ${entries.status} = 'shielded' THEN 'shielded'
    WHEN NOT ${isPublished()} THEN 'future'
    WHEN NOT ${isInValidity()} THEN 'expired'
    ELSE 'restricted' END`;
}

/**
 * Removals that are announced (seed 二(四)): revocations and shieldings of entries that were
 * public. Restricted entries were never public, so their removal is not announced either —
 * public notices and public statistics count only these.
 */
export function isPublicRemoval(): SQL {
  return and(ne(entries.status, 'active'), eq(entries.disclosure, 'public'))!;
}

/**
 * Minors are never listed (design rule 5). The push refuses them (domain/entries/entries.ts); reads that hand the list
 * out in bulk (the departments' export) check again, on the stated age and the resident ID's birth date against the
 * 发布时间, compared as YYYYMMDD text so a malformed number cannot make the query fail.
 */
export function isNeverAMinor(): SQL {
  const birth = sql`CASE
    WHEN ${entries.idNumber} ~ '^[0-9]{17}[0-9Xx]$' THEN substr(${entries.idNumber}, 7, 8)
    WHEN ${entries.idNumber} ~ '^[0-9]{15}$' THEN '19' || substr(${entries.idNumber}, 7, 6) END`;
  const published = sql`(${entries.publishedAt} AT TIME ZONE 'Asia/Shanghai')`;
  const adultSince = sql`to_char(${published} - interval '18 years', 'YYYYMMDD')`;
  return sql`NOT (${entries.subjectType} = 'person' AND (coalesce(${entries.age} < 18, false)
    OR coalesce(${birth} > ${adultSince}, false)))`;
}

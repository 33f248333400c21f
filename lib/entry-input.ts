/**
 * The entry's vocabulary, the one copy: db/schema.ts builds its enums from these tuples, zod
 * its z.enum()s, and the label maps are typed by them.
 */
export const SUBJECT_TYPES = ['person', 'organization'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const DISCLOSURES = ['public', 'restricted'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export const ENTRY_STATUSES = ['active', 'revoked', 'shielded'] as const;
export const SEVERITIES = ['general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const GENDERS = ['男', '女'] as const;
export type OtherId = { type: string; number: string };
/** How an entry leaves the list before its time: 撤销 or 屏蔽. */
export const REMOVAL_KINDS = ['revoke', 'shield'] as const;
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

/** The kinds of entry event the code writes (text in the database, typed by this list). */
/** measures_lifted: the court decided to lift the measures (执行担保, or a lifting request forwarded by a unit). */
export const ENTRY_EVENT_KINDS = [
  'listed',
  'updated',
  'revoked',
  'shielded',
  'removal_due',
  'expired',
  'measures_lifted',
] as const;
export type EntryEventKind = (typeof ENTRY_EVENT_KINDS)[number];
/** The event kinds that make up the change feed for the receiving departments. */
export const FEED_KINDS = [
  'listed',
  'updated',
  'revoked',
  'shielded',
  'expired',
] as const satisfies readonly EntryEventKind[];

/**
 * Where an entry stands, as staff see it: `public` exactly when db/visibility.ts isPublic() holds, otherwise the first
 * reason it is not.
 */
export const DISPLAY_STATUSES = ['public', 'future', 'expired', 'revoked', 'shielded', 'restricted'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

import { sql } from 'drizzle-orm';
import {
  APPLICATION_KINDS,
  CASE_DECISIONS,
  CASE_HANDLERS,
  CASE_STATUSES,
  LIFTING_STATUSES,
  REMINDER_SCOPES,
} from '@/lib/case-terms';
import { ARTICLE_KINDS, ARTICLE_STATUSES, type ArticleEventKind } from '@/lib/articles/terms';
import { WEBHOOK_DELIVERY_STATUSES } from '@/lib/webhooks';
import {
  DISCLOSURES,
  ENTRY_STATUSES,
  GENDERS,
  SEVERITIES,
  SUBJECT_TYPES,
  type EntryEventKind,
  type OtherId,
  type RemovalKind,
} from '@/lib/entry-input';
import {
  type AnyPgColumn,
  bigint,
  customType,
  bigserial,
  check,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const subjectType = pgEnum('subject_type', SUBJECT_TYPES);
export const disclosure = pgEnum('disclosure', DISCLOSURES);
export const entryStatus = pgEnum('entry_status', ENTRY_STATUSES);
export const severity = pgEnum('severity', SEVERITIES);

/**
 * One listing of a dishonest judgment debtor: every field of the seed's Attachment 1
 * (信息推送表) plus what section 二(一) adds (severity, validity period) and the
 * platform's own state (disclosure, status). Columns prefixed `search_` are derived
 * by lib/normalize.ts at write time and serve the built-in search engine.
 */
export const entries = pgTable(
  'entries',
  {
    uid: text('uid').primaryKey(), // 信息唯一标识
    caseNo: text('case_no').notNull(), // 案号
    subjectType: subjectType('subject_type').notNull(), // 标识自然人或企业法人
    name: text('name').notNull(), // 失信被执行人姓名/名称
    gender: text('gender').$type<(typeof GENDERS)[number]>(), // 性别 (persons)
    age: smallint('age'), // 年龄 (persons, at listing)
    idNumber: text('id_number'), // 身份证号码 / 组织机构代码 / 统一社会信用代码
    otherIds: jsonb('other_ids').$type<OtherId[]>().notNull().default([]), // 多证件列表
    legalRepresentative: text('legal_representative'), // 企业法定代表人姓名
    court: text('court').notNull(), // 执行法院
    regionId: text('region_id'), // 地域ID
    regionName: text('region_name').notNull(), // 地域名称
    basisDocNo: text('basis_doc_no').notNull(), // 执行依据文号
    basisIssuer: text('basis_issuer').notNull(), // 作出执行依据单位
    duty: text('duty').notNull(), // 法律生效文书确定的义务
    performance: text('performance').notNull(), // 被执行人的履行情况
    circumstances: text('circumstances').array().notNull(), // 失信被执行人具体情形
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(), // 发布时间
    filedAt: date('filed_at').notNull(), // 立案时间
    performedPart: text('performed_part'), // 已履行部分
    unperformedPart: text('unperformed_part'), // 未履行部分
    revokedAt: timestamp('revoked_at', { withTimezone: true }), // 撤销时间
    severity: severity('severity').notNull(), // 失信严重程度
    validUntil: timestamp('valid_until', { withTimezone: true }), // 失信信息有效期 (end); null = until removed
    disclosure: disclosure('disclosure').notNull().default('public'), // 依法不宜公开 → restricted
    // 更新时间: the court system's last change to the record; orders pushed versions (null: never sent).
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }),
    status: entryStatus('status').notNull().default('active'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusReason: text('status_reason'),
    // The removal clock (seed 二(四)): the fact that obliges removal (one of the SPC grounds,
    // e.g. 全部履行) and the day it happened; overdue 3 days after it while still active.
    removalGround: text('removal_ground'),
    removalGroundOn: date('removal_ground_on'),
    demo: boolean('demo').notNull().default(false), // synthetic demo data (演示数据)
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchName: text('search_name').notNull(),
    searchGrams: text('search_grams').array().notNull(),
    searchPinyin: text('search_pinyin').notNull(),
    searchInitials: text('search_initials').notNull(),
    searchCaseNo: text('search_case_no').notNull(),
    searchIds: text('search_ids').array().notNull(),
  },
  (t) => [
    index('entries_search_grams_gin').using('gin', t.searchGrams),
    index('entries_search_ids_gin').using('gin', t.searchIds),
    index('entries_search_name_idx').using('btree', sql`${t.searchName} text_pattern_ops`),
    index('entries_search_pinyin_idx').using('btree', sql`${t.searchPinyin} text_pattern_ops`),
    index('entries_search_initials_idx').using('btree', sql`${t.searchInitials} text_pattern_ops`),
    index('entries_search_case_no_idx').on(t.searchCaseNo),
    index('entries_published_at_idx').on(t.publishedAt),
    index('entries_valid_until_idx').on(t.validUntil),
    index('entries_status_changed_at_idx').on(t.statusChangedAt),
    index('entries_court_idx').on(t.court),
  ],
);

/** Postgres' 64-bit transaction id, read as a decimal string. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Append-only history of every change to an entry (design rule 9); a trigger forbids
 * UPDATE/DELETE. It is also the change feed for the departments that receive the list (seed
 * 二(七)): the events of the kinds in FEED_KINDS (lib/entry-input.ts), in id order, with the writing
 * transaction's id so a reader can tell committed order from id order. Every member unit
 * receives every entry, so one row serves them all.
 */
export const entryEvents = pgTable(
  'entry_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryUid: text('entry_uid')
      .notNull()
      .references(() => entries.uid),
    kind: text('kind').$type<EntryEventKind>().notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    txId: xid8('tx_id')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [index('entry_events_entry_uid_idx').on(t.entryUid, t.id), index('entry_events_feed_idx').on(t.txId, t.id)],
);

/** Member units of Attachment 3 and the other bodies Attachment 2 names. */
export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  isMemberUnit: boolean('is_member_unit').notNull(),
  sortOrder: integer('sort_order').notNull(),
  note: text('note'),
});

/**
 * The courts whose entries the platform takes (db/seed-data/courts.json, loaded by db/reference-data.ts). `name` is
 * the canonical name entries carry; a push or an import naming an alias is stored under it, an unknown court refused.
 * `superior`: where a rejected correction may be reconsidered (复议). `handlesRequests`: whether the court takes
 * correction requests on this platform; where not, the public pages give its contact instead of the form.
 */
export const courts = pgTable(
  'courts',
  {
    name: text('name').primaryKey(),
    code: text('code').notNull(), // 法院代字 in case numbers, e.g. 苏0583
    aliases: text('aliases').array().notNull().default([]),
    superior: text('superior').references((): AnyPgColumn => courts.name),
    phone: text('phone').notNull(),
    address: text('address').notNull(),
    handlesRequests: boolean('handles_requests').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('courts_code_idx').on(t.code)],
);

/** The 41 joint punishment measures of Attachment 2. */
export const measures = pgTable('measures', {
  no: smallint('no').primaryKey(),
  numeral: text('numeral').notNull(),
  text: text('text').notNull(),
  implementersText: text('implementers_text').notNull(),
  /** The kinds of subject the measure can apply to: the platform's reading of its text (db/seed-data/measures.json). */
  subjects: subjectType('subjects').array().notNull(),
});

export const measureDepartments = pgTable(
  'measure_departments',
  {
    measureNo: smallint('measure_no')
      .notNull()
      .references(() => measures.no),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
  },
  (t) => [primaryKey({ columns: [t.measureNo, t.departmentCode] })],
);

export type Entry = typeof entries.$inferSelect;
export type NewEntry = typeof entries.$inferInsert;

/**
 * Search outbox (design rule 3): one row per change to an entry, written in the same
 * transaction as the change. The sync worker (adapters/search/sync.ts) reads the entry's current
 * state from Postgres and upserts or deletes its index document, then deletes the row; a
 * failure keeps the row with a later `next_attempt_at`. Rows are never dropped unsynced.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryUid: text('entry_uid').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [index('search_outbox_next_attempt_idx').on(t.nextAttemptAt, t.id)],
);

/**
 * Where the sync worker's sweep for entries whose visibility changed with time alone
 * (published_at reached, valid_until passed) has got to. One row.
 */
export const searchSweep = pgTable('search_sweep', {
  id: smallint('id').primaryKey().default(1),
  sweptUntil: timestamp('swept_until', { withTimezone: true }).notNull(),
});

export const apiKeyRole = pgEnum('api_key_role', ['court', 'department', 'enterprise']);

/**
 * Keys for machine clients (the court's system, departments' systems). The secret is shown
 * once at creation; only its SHA-256 is stored (a random 256-bit secret needs no slow hash).
 */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(), // the public part of the key, e.g. `k_3f9a…`
  secretHash: text('secret_hash').notNull(),
  organization: text('organization').notNull(),
  role: apiKeyRole('role').notNull(),
  label: text('label'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  // Department keys only: the change feed and bulk check return natural persons' full ID numbers.
  fullIdentifiers: boolean('full_identifiers').notNull().default(false),
});

export type ApiKey = typeof apiKeys.$inferSelect;

export const staffRole = pgEnum('staff_role', ['admin', 'court_clerk', 'credit_office', 'department_officer']);

/**
 * Staff accounts, managed by better-auth (domain/auth/staff.ts): the four tables below have the
 * fields its core and admin plugin expect, under property names it looks up. `role` is one of
 * staffRole; a department officer is bound to one member unit.
 */
export const staffUsers = pgTable('staff_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  role: staffRole('role').notNull(),
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: timestamp('ban_expires', { withTimezone: true }),
  departmentCode: text('department_code').references(() => departments.code),
  // A court clerk's court (执行法院, as entries name it); null for other roles. A clerk without one is the city court's
  // (HOME_COURT).
  court: text('court'),
  // A court clerk who is their court's 负责人 for removals: approves (审核) the revocations and shieldings other clerks
  // submit.
  reviewsRemovals: boolean('reviews_removals').notNull().default(false),
  // better-auth's two-factor plugin: set once a TOTP authenticator is verified (required for administrators).
  twoFactorEnabled: boolean('two_factor_enabled').default(false),
  // Set when an administrator opens the account or resets its password: every staff page sends the user to change it
  // first.
  mustChangePassword: boolean('must_change_password').notNull().default(false),
});

/** TOTP secrets and backup codes (better-auth's two-factor plugin; both stored encrypted with BETTER_AUTH_SECRET). */
export const staffTwoFactors = pgTable(
  'staff_two_factors',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_two_factors_user_id_idx').on(t.userId)],
);

export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    impersonatedBy: text('impersonated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_sessions_user_id_idx').on(t.userId)],
);

export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    password: text('password'),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_accounts_user_id_idx').on(t.userId)],
);

export const staffVerifications = pgTable('staff_verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StaffUser = typeof staffUsers.$inferSelect;

// ---------------------------------------------------------------------------
// Applications from listed subjects (seed 二(三), 二(五), 二(六)) and their cases
// ---------------------------------------------------------------------------

export const applicationKind = pgEnum('application_kind', APPLICATION_KINDS);
/**
 * refused 不予受理 ends a case without a decision on the merits; awaiting_material 待补正 pauses
 * it (and its clock) until the applicant supplies what the handler asked for.
 */
export const caseStatus = pgEnum('case_status', CASE_STATUSES);
/**
 * Objections and repairs: upheld / partly_upheld / rejected. Corrections (the court):
 * revoke_entry 纠正（撤销名单）, amend_entry 纠正（更正信息）, rejected 驳回 — only revoke_entry
 * removes the entry. (Corrections decided before these existed may read upheld / partly_upheld.)
 */
export const caseDecision = pgEnum('case_decision', CASE_DECISIONS);
export const caseHandler = pgEnum('case_handler', CASE_HANDLERS);

/**
 * What a subject filed: an objection to measures (异议申请), a correction request to the court
 * (纠错申请) or a credit-repair request (信用修复申请). The access code is never stored, only its
 * hash; `submissionToken` makes a retried submission land once.
 */
export const applications = pgTable('applications', {
  id: text('id').primaryKey(),
  trackingNo: text('tracking_no').notNull().unique(),
  accessCodeHash: text('access_code_hash').notNull(),
  submissionToken: text('submission_token').notNull().unique(),
  kind: applicationKind('kind').notNull(),
  entryUid: text('entry_uid')
    .notNull()
    .references(() => entries.uid),
  applicantName: text('applicant_name').notNull(),
  phone: text('phone').notNull(),
  email: text('email'),
  /** What happened and why, in the applicant's words (one box on the form). */
  statement: text('statement').notNull(),
  learnedOn: date('learned_on'), // corrections: the day the subject learned of the listing
  measureNos: smallint('measure_nos').array().notNull().default([]),
  /**
   * Submitted when this entry had already drawn SCREEN_AFTER_PER_ENTRY applications of this
   * kind that day: kept and decided like any other, but staff check who is applying first
   * (a third party cannot use up a subject's right to apply).
   */
  needsScreening: boolean('needs_screening').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One case per body that decides: each department an objection names, the court, or the credit office. */
export const cases = pgTable(
  'cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    handler: caseHandler('handler').notNull(),
    departmentCode: text('department_code').references(() => departments.code), // handler = department
    /**
     * A request to remove a record or lift a measure that a department forwarded to the court (二(四) 提交市法院审查决定):
     * the department's code; the case is then the court's (handler = court) and the department only reads it.
     */
    forwardedFrom: text('forwarded_from').references(() => departments.code),
    status: caseStatus('status').notNull().default('submitted'),
    decision: caseDecision('decision'),
    decisionText: text('decision_text'),
    /** An objection upheld in whole or in part: the measures (Attachment 2 numbers) lifted for the subject. */
    liftedMeasureNos: smallint('lifted_measure_nos').array().notNull().default([]),
    dueOn: date('due_on').notNull(), // the last day to decide, from the time rules (extended by the days paused for 补正)
    /** 不予受理: the reason's code (lib/case-terms.ts REFUSAL_REASONS); the written reasons are in decisionText. */
    refusalReason: text('refusal_reason'),
    /**
     * 补正: what the handler asked for, the day the clock paused and the status to return to; null while the clock runs.
     */
    materialRequest: text('material_request'),
    pausedOn: date('paused_on'),
    pausedFrom: caseStatus('paused_from'),
    /** Calendar days the clock stood still for 补正, over all rounds (already added to dueOn). */
    pausedDays: integer('paused_days').notNull().default(0),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_application_idx').on(t.applicationId),
    index('cases_handler_status_idx').on(t.handler, t.departmentCode, t.status),
  ],
);

/** Append-only history of every case (design rule 9). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    status: caseStatus('status').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Evidence files, stored in Postgres with the application in one transaction: at ≤ 5 × 10 MB
 * per application the database copes, and one store means one backup and no orphan files.
 */
export const applicationFiles = pgTable(
  'application_files',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(), // from the content, never the name
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** Added later in answer to a 补正 request (null: filed with the application). */
    supplementId: bigint('supplement_id', { mode: 'number' }).references(() => supplements.id),
  },
  (t) => [index('application_files_application_idx').on(t.applicationId)],
);

/** What an applicant sent in answer to a 补正 request: a note, and files in application_files. */
export const supplements = pgTable(
  'supplements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    note: text('note').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supplements_application_idx').on(t.applicationId)],
);

/** Internal notes on a case: staff only, never shown on /track; append-only. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    actor: text('actor').notNull(),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.id)],
);

/**
 * The signed decision (PDF, judged by content) a handler attaches when deciding; one per case, the applicant downloads
 * it.
 */
export const caseDocuments = pgTable('case_documents', {
  caseId: bigint('case_id', { mode: 'number' })
    .primaryKey()
    .references(() => cases.id),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  actor: text('actor').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Messages to applicants, written in the same transaction as the change they report. Every
 * one shows on the tracking page; those with an email address are also sent by SMTP when it
 * is configured (adapters/mail), retried until sent.
 */
export const messageOutbox = pgTable(
  'message_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Null for a staff notice (a kept measure due again, domain/entries/lifting.ts): it is never on /track.
    applicationId: text('application_id').references(() => applications.id),
    // A staff notice: the lifting task and the kept-until day it is about (one per task, day and address).
    liftingTaskId: bigint('lifting_task_id', { mode: 'number' }).references(() => liftingTasks.id),
    liftingDueOn: date('lifting_due_on'),
    toAddress: text('to_address'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [
    index('message_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`sent_at IS NULL AND to_address IS NOT NULL`),
    uniqueIndex('message_outbox_lifting_key')
      .on(t.liftingTaskId, t.liftingDueOn, t.toAddress)
      .where(sql`lifting_task_id IS NOT NULL`),
    check('message_outbox_one_subject', sql`(${t.applicationId} IS NULL) <> (${t.liftingTaskId} IS NULL)`),
    check('message_outbox_lifting_day', sql`(${t.liftingTaskId} IS NULL) = (${t.liftingDueOn} IS NULL)`),
  ],
);

/** Rate-limit counters (rate-limiter-flexible's RateLimiterDrizzle), shared by every app process. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});

export type Application = typeof applications.$inferSelect;
export type Case = typeof cases.$inferSelect;

// ---------------------------------------------------------------------------
// Sharing with departments and enterprises (seed 二(七), 四(五))
// ---------------------------------------------------------------------------

/**
 * not_applicable: opened, before tasks followed feedback, for a unit that had reported no measure; closed by migration
 * 0013.
 */
export const liftingStatus = pgEnum('lifting_status', LIFTING_STATUSES);

/**
 * A member unit's obligation to lift the measures it applied to an entry (二(七)), with the
 * measures (Attachment 2 numbers) named. Opened, in the same transaction, either by a removal
 * (revoked, shielded, expired: removal_event_id) for each unit that reported applying a
 * measure to the entry (measure_feedback), or by an objection the unit upheld in whole or in
 * part (case_id), listing the measures the decision lifted. See domain/entries/lifting.ts.
 */
export const liftingTasks = pgTable(
  'lifting_tasks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryUid: text('entry_uid')
      .notNull()
      .references(() => entries.uid),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    removalEventId: bigint('removal_event_id', { mode: 'number' }),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id),
    measureNos: smallint('measure_nos').array().notNull().default([]),
    status: liftingStatus('status').notNull().default('open'),
    dueOn: date('due_on').notNull(),
    keptReason: text('kept_reason'),
    keptUntil: date('kept_until'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lifting_tasks_department_status_idx').on(t.departmentCode, t.status, t.dueOn),
    index('lifting_tasks_entry_idx').on(t.entryUid),
    uniqueIndex('lifting_tasks_removal_department_key').on(t.removalEventId, t.departmentCode),
    uniqueIndex('lifting_tasks_case_key').on(t.caseId),
    check('lifting_tasks_one_origin', sql`(${t.removalEventId} IS NULL) <> (${t.caseId} IS NULL)`),
  ],
);

/**
 * Every decision on a lifting task, in order (二(七)): lifted, or kept with the legal ground and the day until which
 * (kept_until); a kept measure comes back to the unit on that day and is decided again, so a task may have several.
 * lifting_tasks keeps the current decision in its columns; this is the history. Append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE). Rows before migration 0024 were copied from the tasks' columns.
 */
export const liftingDecisions = pgTable(
  'lifting_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => liftingTasks.id),
    outcome: liftingStatus('outcome').notNull(),
    keptReason: text('kept_reason'),
    keptUntil: date('kept_until'),
    decidedBy: text('decided_by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lifting_decisions_task_idx').on(t.taskId, t.id),
    check('lifting_decisions_decided', sql`${t.outcome} <> 'open'`),
    check(
      'lifting_decisions_kept_period',
      sql`(${t.outcome} = 'kept') = (${t.keptUntil} IS NOT NULL AND ${t.keptReason} IS NOT NULL)`,
    ),
  ],
);

/**
 * 催办: the credit office chasing a unit about its open lifting tasks (all, or the overdue
 * ones), with the tasks it covered then. Append-only (a trigger refuses UPDATE and DELETE).
 */
export const liftingReminders = pgTable(
  'lifting_reminders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    scope: text('scope', { enum: REMINDER_SCOPES }).notNull(),
    taskIds: bigint('task_ids', { mode: 'number' }).array().notNull(),
    note: text('note'),
    sentBy: text('sent_by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lifting_reminders_department_idx').on(t.departmentCode, t.at),
    index('lifting_reminders_tasks_idx').using('gin', t.taskIds),
  ],
);

/** How far recordExpiries (domain/entries/entries.ts) has written `expired` events. One row. */
export const expirySweep = pgTable('expiry_sweep', {
  id: smallint('id').primaryKey().default(1),
  sweptUntil: timestamp('swept_until', { withTimezone: true }).notNull(),
});

/** Measures a department reports it applied to an entry (四(五) 反馈): which of the 41, when, outcome. */
export const measureFeedback = pgTable(
  'measure_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryUid: text('entry_uid')
      .notNull()
      .references(() => entries.uid),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    measureNo: smallint('measure_no')
      .notNull()
      .references(() => measures.no),
    appliedOn: date('applied_on').notNull(),
    outcome: text('outcome').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('measure_feedback_department_idx').on(t.departmentCode, t.measureNo),
    index('measure_feedback_entry_idx').on(t.entryUid, t.departmentCode),
  ],
);

/**
 * A counterparty check made on /check: what was checked, when, and the results, so anyone
 * holding the verification code can confirm the report. The digest covers the stored results.
 */
export const checkReports = pgTable('check_reports', {
  id: text('id').primaryKey(),
  verificationCode: text('verification_code').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  subjectCount: integer('subject_count').notNull(),
  listedCount: integer('listed_count').notNull(),
  results: jsonb('results').$type<unknown[]>().notNull(),
  digest: text('digest').notNull(),
});

// ---------------------------------------------------------------------------
// Audit trail of staff and administrator actions (等保2.0 安全审计)
// ---------------------------------------------------------------------------

/**
 * One row per staff or administrator action: who (actor code, as on events), from where, what
 * (action code, db/audit.ts AUDIT_ACTIONS), on which object, and the details. Append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE); written in the action's own transaction
 * where there is one, so an action and its audit row commit together.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    clientAddress: text('client_address'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actor, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

// ---------------------------------------------------------------------------
// Revocation and shielding from the staff portal: 承办人提交、负责人审核
// ---------------------------------------------------------------------------

export const removalRequestStatus = pgEnum('removal_request_status', ['pending', 'approved', 'refused']);

/**
 * A court clerk's request to revoke or shield an entry, which takes effect only when another
 * clerk of the same court who reviews removals approves it (domain/entries/removal-requests.ts). One
 * pending request per entry. The court's API revokes directly (the court's own system has
 * signed it off).
 */
export const removalRequests = pgTable(
  'removal_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryUid: text('entry_uid')
      .notNull()
      .references(() => entries.uid),
    kind: text('kind').$type<RemovalKind>().notNull(),
    reason: text('reason').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    status: removalRequestStatus('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    uniqueIndex('removal_requests_one_pending_key')
      .on(t.entryUid)
      .where(sql`status = 'pending'`),
    index('removal_requests_pending_idx')
      .on(t.requestedAt)
      .where(sql`status = 'pending'`),
  ],
);
export type RemovalRequest = typeof removalRequests.$inferSelect;

// ---------------------------------------------------------------------------
// Uploaded import files (the /admin/import wizard) and the import history
// ---------------------------------------------------------------------------

/**
 * A file uploaded on /admin/import and checked (预检): kept with its preview so that 导入
 * imports exactly the file that was checked, by the staff member who checked it, within
 * `expiresAt`. The wizard holds an unguessable token; only its SHA-256 is stored. `status`:
 * checked → importing → imported (back to checked if the import fails). The content is
 * dropped once imported or expired; the row stays as the import history.
 */
export const importUploads = pgTable(
  'import_uploads',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    staffUserId: text('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    actor: text('actor').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content'),
    preview: jsonb('preview').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    status: text('status', { enum: ['checked', 'importing', 'imported'] })
      .notNull()
      .default('checked'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }),
  },
  (t) => [index('import_uploads_imported_idx').on(t.importedAt), index('import_uploads_expires_idx').on(t.expiresAt)],
);
export type ImportUpload = typeof importUploads.$inferSelect;

// ---------------------------------------------------------------------------
// Articles (四(四), 四(五)): 通知公告, 信用动态 (the court's 通报 among them), 典型案例, 政策文件
// ---------------------------------------------------------------------------

export const articleKind = pgEnum('article_kind', ARTICLE_KINDS);
export const articleStatus = pgEnum('article_status', ARTICLE_STATUSES);

/**
 * An article written in the staff portal: draft → in_review → published (a second person approves) → withdrawn
 * (domain/publishing/articles.ts). `body` is Markdown, rendered safely by lib/articles/markdown.ts. `court`: the
 * court a clerk's 通报 comes from (null: the credit office). `entryUid`: the entry a 典型案例 is about, shown only while
 * that entry is public. Actors are codes as on events (`staff:<email>`).
 */
export const articles = pgTable(
  'articles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: articleKind('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    body: text('body').notNull(),
    status: articleStatus('status').notNull().default('draft'),
    court: text('court'),
    entryUid: text('entry_uid').references(() => entries.uid),
    author: text('author').notNull(),
    reviewer: text('reviewer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('articles_published_idx')
      .on(t.kind, t.publishedAt)
      .where(sql`status = 'published'`),
    index('articles_status_idx').on(t.status, t.updatedAt),
    check('articles_reviewer_not_author', sql`${t.reviewer} IS NULL OR ${t.reviewer} <> ${t.author}`),
    check(
      'articles_published_reviewed',
      sql`${t.status} NOT IN ('published', 'withdrawn') OR ${t.reviewer} IS NOT NULL`,
    ),
  ],
);
export type Article = typeof articles.$inferSelect;

/** Append-only history of every article (design rule 9): who, when, what, and the note (a reason sent back …). */
export const articleEvents = pgTable(
  'article_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id),
    kind: text('kind').$type<ArticleEventKind>().notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_events_article_idx').on(t.articleId, t.id)],
);

/** An article's attachments (PDF, JPEG, PNG judged by content, as evidence files are), stored in Postgres. */
export const articleFiles = pgTable(
  'article_files',
  {
    id: text('id').primaryKey(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(), // from the content, never the name
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_files_article_idx').on(t.articleId)],
);

/**
 * Departments' webhook endpoints (seed 二(二), domain/sharing/webhooks.ts). Registered by an administrator for a
 * department, or by a department key for itself (`apiKeyId`: then it ends with the key). The secret signs every
 * delivery; it is kept encrypted under the site secret, never shown again. `cursorTxId`/`cursorEventId`: how far
 * the feed has been fanned out into deliveries. `fullIdentifiers`: the grant, as a key's for the feed.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organization: text('organization').notNull(),
    apiKeyId: text('api_key_id').references(() => apiKeys.id),
    url: text('url').notNull(),
    secretCiphertext: text('secret_ciphertext').notNull(),
    fullIdentifiers: boolean('full_identifiers').notNull().default(false),
    cursorTxId: xid8('cursor_tx_id').notNull(),
    cursorEventId: bigint('cursor_event_id', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  // A department key has at most one active endpoint, even when two registrations race.
  (t) => [
    uniqueIndex('webhook_endpoints_key_idx')
      .on(t.apiKeyId)
      .where(sql`disabled_at IS NULL AND api_key_id IS NOT NULL`),
  ],
);

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUSES);

/**
 * One feed event for one endpoint: the delivery log, in feed order per endpoint (`id`). An event waits while an
 * earlier event (lower `eventId`: one entry's events are written one transaction after another, so ids follow
 * commit order) of the same entry for the same endpoint is undelivered, so each entry's events arrive in order.
 * `firstAttemptAt` starts the retry window; `failed` after it, until redelivered.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: bigint('endpoint_id', { mode: 'number' })
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => entryEvents.id),
    entryUid: text('entry_uid').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastResponseStatus: integer('last_response_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_idx').on(t.endpointId, t.eventId),
    index('webhook_deliveries_chain_idx')
      .on(t.endpointId, t.entryUid, t.eventId)
      .where(sql`status <> 'delivered'`),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.endpointId, t.id),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

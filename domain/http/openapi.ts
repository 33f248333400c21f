/**
 * # The OpenAPI 3.1 description of the platform's JSON API
 *
 * Served at GET /api/v1/openapi.json and rendered for people at /developers. The request
 * bodies of the court's push API are generated from the very zod schemas that validate
 * them (`z.toJSONSchema(…, { target: 'draft-2020-12', io: 'input' })`; OpenAPI 3.1 schema
 * objects are JSON Schema 2020-12), so the description cannot drift from the validation.
 *
 * Which fields each subject type requires or refuses is in the schema itself: EntryPush is
 * `oneOf` one variant per subject type (lib/validation/entry-push.ts derives them from
 * `SUBJECT_TYPE_RULES`), and `fieldRequirement` reads it back from there. What zod cannot say
 * as JSON Schema is added here and checked against the parsers by domain/http/openapi.test.ts:
 * that a batch item must carry uid, and that a revocation on the ground “其他” needs a note.
 *
 * The response shapes (PublicEntry, search, health, push results) have no zod schema:
 * they are written by hand below, with TypeScript checks that every key of `PublicEntry`
 * is documented, and the examples are produced by the real code (`parseEntryPush`,
 * `toPublicEntry`), so they are exactly what a client sends and receives.
 */
import 'server-only';
import { MAX_FEED_LIMIT } from '@/db/feed';
import { DEFAULT_FEED_LIMIT } from '@/domain/sharing/feed-api';
import { z } from 'zod';
import type { Entry } from '@/db/schema';
import { LISTED_SCORE, MAX_MATCHES } from '@/domain/check/match';
import { MAX_BATCH_BYTES, MAX_CHECK_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import { API_ERROR_CODES, formatBytes, type ApiErrorCode } from '@/domain/http/errors';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '@/lib/identifiers';
import { publicEntrySchema, toPublicEntry, type PublicEntry } from '@/domain/publishing/public-entry';
import { MAX_PAGE, MAX_QUERY_CHARS, MIN_QUERY_CHARS, PAGE_SIZE } from '@/lib/search/limits';
import { searchParamsSchema, type SearchParams } from '@/lib/search/params';
import {
  batchSchema,
  entryPushSchema,
  LIMITS,
  parseEntryPush,
  revocationSchema,
  UID_RE,
  versionError,
  type EntryPushBody,
} from '@/lib/validation/entry-push';
import { CHECK_LIMITS, checkRequestSchema } from '@/lib/validation/check';
import { ERROR_CODES, type ErrorCode } from '@/lib/validation/errors';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { FEED_KINDS, SUBJECT_TYPES, type SubjectType } from '@/lib/entry-input';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { ENTRY_PUSH_FIELDS, FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';

export const API_VERSION = '1.0.0';
export const API_TITLE = '诚信昆山 失信被执行人名单公示平台 API';

/** A JSON value: what the document is made of (no functions, no undefined). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------
// What each subject type requires, read back from the generated schema (checked against parseEntryPush)
// ---------------------------------------------------------------------------

export type Requirement = 'required' | 'optional' | 'not_applicable';

/** The JSON Schema of a zod schema as the client sends it, without `$schema`. */
function inputJsonSchema(schema: z.ZodType): JsonObject {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as unknown as JsonObject;
  const { $schema: _dialect, ...rest } = generated;
  return rest;
}

let entryVariants: Record<SubjectType, JsonObject> | undefined;

/** EntryPush's generated variant for a subject type: the one whose subjectType is that constant. */
function entryVariant(subjectType: SubjectType): JsonObject {
  entryVariants ??= Object.fromEntries(
    (inputJsonSchema(entryPushSchema).oneOf as JsonObject[]).map((v) => [
      ((v.properties as JsonObject).subjectType as JsonObject).const as SubjectType,
      v,
    ]),
  ) as Record<SubjectType, JsonObject>;
  return entryVariants[subjectType];
}

const variantRequired = (subjectType: SubjectType) => (entryVariant(subjectType).required ?? []) as EntryPushField[];

/** A property that takes nothing but null or a blank string: the subject type does not take the field. */
function takesNothing(property: JsonObject): boolean {
  const onlyEmpty = (s: JsonObject) => s.type === 'null' || (s.type === 'string' && s.pattern === '^\\s*$');
  return Array.isArray(property.anyOf) ? (property.anyOf as JsonObject[]).every(onlyEmpty) : onlyEmpty(property);
}

/** Fields the entry schema requires whatever the subject type (what its variants all require). */
export function baseRequiredFields(): EntryPushField[] {
  const [first, ...rest] = SUBJECT_TYPES;
  return variantRequired(first).filter((f) => rest.every((t) => variantRequired(t).includes(f)));
}

/**
 * Whether a field is required, optional or not to be sent, for a subject type, as the generated
 * variant says. `uid` is optional in the body of PUT …/{uid} (the path carries it) and required in a
 * batch item.
 */
export function fieldRequirement(
  field: EntryPushField,
  subjectType: SubjectType,
  context: 'put' | 'batch' = 'put',
): Requirement {
  const variant = entryVariant(subjectType);
  if (takesNothing((variant.properties as JsonObject)[field] as JsonObject)) return 'not_applicable';
  if (field === 'uid') return context === 'batch' ? 'required' : 'optional';
  return variantRequired(subjectType).includes(field) ? 'required' : 'optional';
}

// ---------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------

/** 65536 → “64 KB（65,536 字节）”. */

/** Plain-Chinese meaning of each field error code (ERROR_CODES describes them in English). */
export const FIELD_ERROR_CODE_DESCRIPTIONS = {
  required: '必填项缺少、为 null 或只有空白（包括按主体类型必填的项）。',
  invalid_type: 'JSON 类型不对，例如应为文本却给了数字，或年龄不是整数。',
  invalid_enum: '取值不在允许的范围内。',
  too_short: '项数（或字符数）少于最低要求。',
  too_long: '文本超过最大长度（去除首尾空白后按字符计）。',
  invalid_format: '格式不对：不符合规定的形式、日期格式、含控制字符或超出范围。',
  invalid_date: '格式正确但日期或时间不存在，例如 2024-02-30、25:00。',
  date_order: '两个日期先后顺序不对，例如立案时间晚于发布时间。',
  future_date: '不得晚于当前时间的日期晚于当前时间（容许 5 分钟时钟误差）。',
  invalid_checksum:
    '校验位不正确：居民身份证号码（GB 11643）、统一社会信用代码（GB 32100）或组织机构代码（GB 11714）。',
  minor: '自然人在发布时未满 18 周岁（按身份证号码中的出生日期或所填年龄），不得纳入名单。',
  unknown_field: '接口不认识的字段；不会被悄悄忽略，请删除或检查拼写。',
  uid_mismatch: '请求体中的 uid 与请求路径中的不一致。',
  not_applicable: '该主体类型不应填写此项，例如给法人及其他组织填了性别。',
  too_many: '列表项数超过上限。',
  stale_version: '更新时间早于平台已保存版本的更新时间：旧版本晚到，不予保存（单条推送返回 409）。',
  version_conflict: '更新时间与已保存版本的相同而内容不同：同一版本只能有一种内容，不予保存（单条推送返回 409）。',
  version_required: '已保存的版本带有更新时间，而推送未填写更新时间，无法判断新旧，不予保存（单条推送返回 409）。',
} as const satisfies Record<ErrorCode, string>;

export const FIELD_ERROR_CODES = Object.keys(ERROR_CODES) as ErrorCode[];

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------
// Examples (synthetic; checked by parseEntryPush at load and in tests)
// ---------------------------------------------------------------------------

/** A fictitious resident ID: Kunshan's region code, born 1980-01-01, sequence 000 (never issued), valid check digit. */
const EXAMPLE_RESIDENT_FIRST17 = '32058319800101000';
export const EXAMPLE_RESIDENT_ID = EXAMPLE_RESIDENT_FIRST17 + residentIdCheckChar(EXAMPLE_RESIDENT_FIRST17);

/** A fictitious unified social credit code (organisation code body MA1EXAMP), valid check characters. */
const EXAMPLE_ORG_BODY = 'MA1EXAMP';
const EXAMPLE_USCC_FIRST17 = `91320583${EXAMPLE_ORG_BODY}${orgCodeCheckChar(EXAMPLE_ORG_BODY)}`;
export const EXAMPLE_USCC = EXAMPLE_USCC_FIRST17 + usccCheckChar(EXAMPLE_USCC_FIRST17);

/** A natural person, with every optional field a person may carry. */
export const EXAMPLE_PERSON = {
  uid: 'KS-EXAMPLE-0001',
  caseNo: '(2024)苏0583执1234号',
  subjectType: 'person',
  name: '李某某',
  gender: '女',
  age: 44,
  idNumber: EXAMPLE_RESIDENT_ID,
  otherIds: [{ type: '护照', number: 'E00000000' }],
  court: '昆山市人民法院',
  regionId: '320583',
  regionName: '江苏省苏州市昆山市',
  basisDocNo: '(2023)苏0583民初5678号',
  basisIssuer: '昆山市人民法院',
  duty: '被执行人向申请执行人支付货款人民币100,000元及逾期付款利息，并负担案件受理费2,300元。',
  performance: '全部未履行',
  circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
  publishedAt: '2024-06-03T09:30:00+08:00',
  filedAt: '2024-03-15',
  performedPart: '0元',
  unperformedPart: '人民币102,300元',
  severity: 'general',
  validUntil: '2026-06-03T09:30:00+08:00',
  disclosure: 'public',
  updatedAt: '2024-06-03T09:10:00+08:00',
} satisfies EntryPushBody;

/** An organisation, with its legal representative. */
export const EXAMPLE_ORGANIZATION = {
  uid: 'KS-EXAMPLE-0002',
  caseNo: '(2024)苏0583执2345号',
  subjectType: 'organization',
  name: '昆山某某电子科技有限公司',
  idNumber: EXAMPLE_USCC,
  legalRepresentative: '王某某',
  court: '昆山市人民法院',
  regionId: '320583',
  regionName: '江苏省苏州市昆山市',
  basisDocNo: '(2023)苏0583民初6789号',
  basisIssuer: '昆山市人民法院',
  duty: '被执行人向申请执行人支付工程款人民币1,250,000元。',
  performance: '部分履行',
  circumstances: ['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度'],
  publishedAt: '2024-07-01',
  filedAt: '2024-04-20',
  performedPart: '人民币250,000元',
  unperformedPart: '人民币1,000,000元',
  severity: 'serious',
  disclosure: 'public',
} satisfies EntryPushBody;

export const EXAMPLE_REVOCATION = {
  kind: 'revoke',
  reason: '全部履行',
  note: '被执行人已全部履行生效法律文书确定的义务',
} as const;

/** An example body as the API would publish it: parsed by the real parser, masked by the real function. */
function publicExample(body: EntryPushBody): PublicEntry {
  const parsed = parseEntryPush(body);
  if (!parsed.ok)
    throw new Error(
      `OpenAPI example ${String(body.uid)} does not pass validation: ${parsed.errors.map((e) => e.field).join(', ')}`,
    );
  const e = parsed.entry;
  // toPublicEntry reads only the public columns; the example is a row as saveEntry would store it.
  const row = {
    ...e,
    gender: e.gender ?? null,
    age: e.age ?? null,
    idNumber: e.idNumber ?? null,
    otherIds: e.otherIds ?? [],
    legalRepresentative: e.legalRepresentative ?? null,
    regionId: e.regionId ?? null,
    performedPart: e.performedPart ?? null,
    unperformedPart: e.unperformedPart ?? null,
    revokedAt: e.revokedAt ?? null,
    validUntil: e.validUntil ?? null,
    demo: false,
  };
  return toPublicEntry(row as unknown as Entry);
}

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

const fieldList = (fields: readonly EntryPushField[]) => fields.map((f) => `${f}（${FIELD_DOCS[f].label}）`).join('、');

function entryPushComponent(): JsonObject {
  const schema = inputJsonSchema(entryPushSchema);
  const base = baseRequiredFields();
  const requiredNote = SUBJECT_TYPES.map((t) => {
    const required = ENTRY_PUSH_FIELDS.filter((f) => !base.includes(f) && fieldRequirement(f, t) === 'required');
    const notSent = ENTRY_PUSH_FIELDS.filter((f) => fieldRequirement(f, t) === 'not_applicable');
    return `${SUBJECT_TYPE_LABELS[t]}另须填写 ${fieldList(required)}，不填 ${fieldList(notSent)}`;
  }).join('；');
  return {
    ...schema,
    description:
      `${String(schema.description ?? '')}\n\n${requiredNote}。单条推送（PUT）可省略 ` +
      `uid（以请求路径为准）。跨字段规则（校验位、未成年人、日期先后）见各字段说明，违反时返回 422。`,
    examples: [EXAMPLE_PERSON, EXAMPLE_ORGANIZATION],
  };
}

function batchComponent(): JsonObject {
  const schema = inputJsonSchema(batchSchema);
  const properties = schema.properties as JsonObject;
  const entries = properties.entries as JsonObject;
  return {
    ...schema,
    title: '批量推送',
    properties: { ...properties, entries: { ...entries, items: ref('BatchEntry') } },
  };
}

function feedPageComponent(): JsonObject {
  return {
    title: '变更通知',
    type: 'object',
    required: ['events', 'nextCursor', 'hasMore'],
    properties: {
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: ['cursor', 'eventId', 'kind', 'at', 'reason', 'entry'],
          properties: {
            cursor: { type: 'string', description: '该事件的游标。' },
            eventId: { type: 'integer' },
            kind: {
              type: 'string',
              enum: [...FEED_KINDS],
              description: 'listed 纳入，updated 更新，revoked 撤销，shielded 屏蔽，expired 有效期届满。',
            },
            at: { type: 'string', format: 'date-time' },
            reason: { type: ['string', 'null'], description: '撤销、屏蔽事由等。' },
            entry: {
              description:
                '该信息的当前内容：公开字段，加上公开方式（disclosure：public / restricted）和状态（status：active / revoked / shielded）。',
              allOf: [ref('PublicEntry')],
            },
          },
        },
      },
      nextCursor: { type: ['string', 'null'], description: '下次请求的 after。' },
      hasMore: { type: 'boolean' },
    },
  };
}

export const EXAMPLE_CHECK: JsonObject = {
  subjects: [
    { name: EXAMPLE_ORGANIZATION.name, idNumber: EXAMPLE_USCC },
    { idNumber: EXAMPLE_RESIDENT_ID },
    { name: '昆山某某贸易有限公司' },
  ],
};

function checkRequestComponent(): JsonObject {
  const schema = inputJsonSchema(checkRequestSchema);
  const properties = schema.properties as JsonObject;
  const subjects = properties.subjects as JsonObject;
  const item = subjects.items as JsonObject;
  return {
    ...schema,
    properties: {
      ...properties,
      subjects: { ...subjects, items: { ...item, anyOf: [{ required: ['name'] }, { required: ['idNumber'] }] } },
    },
    examples: [EXAMPLE_CHECK],
  };
}

function revocationComponent(): JsonObject {
  const schema = inputJsonSchema(revocationSchema);
  return {
    ...schema,
    description: `事由为“其他”时须填写说明（note）。事由依据《最高人民法院关于公布失信被执行人名单信息的若干规定》：${SPC_GROUNDS.join('、')}。`,
    allOf: [
      {
        if: { properties: { reason: { const: '其他' } }, required: ['reason'] },
        then: { required: ['note'], properties: { note: { type: 'string', pattern: '\\S' } } },
      },
    ],
    examples: [EXAMPLE_REVOCATION],
  };
}

const nullable = (schema: JsonObject): JsonObject => ({ anyOf: [schema, { type: 'null' }] });
const labelled = (field: EntryPushField, schema: JsonObject, description?: string): JsonObject => ({
  title: FIELD_DOCS[field].label,
  ...(description ? { description } : {}),
  ...schema,
});

/** The public view of an entry: domain/publishing/public-entry.ts's schema, as the API sends it. */
function publicEntryComponent(example: PublicEntry): JsonObject {
  const generated = z.toJSONSchema(publicEntrySchema, {
    target: 'draft-2020-12',
    io: 'output',
  }) as unknown as JsonObject;
  const { $schema: _dialect, ...component } = generated;
  return { ...component, examples: [example] };
}

function errorComponents(): Record<string, JsonObject> {
  const apiCodes = Object.entries(API_ERROR_CODES) as [ApiErrorCode, (typeof API_ERROR_CODES)[ApiErrorCode]][];
  return {
    Error: {
      title: '错误',
      description: '所有错误响应的格式。code 供程序判断，message 是给人看的中文说明。',
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: {
              type: 'string',
              enum: apiCodes.map(([code]) => code),
              description: `错误代码：\n\n${markdownTable(
                ['code', 'HTTP 状态', '含义'],
                apiCodes.map(([code, v]) => [code, String(v.status), v.description]),
              )}`,
            },
            message: { type: 'string', description: '中文说明。' },
            fields: {
              type: 'array',
              items: ref('FieldError'),
              description: '逐项列出的问题（422 时；版本冲突的 409 时为 updatedAt 一项）。',
            },
          },
        },
      },
    },
    FieldError: {
      title: '字段错误',
      type: 'object',
      required: ['field', 'message'],
      properties: {
        field: {
          type: 'string',
          description:
            '出错字段在请求体中的路径，以点分隔，如 name、otherIds.0.number、circumstances.2；空字符串表示请求体本身。查询接口为参数名。',
        },
        code: {
          type: 'string',
          enum: FIELD_ERROR_CODES,
          description: `固定的字段错误代码（推送接口总会给出；含义不会改变）：\n\n${markdownTable(
            ['code', '含义', '中文消息模板'],
            FIELD_ERROR_CODES.map((c) => [c, FIELD_ERROR_CODE_DESCRIPTIONS[c], ERROR_CODES[c].template]),
          )}`,
        },
        message: {
          type: 'string',
          description: '中文消息，以附件1中的名称指称字段；从不回显所提交的值（不会出现身份证号码）。',
        },
      },
    },
  };
}

function checkResponseComponent(): JsonObject {
  const text = { type: 'string' };
  return {
    title: '批量核查结果',
    type: 'object',
    required: ['checkedAt', 'results'],
    properties: {
      checkedAt: { type: 'string', format: 'date-time', description: '核查时间（UTC）。' },
      results: {
        type: 'array',
        description: '每个核查对象的结果，顺序与请求中的 subjects 相同。',
        items: {
          type: 'object',
          required: ['index', 'listed', 'matches', 'truncated'],
          properties: {
            index: { type: 'integer', minimum: 0, description: '在 subjects 中的位置（从 0 起）。' },
            listed: {
              type: 'boolean',
              description: `是否在名单中：有匹配度不低于 ${LISTED_SCORE} 的匹配（证件号码一致，或单位名称一致）。仅自然人姓名一致不算，须核对证件号码。`,
            },
            truncated: {
              type: 'boolean',
              description: `匹配超过 ${MAX_MATCHES} 条（常见姓名），只返回最强的 ${MAX_MATCHES} 条。`,
            },
            matches: {
              type: 'array',
              maxItems: MAX_MATCHES,
              description:
                '匹配的名单信息，匹配度高的在前。只含正在公示的信息；部门密钥另含依法不宜公开的信息。已撤销、已屏蔽、已过有效期、尚未发布的不会匹配。',
              items: {
                type: 'object',
                required: [
                  'uid',
                  'caseNo',
                  'name',
                  'court',
                  'publishedAt',
                  'subjectType',
                  'identifier',
                  'score',
                  'reason',
                ],
                properties: {
                  uid: labelled('uid', text),
                  caseNo: labelled('caseNo', text),
                  name: labelled('name', text),
                  court: labelled('court', text),
                  publishedAt: labelled(
                    'publishedAt',
                    { type: 'string', format: 'date-time' },
                    'UTC 时间（ISO 8601）。',
                  ),
                  subjectType: labelled('subjectType', { type: 'string', enum: ['person', 'organization'] }),
                  identifier: labelled(
                    'idNumber',
                    nullable(text),
                    '自然人的身份证号码打码（经授权的部门密钥除外）；法人及其他组织的代码完整显示。',
                  ),
                  score: {
                    type: 'number',
                    minimum: 0,
                    maximum: 1,
                    description:
                      `匹配度：1 证件号码和名称均一致、仅证件号码一致或单位名称完全一致；0.95 单位名称在繁简体、全半角、空格上不同；0.9 ` +
                      `证件号码一致而名称不同（可能已更名）；0.7 仅自然人姓名一致（可能同名）；0.6 单位名称一致而证件号码不同。不做包含或模糊匹配。`,
                  },
                  reason: { type: 'string', description: '匹配依据（中文）。' },
                },
              },
            },
          },
        },
      },
    },
    examples: [
      {
        checkedAt: '2024-09-02T02:00:00.000Z',
        results: [
          {
            index: 0,
            listed: true,
            truncated: false,
            matches: [
              {
                uid: EXAMPLE_ORGANIZATION.uid,
                caseNo: EXAMPLE_ORGANIZATION.caseNo,
                name: EXAMPLE_ORGANIZATION.name,
                court: EXAMPLE_ORGANIZATION.court,
                publishedAt: '2024-06-30T16:00:00.000Z',
                subjectType: 'organization',
                identifier: EXAMPLE_USCC,
                score: 1,
                reason: '证件号码和名称均一致',
              },
            ],
          },
          { index: 1, listed: false, truncated: false, matches: [] },
          { index: 2, listed: false, truncated: false, matches: [] },
        ],
      },
    ],
  };
}

function responseComponents(publicPerson: PublicEntry): Record<string, JsonObject> {
  const count = { type: 'integer', minimum: 0 };
  const fieldErrors = { type: 'array', items: ref('FieldError') };
  return {
    SearchResponse: {
      title: '查询结果',
      type: 'object',
      required: ['query', 'total', 'totalIsLowerBound', 'page', 'pageCount', 'results'],
      properties: {
        query: { type: 'string', description: '查询内容（原样返回）。' },
        total: { ...count, description: '命中总数。' },
        totalIsLowerBound: { type: 'boolean', description: 'true 表示命中很多、停止了计数：实际至少有 total 条。' },
        page: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_PAGE,
          description: '本页页码。请求的页码超过最后一页时返回最后一页。',
        },
        pageCount: { type: 'integer', minimum: 1, maximum: MAX_PAGE, description: `总页数，最多 ${MAX_PAGE} 页。` },
        results: {
          type: 'array',
          maxItems: PAGE_SIZE,
          items: ref('SearchResult'),
          description: `本页结果，每页最多 ${PAGE_SIZE} 条，按相关程度、再按发布时间从新到旧排列。`,
        },
      },
      examples: [
        {
          query: '李某某',
          total: 1,
          totalIsLowerBound: false,
          page: 1,
          pageCount: 1,
          results: [{ ...publicPerson, rank: 1 }],
        },
      ],
    },
    SearchResult: {
      allOf: [
        ref('PublicEntry'),
        {
          type: 'object',
          required: ['rank'],
          properties: {
            rank: {
              type: 'integer',
              enum: [0, 1, 2, 3],
              description:
                '匹配方式：0 证件号码或案号完全一致，1 姓名/名称完全一致，2 姓名/名称开头一致，3 姓名/名称包含查询内容。',
            },
          },
        },
      ],
    },
    SaveResult: {
      title: '推送结果',
      type: 'object',
      required: ['uid', 'outcome', 'changed'],
      properties: {
        uid: { type: 'string' },
        outcome: {
          type: 'string',
          enum: ['created', 'updated', 'unchanged'],
          description:
            'created：新建（201）；updated：已更新（200）；unchanged：内容与已保存的完全相同，未作修改（200；更新时间较新时只记下新的更新时间）。',
        },
        changed: { type: 'array', items: { type: 'string' }, description: '更新时发生变化的字段名。' },
      },
      examples: [{ uid: EXAMPLE_PERSON.uid, outcome: 'created', changed: [] }],
    },
    BatchResult: {
      title: '批量推送结果',
      type: 'object',
      required: ['summary', 'results'],
      properties: {
        summary: {
          type: 'object',
          required: ['created', 'updated', 'unchanged', 'rejected'],
          properties: { created: count, updated: count, unchanged: count, rejected: count },
        },
        results: {
          type: 'array',
          description: '每一条的结果，顺序与请求中的 entries 相同。',
          items: {
            type: 'object',
            required: ['index', 'uid', 'status'],
            properties: {
              index: { type: 'integer', minimum: 0, description: '在 entries 中的位置（从 0 起）。' },
              uid: nullable({ type: 'string' }),
              status: { type: 'string', enum: ['created', 'updated', 'unchanged', 'rejected'] },
              errors: {
                ...fieldErrors,
                description:
                  '被拒绝时的问题，格式同 422 响应中的 fields。因版本被拒绝的（单条推送时的 409）为 updatedAt 一项，code 为 stale_version、' +
                  'version_conflict 或 version_required。',
              },
            },
          },
        },
      },
      examples: [
        {
          summary: { created: 1, updated: 0, unchanged: 0, rejected: 2 },
          results: [
            { index: 0, uid: EXAMPLE_PERSON.uid, status: 'created' },
            {
              index: 1,
              uid: 'KS-EXAMPLE-0003',
              status: 'rejected',
              errors: [
                { field: 'idNumber', code: 'invalid_checksum', message: '身份证号码/组织机构代码：校验位不正确' },
              ],
            },
            { index: 2, uid: EXAMPLE_ORGANIZATION.uid, status: 'rejected', errors: [versionError('stale_version')] },
          ],
        },
      ],
    },
    RevocationResult: {
      title: '撤销或屏蔽结果',
      type: 'object',
      required: ['uid', 'status', 'at'],
      properties: {
        uid: { type: 'string' },
        status: { type: 'string', enum: ['revoked', 'shielded'] },
        at: { type: 'string', format: 'date-time', description: '生效时间（UTC）。' },
      },
      examples: [{ uid: EXAMPLE_PERSON.uid, status: 'revoked', at: '2024-09-02T02:00:00.000Z' }],
    },
    CheckResponse: checkResponseComponent(),
    Health: {
      title: '运行状态',
      type: 'object',
      required: ['status', 'database', 'search', 'outbox'],
      properties: {
        status: {
          type: 'string',
          enum: ['ok', 'degraded', 'down'],
          description:
            'ok：正常；degraded：Meilisearch 不可用，由内置搜索引擎提供查询；down：数据库不可用（HTTP 503）。',
        },
        database: { type: 'string', enum: ['ok', 'unreachable'] },
        search: {
          type: 'object',
          required: ['builtin', 'meilisearch', 'serving'],
          properties: {
            builtin: { type: 'string', enum: ['ok', 'unreachable'] },
            meilisearch: { type: 'string', enum: ['ok', 'unreachable', 'not configured'] },
            serving: { type: 'string', enum: ['meilisearch', 'postgres'], description: '当前提供查询的引擎。' },
          },
        },
        outbox: nullable({
          type: 'object',
          required: ['backlog', 'failing', 'oldestSeconds'],
          description: '待同步到搜索索引的变更。',
          properties: { backlog: count, failing: count, oldestSeconds: nullable(count) },
        }),
      },
    },
  };
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

/** Plain-Chinese descriptions of the search parameters (searchParamsSchema carries none). */
export const SEARCH_PARAM_DOCS = {
  q: `查询内容：姓名或名称（可含拼音、首字母）、身份证号码、统一社会信用代码、组织机构代码或案号。必填，${MIN_QUERY_CHARS} 至 ${MAX_QUERY_CHARS} 个字符。`,
  subjectType: 'person：只查自然人；organization：只查法人及其他组织。',
  court: '执行法院名称，如 昆山市人民法院。',
  publishedFrom: '发布日期不早于（YYYY-MM-DD，北京时间，含当日）。',
  publishedTo: '发布日期不晚于（YYYY-MM-DD，北京时间，含当日）；不得早于 publishedFrom。',
  page: `页码，从 1 起，每页 ${PAGE_SIZE} 条，最多 ${MAX_PAGE} 页。`,
} as const satisfies Record<keyof SearchParams, string>;

function searchParameters(): Json[] {
  const properties = inputJsonSchema(searchParamsSchema).properties as Record<string, JsonObject>;
  return (Object.keys(properties) as (keyof SearchParams)[]).map((name) => {
    const schema: JsonObject = { ...properties[name] };
    if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
    if (name === 'q') delete schema.default; // required: an empty query lists nobody (422 query_required)
    if (name === 'publishedFrom' || name === 'publishedTo') schema.format = 'date';
    return { name, in: 'query', required: name === 'q', description: SEARCH_PARAM_DOCS[name], schema };
  });
}

const jsonContent = (schema: JsonObject, examples?: Record<string, { summary: string; value: Json }>): JsonObject => ({
  'application/json': { schema, ...(examples ? { examples } : {}) },
});

function errorResponse(codes: ApiErrorCode[], description?: string): JsonObject {
  return {
    description: description ?? codes.map((c) => `${c}：${API_ERROR_CODES[c].description}`).join(' '),
    content: jsonContent(ref('Error')),
  };
}

/** Error responses keyed by status, each listing the codes it carries. */
function errors(...codes: ApiErrorCode[]): JsonObject {
  const out: JsonObject = {};
  const statuses = [...new Set(codes.map((c) => API_ERROR_CODES[c].status))].sort();
  for (const status of statuses)
    out[String(status)] = errorResponse(codes.filter((c) => API_ERROR_CODES[c].status === status));
  return out;
}

/** What every court endpoint can answer besides success. */
const COURT_ERRORS: ApiErrorCode[] = [
  'invalid_json',
  'unauthorized',
  'forbidden',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
];
/** A push that is not newer than the stored version (409; a batch item is rejected with the same code). */
const VERSION_ERRORS: ApiErrorCode[] = ['stale_version', 'version_conflict', 'version_required'];
const VERSION_RULE =
  '带更新时间（updatedAt）的推送按更新时间判断新旧：早于已保存版本的返回 409 stale_version，与已保存版本的更新时间相同而内容不同的返回 409 version_conflict，已保存的版本带' +
  '有更新时间而推送未填写的返回 409 version_required，均不作任何修改；更新时间相同、内容相同的照常返回 200 unchanged。并发推送同一条信息的不同版本时，无论到达先后，最终保存的都是更' +
  '新时间最新的版本。';

const uidPathParam = (description: string, schema: JsonObject): JsonObject => ({
  name: 'uid',
  in: 'path',
  required: true,
  description,
  schema,
  example: EXAMPLE_PERSON.uid,
});
const courtSecurity: Json[] = [{ bearer: [] }];
const noStoreHeader: JsonObject = {
  'Cache-Control': {
    description: '总为 no-store：任何缓存都不得保存。',
    schema: { type: 'string', const: 'no-store' },
  },
};

function paths(): Record<string, Record<string, JsonObject>> {
  const pushUid = uidPathParam('信息唯一标识（字母、数字、下划线、连字符，1 至 64 位）。', {
    type: 'string',
    pattern: UID_RE.source,
  });
  const { uid: _u, ...personWithoutUid } = EXAMPLE_PERSON;
  return {
    '/api/v1/search': {
      get: {
        operationId: 'searchEntries',
        tags: ['公开查询'],
        summary: '查询名单',
        description:
          '按姓名、单位名称、统一社会信用代码或案号查询正在公示的失信被执行人，可按主体类型、执行法院和发布日期筛选。不需要密钥。为保护个人信息，居民身份证号码不作查询条件（422 query_person_id' +
          '）。每个客户端地址每分钟最多读取 300 条、每小时 2,000 条（每页结果计 20 条），超出返回 429 和 Retry-After。',
        parameters: searchParameters(),
        responses: {
          '200': { description: '查询结果。', headers: noStoreHeader, content: jsonContent(ref('SearchResponse')) },
          '422': errorResponse([
            'invalid_parameters',
            'query_required',
            'query_too_short',
            'query_too_long',
            'query_person_id',
          ]),
          '429': errorResponse(['too_many_requests']),
        },
      },
    },
    '/api/v1/entries/{uid}': {
      get: {
        operationId: 'getEntry',
        tags: ['公开查询'],
        summary: '查看一条公示信息',
        description:
          '返回一条正在公示的信息。凡不公开的（不存在、已撤销、已屏蔽、依法不宜公开、已过有效期、尚未发布）一律 404，不说明原因。不需要密钥。',
        parameters: [uidPathParam('信息唯一标识。', { type: 'string', maxLength: 64 })],
        responses: {
          '200': { description: '公示信息。', headers: noStoreHeader, content: jsonContent(ref('PublicEntry')) },
          '404': errorResponse(['not_found'], 'not_found：没有正在公示的该信息。'),
          '429': errorResponse(['too_many_requests']),
        },
      },
    },
    '/api/health': {
      get: {
        operationId: 'getHealth',
        tags: ['系统'],
        summary: '运行状态',
        description: '数据库、搜索引擎和搜索索引同步积压的状态，供监控使用。不需要密钥。',
        responses: {
          '200': { description: '数据库可用（status 为 ok 或 degraded）。', content: jsonContent(ref('Health')) },
          '503': { description: '数据库不可用（status 为 down）。', content: jsonContent(ref('Health')) },
        },
      },
    },
    '/api/v1/court/entries/{uid}': {
      put: {
        operationId: 'putEntry',
        tags: ['法院推送'],
        summary: '新增或更新一条失信信息',
        description:
          `按信息唯一标识新增或更新一条信息（请求体不超过 ` +
          `${formatBytes(MAX_ENTRY_BYTES)}）。幂等：同样的请求体重复发送不作任何修改、不产生第二条记录，可放心重试。请求体中的 uid ` +
          `可省略；如填写，须与路径中的一致。填写撤销时间即表示撤销。校验不通过时返回 422 并列出全部问题，不作任何修改。${VERSION_RULE}仅限法院密钥。`,
        security: courtSecurity,
        parameters: [pushUid],
        requestBody: {
          required: true,
          content: jsonContent(ref('EntryPush'), {
            person: { summary: '自然人', value: EXAMPLE_PERSON },
            organization: { summary: '法人及其他组织', value: EXAMPLE_ORGANIZATION },
            withoutUid: { summary: '自然人，uid 只在路径中', value: personWithoutUid },
          }),
        },
        responses: {
          '200': {
            description: '已更新（outcome 为 updated），或与已保存的相同、未作修改（unchanged）。',
            headers: noStoreHeader,
            content: jsonContent(ref('SaveResult')),
          },
          '201': {
            description: '已新建（outcome 为 created）。',
            headers: noStoreHeader,
            content: jsonContent(ref('SaveResult')),
          },
          ...errors(...COURT_ERRORS, ...VERSION_ERRORS),
        },
      },
    },
    '/api/v1/court/entries/batch': {
      post: {
        operationId: 'postBatch',
        tags: ['法院推送'],
        summary: '批量推送',
        description:
          `一次推送 1 至 ${LIMITS.batchItems} 条（请求体不超过 ` +
          `${formatBytes(MAX_BATCH_BYTES)}）。每条各自校验、各自保存或被拒绝，互不影响；响应逐条列出结果。每条都须含 ` +
          `uid。与单条推送一样幂等，也一样按更新时间判断新旧：版本不新于已保存版本的条目单独被拒绝（rejected，errors 中为 updatedAt 一项，code 同单条推送的 ` +
          `409），其余条目照常保存。请求体本身不是 { entries: [...] }、条数为 0 或超过 ${LIMITS.batchItems} 时返回 422，一条也不保存。仅限法院密钥。`,
        security: courtSecurity,
        requestBody: {
          required: true,
          content: jsonContent(ref('Batch'), {
            twoEntries: { summary: '一个自然人、一个法人', value: { entries: [EXAMPLE_PERSON, EXAMPLE_ORGANIZATION] } },
          }),
        },
        responses: {
          '200': {
            description: '逐条结果（部分条目被拒绝时也是 200，见 summary.rejected）。',
            headers: noStoreHeader,
            content: jsonContent(ref('BatchResult')),
          },
          ...errors(...COURT_ERRORS),
        },
      },
    },
    '/api/v1/court/entries/{uid}/revoke': {
      post: {
        operationId: 'revokeEntry',
        tags: ['法院推送'],
        summary: '撤销或屏蔽一条失信信息',
        description:
          '撤销（revoke）或屏蔽（shield）一条信息。返回时该信息已在平台各处停止公示，撤销、屏蔽公告同时发布。已撤销或屏蔽的再次提交返回 409。仅限法院密钥。',
        security: courtSecurity,
        parameters: [pushUid],
        requestBody: {
          required: true,
          content: jsonContent(ref('Revocation'), { revoke: { summary: '全部履行后撤销', value: EXAMPLE_REVOCATION } }),
        },
        responses: {
          '200': {
            description: '已撤销或屏蔽。',
            headers: noStoreHeader,
            content: jsonContent(ref('RevocationResult')),
          },
          ...errors(...COURT_ERRORS, 'not_found', 'not_active'),
        },
      },
    },
    '/api/v1/feed': {
      get: {
        operationId: 'getFeed',
        tags: ['联动单位'],
        summary: '失信信息变更通知（变更流）',
        description:
          `按顺序返回纳入（listed）、更新（updated）、撤销（revoked）、屏蔽（shielded）和有效期届满（expired）事件，含依法不宜公开的信息。把上次响应的 ` +
          `nextCursor 作为 after ` +
          `传回即可接着读；从任何游标重读，每个事件恰好出现一次、顺序不变。一个事务只有在比它早的事务都结束后才出现，因此新事件绝不会排到已经读过的游标之前。自然人证件号码默认打码，签发时准予“完整证件号”的密钥返回` +
          `完整号码。每次最多 ${MAX_FEED_LIMIT} 条（默认 ${DEFAULT_FEED_LIMIT}）。仅限联动单位密钥。`,
        security: courtSecurity,
        parameters: [
          {
            name: 'after',
            in: 'query',
            required: false,
            description: '上次响应的 nextCursor；省略则从头读起。',
            schema: { type: 'string', maxLength: 64 },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: '本次最多返回的事件数。',
            schema: { type: 'integer', minimum: 1, maximum: MAX_FEED_LIMIT, default: DEFAULT_FEED_LIMIT },
          },
        ],
        responses: {
          '200': {
            description: '一页事件。hasMore 为 true 时可立即接着读。',
            headers: noStoreHeader,
            content: jsonContent(ref('FeedPage')),
          },
          ...errors('unauthorized', 'forbidden'),
          '422': errorResponse(['invalid_parameters']),
        },
      },
    },
    '/api/v1/check': {
      post: {
        operationId: 'checkSubjects',
        tags: ['批量核查'],
        summary: '批量核查是否在名单中',
        description:
          `一次核查 1 至 ${CHECK_LIMITS.apiSubjects} 个对象（名称、证件号码或两者；请求体不超过 ` +
          `${formatBytes(MAX_CHECK_BYTES)}），逐个返回是否在名单中及匹配的信息。按证件号码或规范化后的名称完全一致匹配，不做包含或模糊匹配。企业密钥只匹配正在公示的信息；部门密钥另匹配依法` +
          `不宜公开的信息，经授权的部门密钥返回自然人完整的身份证号码。任一对象有误时返回 422 并列出全部问题。仅限部门和企业密钥。`,
        security: courtSecurity,
        requestBody: {
          required: true,
          content: jsonContent(ref('CheckRequest'), {
            mixed: { summary: '名称与代码、仅身份证号码、仅名称', value: EXAMPLE_CHECK },
          }),
        },
        responses: {
          '200': {
            description: '逐个对象的核查结果。',
            headers: noStoreHeader,
            content: jsonContent(ref('CheckResponse')),
          },
          ...errors(...COURT_ERRORS),
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['系统'],
        summary: '本接口说明（OpenAPI 3.1）',
        description: '本文档。请求体的结构由平台校验所用的同一套 zod 规则生成。',
        responses: { '200': { description: 'OpenAPI 3.1.0 文档。', content: jsonContent({ type: 'object' }) } },
      },
    },
  };
}

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: JsonObject;
  servers: Json[];
  tags: Json[];
  paths: Record<string, Record<string, JsonObject>>;
  components: { securitySchemes: Record<string, JsonObject>; schemas: Record<string, JsonObject> };
};

export function buildOpenApiDocument(): OpenApiDocument {
  const publicPerson = publicExample(EXAMPLE_PERSON);
  publicExample(EXAMPLE_ORGANIZATION);
  return {
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version: API_VERSION,
      summary: '昆山市失信被执行人名单的公开查询接口和法院推送接口。',
      description:
        '公开查询接口（/api/v1/search、/api/v1/entries/{uid}）无需密钥，只返回正在公示的信息，自然人证件号码打码。法院推送接口（/api/v1/court/…）需在请求头中携带法' +
        '院的 API 密钥：Authorization: Bearer ck_<id>.<secret>；批量核查接口（/api/v1/check）需部门或企业的密钥。所有响应都带' +
        ' Cache-Control: no-store。字段名为英文驼峰命名，各字段的 title 为《失信被执行人信息推送表》（昆办发〔2017〕135号附件1）中的名称。接入说明见 /developers。',
      contact: { name: '昆山市社会信用体系建设领导小组办公室（市信用办）' },
    },
    servers: [{ url: '/', description: '本平台' }],
    tags: [
      { name: '公开查询', description: '无需密钥，供公众、企业和各部门查询。' },
      { name: '法院推送', description: '法院执行案件管理系统推送、撤销、屏蔽失信信息，需法院 API 密钥。' },
      { name: '联动单位', description: '联动单位系统接收失信信息变更，需联动单位 API 密钥。' },
      { name: '批量核查', description: '部门和企业系统批量核查交易对象是否在名单中，需部门或企业 API 密钥。' },
      { name: '系统', description: '运行状态与接口说明。' },
    ],
    paths: paths(),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'ck_<id>.<secret>',
          description:
            'API 密钥，形如 ck_k_0123456789ab.<43 位密文>，由市信用办签发（npm run apikey），只显示一次；平台只保存其 SHA-256 摘要，可随时吊销。按单位和角色签' +
            '发：推送接口只接受 court（法院）角色的密钥，批量核查接口只接受 department（部门）和 enterprise（企业）角色的密钥。',
        },
      },
      schemas: {
        EntryPush: entryPushComponent(),
        BatchEntry: {
          title: '批量推送中的一条',
          description: '与单条推送的请求体相同，但 uid 必填。',
          allOf: [ref('EntryPush')],
          required: ['uid'],
        },
        Batch: batchComponent(),
        Revocation: revocationComponent(),
        FeedPage: feedPageComponent(),
        CheckRequest: checkRequestComponent(),
        PublicEntry: publicEntryComponent(publicPerson),
        ...responseComponents(publicPerson),
        ...errorComponents(),
      },
    },
  };
}

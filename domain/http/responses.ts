/**
 * # What the JSON API answers, as zod schemas
 *
 * Each route definition (domain/http/routes.ts) names the schema of its success body, and
 * its handler builds that body typed by the schema's output type (`routeJson`), so a handler
 * cannot answer what the document does not say without a type error (and, outside production,
 * without failing the check of `routeJson`: the objects are strict). The OpenAPI document's
 * response components are `z.toJSONSchema(…, { io: 'output' })` of these (domain/http/openapi.ts).
 */
import 'server-only';
import { z } from 'zod';
import { LISTED_SCORE, MAX_MATCHES } from '@/domain/check/match';
import { API_ERROR_CODES, type ApiErrorCode } from '@/domain/http/errors';
import { publicEntrySchema } from '@/domain/publishing/public-entry';
import { DISCLOSURES, ENTRY_STATUSES, FEED_KINDS, SUBJECT_TYPES } from '@/lib/entry-input';
import { FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import { ERROR_CODES, type ErrorCode } from '@/lib/validation/errors';
import { WEBHOOK_DELIVERY_STATUSES } from '@/lib/webhooks';
import { SPC_GROUNDS } from '@/lib/removal-grounds';

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

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
  id_mismatch:
    '所填年龄或性别与 18 位居民身份证号码不符：年龄按号码中的出生日期计算发布时的周岁，容许相差 1 岁；性别按第 17 位数字（奇数为男，偶数为女）。错误报在年龄或性别上，消息中指明身份证号码。',
  unknown_field: '接口不认识的字段；不会被悄悄忽略，请删除或检查拼写。',
  uid_mismatch: '请求体中的 uid 与请求路径中的不一致。',
  not_applicable: '该主体类型不应填写此项，例如给法人及其他组织填了性别。',
  unknown_court: '执行法院不在本平台法院名录中；名录中的别称可以使用，按全称保存。',
  too_many: '列表项数超过上限。',
  stale_version: '更新时间早于平台已保存版本的更新时间：旧版本晚到，不予保存（单条推送返回 409）。',
  version_conflict: '更新时间与已保存版本的相同而内容不同：同一版本只能有一种内容，不予保存（单条推送返回 409）。',
  version_required: '已保存的版本带有更新时间，而推送未填写更新时间，无法判断新旧，不予保存（单条推送返回 409）。',
} as const satisfies Record<ErrorCode, string>;

export const FIELD_ERROR_CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const API_CODES = Object.keys(API_ERROR_CODES) as ApiErrorCode[];

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fieldErrorSchema = z
  .strictObject({
    field: z.string().meta({
      description:
        '出错字段在请求体中的路径，以点分隔，如 name、otherIds.0.number、circumstances.2；空字符串表示请求体本身。查询接口为参数名。',
    }),
    code: z
      .enum(FIELD_ERROR_CODES as [ErrorCode, ...ErrorCode[]])
      .optional()
      .meta({
        description: `固定的字段错误代码（推送接口总会给出；含义不会改变）：\n\n${markdownTable(
          ['code', '含义', '中文消息模板'],
          FIELD_ERROR_CODES.map((c) => [c, FIELD_ERROR_CODE_DESCRIPTIONS[c], ERROR_CODES[c].template]),
        )}`,
      }),
    message: z.string().meta({
      description: '中文消息，以附件1中的名称指称字段；从不回显所提交的值（不会出现身份证号码）。',
    }),
  })
  .meta({ title: '字段错误' });

/** One problem of a request, as every error response lists it. */
export type FieldErrorBody = z.output<typeof fieldErrorSchema>;

export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(API_CODES as [ApiErrorCode, ...ApiErrorCode[]]).meta({
        description: `错误代码：\n\n${markdownTable(
          ['code', 'HTTP 状态', '含义'],
          API_CODES.map((code) => [code, String(API_ERROR_CODES[code].status), API_ERROR_CODES[code].description]),
        )}`,
      }),
      message: z.string().meta({ description: '中文说明。' }),
      fields: z
        .array(fieldErrorSchema)
        .optional()
        .meta({ description: '逐项列出的问题（422 时；版本冲突的 409 时为 updatedAt 一项）。' }),
    }),
  })
  .meta({
    title: '错误',
    description: '所有错误响应的格式。code 供程序判断，message 是给人看的中文说明。',
  });

// ---------------------------------------------------------------------------
// Public reads
// ---------------------------------------------------------------------------

const count = z.int().min(0);
const utc = (description: string) => z.iso.datetime().meta({ description });
const labelled = <T extends z.ZodType>(field: EntryPushField, schema: T, description?: string): T =>
  schema.meta({ title: FIELD_DOCS[field].label, ...(description ? { description } : {}) });

export const searchResultSchema = publicEntrySchema
  .extend({
    rank: z.int().min(0).max(3).meta({
      description:
        '匹配方式：0 证件号码或案号完全一致，1 姓名/名称完全一致，2 姓名/名称开头一致，3 姓名/名称包含查询内容。',
    }),
  })
  .meta({ title: '查询结果中的一条', description: '公示信息（同 PublicEntry），加上匹配方式 rank。' });

export const searchResponseSchema = z
  .strictObject({
    query: z.string().meta({ description: '查询内容（原样返回）。' }),
    total: count.meta({ description: '命中总数。' }),
    totalIsLowerBound: z.boolean().meta({ description: 'true 表示命中很多、停止了计数：实际至少有 total 条。' }),
    page: z.int().min(1).max(MAX_PAGE).meta({ description: '本页页码。请求的页码超过最后一页时返回最后一页。' }),
    pageCount: z
      .int()
      .min(1)
      .max(MAX_PAGE)
      .meta({ description: `总页数，最多 ${MAX_PAGE} 页。` }),
    results: z
      .array(searchResultSchema)
      .max(PAGE_SIZE)
      .meta({ description: `本页结果，每页最多 ${PAGE_SIZE} 条，按相关程度、再按发布时间从新到旧排列。` }),
  })
  .meta({ title: '查询结果' });

// ---------------------------------------------------------------------------
// The court's push API
// ---------------------------------------------------------------------------

const OUTCOMES = ['created', 'updated', 'unchanged'] as const;

export const saveResultSchema = z
  .strictObject({
    uid: z.string(),
    outcome: z.enum(OUTCOMES).meta({
      description:
        'created：新建（201）；updated：已更新（200）；unchanged：内容与已保存的完全相同，未作修改（200；更新时间较新时只记下新的更新时间）。',
    }),
    changed: z.array(z.string()).meta({ description: '更新时发生变化的字段名。' }),
  })
  .meta({ title: '推送结果' });

export const batchItemResultSchema = z.strictObject({
  index: count.meta({ description: '在 entries 中的位置（从 0 起）。' }),
  uid: z.string().nullable(),
  status: z.enum([...OUTCOMES, 'rejected']),
  errors: z
    .array(fieldErrorSchema)
    .optional()
    .meta({
      description:
        '被拒绝时的问题，格式同 422 响应中的 fields。因版本被拒绝的（单条推送时的 409）为 updatedAt 一项，code 为 stale_version、' +
        'version_conflict 或 version_required。',
    }),
});

export type BatchItemResult = z.output<typeof batchItemResultSchema>;

export const batchResultSchema = z
  .strictObject({
    summary: z.strictObject({ created: count, updated: count, unchanged: count, rejected: count }),
    results: z.array(batchItemResultSchema).meta({ description: '每一条的结果，顺序与请求中的 entries 相同。' }),
  })
  .meta({ title: '批量推送结果' });

export const revocationResultSchema = z
  .strictObject({
    uid: z.string(),
    status: z.enum(['revoked', 'shielded']),
    at: utc('生效时间（UTC）。'),
  })
  .meta({ title: '撤销或屏蔽结果' });

export const removalGroundResultSchema = z
  .strictObject({
    uid: z.string(),
    ground: z.enum(SPC_GROUNDS).meta({ title: '撤销事由' }),
    occurredOn: z.iso.date().meta({ title: '事由发生日', description: '北京时间日期。' }),
    dueDay: z.iso.date().meta({
      title: '撤销期限',
      description: '须在此日（含当日，北京时间）之前撤销或屏蔽；此后为逾期。',
    }),
    overdue: z.boolean().meta({ description: '今天（北京时间）是否已过撤销期限。' }),
    outcome: z.enum(['recorded', 'unchanged']).meta({
      description: 'recorded：已登记，撤销期限开始计算；unchanged：同一事由和发生日已登记，未作修改。',
    }),
  })
  .meta({ title: '撤销事由登记结果' });

// ---------------------------------------------------------------------------
// Departments and enterprises
// ---------------------------------------------------------------------------

/** What departments receive of an entry (domain/sharing/shared-entry.ts): the public view, disclosure and status. */
const sharedEntrySchema = publicEntrySchema.extend({
  disclosure: labelled('disclosure', z.enum(DISCLOSURES)),
  status: z
    .enum(ENTRY_STATUSES)
    .meta({ title: '状态', description: 'active：公示中；revoked：已撤销；shielded：已屏蔽。' }),
  statusReason: z.string().nullable().meta({ title: '状态说明', description: '撤销、屏蔽的事由；公示中为 null。' }),
});

export const feedPageSchema = z
  .strictObject({
    events: z.array(
      z.strictObject({
        cursor: z.string().meta({ description: '该事件的游标。' }),
        eventId: z.int(),
        kind: z.enum(FEED_KINDS).meta({
          description: 'listed 纳入，updated 更新，revoked 撤销，shielded 屏蔽，expired 有效期届满。',
        }),
        at: z.iso.datetime(),
        reason: z.string().nullable().meta({ description: '撤销、屏蔽事由等。' }),
        entry: sharedEntrySchema.meta({
          description:
            '该信息的当前内容：公开字段，加上公开方式（disclosure：public / restricted）、状态（status：active / revoked / ' +
            'shielded）和状态说明（statusReason）。自然人证件号码打码，签发时准予“完整证件号”的密钥返回完整号码。',
        }),
      }),
    ),
    nextCursor: z.string().nullable().meta({ description: '下次请求的 after。' }),
    hasMore: z.boolean(),
  })
  .meta({ title: '变更通知' });

const checkMatchSchema = z.strictObject({
  uid: labelled('uid', z.string()),
  caseNo: labelled('caseNo', z.string()),
  name: labelled('name', z.string()),
  court: labelled('court', z.string()),
  publishedAt: labelled('publishedAt', z.iso.datetime(), 'UTC 时间（ISO 8601）。'),
  subjectType: labelled('subjectType', z.enum(SUBJECT_TYPES)),
  identifier: labelled(
    'idNumber',
    z.string().nullable(),
    '自然人的身份证号码打码（经授权的部门密钥除外）；法人及其他组织的代码完整显示。',
  ),
  score: z
    .number()
    .min(0)
    .max(1)
    .meta({
      description:
        `匹配度：1 证件号码和名称均一致、仅证件号码一致或单位名称完全一致；0.95 单位名称在繁简体、全半角、空格上不同；0.9 ` +
        `证件号码一致而名称不同（可能已更名）；0.7 仅自然人姓名一致（可能同名）；0.6 单位名称一致而证件号码不同。不做包含或模糊匹配。`,
    }),
  reason: z.string().meta({ description: '匹配依据（中文）。' }),
});

// ---------------------------------------------------------------------------
// Webhooks (domain/sharing/webhook-api.ts)
// ---------------------------------------------------------------------------

/** One delivery's body: a feed event, exactly as GET /api/v1/feed gives it. */
export const webhookEventSchema = feedPageSchema.shape.events.element.meta({
  title: '推送事件',
  description: '推送到联动单位接收地址的请求体：与变更通知（GET /api/v1/feed）中的一个事件相同。',
});

export const webhookEndpointSchema = z
  .strictObject({
    id: z.int(),
    organization: z.string().meta({ description: '接收单位。' }),
    url: z.string().meta({ description: '接收地址（https）。' }),
    fullIdentifiers: z.boolean().meta({ description: '是否推送自然人完整证件号码（与密钥的授权相同）。' }),
    createdAt: z.iso.datetime(),
    counts: z
      .strictObject({ pending: z.int(), delivered: z.int(), failed: z.int() })
      .meta({ description: '各状态的推送记录数：待推送（含重试中）、已送达、已失败。' }),
    lastDeliveredAt: z.iso.datetime().nullable(),
  })
  .meta({ title: '推送接收地址' });

const DELIVERY_STATUS_WORDS =
  'pending：待推送或重试中；delivered：接收方已以 2xx 确认；failed：重试期满仍未送达，等待重新推送。';

export const deliveryLogSchema = z
  .strictObject({
    deliveries: z.array(
      z.strictObject({
        id: z.int(),
        eventId: z.int().meta({ description: '事件编号，即幂等键（请求头 X-Chengxin-Event-Id）。' }),
        kind: z.enum(FEED_KINDS),
        entryUid: z.string(),
        status: z.enum(WEBHOOK_DELIVERY_STATUSES).meta({ description: DELIVERY_STATUS_WORDS }),
        attempts: z.int(),
        createdAt: z.iso.datetime(),
        nextAttemptAt: z.iso.datetime().nullable().meta({ description: '下次尝试时间；仅 pending 有。' }),
        lastAttemptAt: z.iso.datetime().nullable(),
        lastResponseStatus: z.int().nullable().meta({ description: '上次尝试时接收方返回的 HTTP 状态码。' }),
        lastError: z.string().nullable(),
        deliveredAt: z.iso.datetime().nullable(),
      }),
    ),
    nextBefore: z.int().nullable().meta({ description: '把它作为 before 传回可读更早的记录；没有更多时为 null。' }),
  })
  .meta({ title: '推送记录' });

export const redeliveredSchema = z
  .strictObject({ redelivered: z.array(z.int()).meta({ description: '已重新排队推送的记录编号。' }) })
  .meta({ title: '重新推送结果' });

export const checkResponseSchema = z
  .strictObject({
    checkedAt: utc('核查时间（UTC）。'),
    results: z
      .array(
        z.strictObject({
          index: count.meta({ description: '在 subjects 中的位置（从 0 起）。' }),
          listed: z.boolean().meta({
            description: `是否在名单中：有匹配度不低于 ${LISTED_SCORE} 的匹配（证件号码一致，或单位名称一致）。仅自然人姓名一致不算，须核对证件号码。`,
          }),
          truncated: z.boolean().meta({
            description: `匹配超过 ${MAX_MATCHES} 条（常见姓名），只返回最强的 ${MAX_MATCHES} 条。`,
          }),
          matches: z.array(checkMatchSchema).max(MAX_MATCHES).meta({
            description:
              '匹配的名单信息，匹配度高的在前。只含正在公示的信息；部门密钥另含依法不宜公开的信息。已撤销、已屏蔽、已过有效期、尚未发布的不会匹配。',
          }),
        }),
      )
      .meta({ description: '每个核查对象的结果，顺序与请求中的 subjects 相同。' }),
  })
  .meta({ title: '批量核查结果' });

// ---------------------------------------------------------------------------
// System
// ---------------------------------------------------------------------------

const reachable = z.enum(['ok', 'unreachable']);

export const healthSchema = z
  .strictObject({
    status: z.enum(['ok', 'degraded', 'down']).meta({
      description:
        'ok：正常；degraded：Meilisearch 不可用或索引缺失，由内置搜索引擎提供查询；down：数据库不可用（HTTP 503）。',
    }),
    database: reachable,
    search: z.strictObject({
      builtin: reachable,
      meilisearch: z.enum(['ok', 'unreachable', 'index_missing', 'misconfigured', 'not configured']).meta({
        description:
          'ok：可用；unreachable：无响应或超时；index_missing：索引不存在（运行 search:setup 与 search:reindex）；' +
          'misconfigured：索引设置、实验功能或密钥权限不符；not configured：未配置 MEILI_URL。',
      }),
      serving: z.enum(['meilisearch', 'postgres']).meta({ description: '当前提供查询的引擎。' }),
    }),
    outbox: z
      .object({ backlog: count, failing: count, oldestSeconds: count.nullable() })
      .nullable()
      .meta({ description: '待同步到搜索索引的变更；数据库不可用时为 null。' }),
  })
  .meta({ title: '运行状态' });

export const openApiDocumentSchema = z
  .looseObject({ openapi: z.literal('3.1.0') })
  .meta({ title: 'OpenAPI 文档', description: 'OpenAPI 3.1.0 文档（本文档）。' });

/**
 * Every response body, by the name of its component in the OpenAPI document. A schema
 * used inside another (FieldError in Error and BatchResult) is referenced by this name.
 */
export const RESPONSE_SCHEMAS = {
  PublicEntry: publicEntrySchema,
  SearchResult: searchResultSchema,
  SearchResponse: searchResponseSchema,
  SaveResult: saveResultSchema,
  BatchResult: batchResultSchema,
  RevocationResult: revocationResultSchema,
  RemovalGroundResult: removalGroundResultSchema,
  FeedPage: feedPageSchema,
  WebhookEvent: webhookEventSchema,
  WebhookEndpoint: webhookEndpointSchema,
  DeliveryLog: deliveryLogSchema,
  Redelivered: redeliveredSchema,
  CheckResponse: checkResponseSchema,
  Health: healthSchema,
  OpenApiDocument: openApiDocumentSchema,
  Error: errorBodySchema,
  FieldError: fieldErrorSchema,
} as const satisfies Record<string, z.ZodType>;

export type ResponseComponent = keyof typeof RESPONSE_SCHEMAS;
export type ResponseBody<K extends ResponseComponent> = z.output<(typeof RESPONSE_SCHEMAS)[K]>;

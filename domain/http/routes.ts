/**
 * # The JSON API's operations, one definition each
 *
 * A definition says what the OpenAPI document says of an operation (domain/http/openapi.ts
 * generates `paths` from `ROUTES`): its path and method, its words, its parameters, its
 * request body's component, the zod schema of each success body (domain/http/responses.ts)
 * and the error codes it can answer (API_ERROR_CODES gives each its status).
 *
 * The handlers answer through the same definitions: `routeJson(ROUTE, status, body)` takes
 * only a status the definition declares and a body of its schema's type, and
 * `routeError(ROUTE, code, …)` only a code it declares; `readRouteBody` and the callers'
 * authentication need their codes declared too. What a handler can answer is therefore what
 * the document says, or the code does not compile. domain/http/openapi.test.ts checks the
 * definitions against the route files that exist.
 */
import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { MAX_FEED_LIMIT } from '@/db/feed';
import { apiError, noStore, readJsonBody } from '@/domain/http/api';
import { API_ERROR_CODES, formatBytes, type ApiErrorCode } from '@/domain/http/errors';
import { jsonSchemaOf, type Json, type JsonObject } from '@/domain/http/json-schema';
import { DEFAULT_FEED_LIMIT, MAX_BATCH_BYTES, MAX_CHECK_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import { RESPONSE_SCHEMAS, type FieldErrorBody } from '@/domain/http/responses';
import { MAX_PAGE, MAX_QUERY_CHARS, MIN_QUERY_CHARS, PAGE_SIZE } from '@/lib/search/limits';
import { searchParamsSchema, type SearchParams } from '@/lib/search/params';
import { CHECK_LIMITS } from '@/lib/validation/check';
import { LIMITS, UID_RE } from '@/lib/validation/entry-push';
import { WEBHOOK_LIMITS } from '@/lib/validation/webhooks';
import {
  DEFAULT_RETRY_HOURS,
  DELIVERY_LOG_PAGE,
  REPLAY_WINDOW_SECONDS,
  WEBHOOK_DELIVERY_STATUSES,
} from '@/lib/webhooks';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES } from '@/lib/validation/export';
import { SEVERITIES, SUBJECT_TYPES } from '@/lib/entry-input';
import { LIMITS as RATE_LIMITS } from '@/domain/http/rate-limit';

const LIMITS_EXPORT_POINTS = RATE_LIMITS.exportPerActor.points;

// ---------------------------------------------------------------------------
// The shape of a definition
// ---------------------------------------------------------------------------

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const TAGS = {
  公开查询: '无需密钥，供公众、企业和各部门查询。',
  法院推送: '法院执行案件管理系统推送、撤销、屏蔽失信信息，需法院 API 密钥。',
  联动单位: '联动单位系统接收失信信息变更、导出名单，需联动单位 API 密钥。',
  批量核查: '部门和企业系统批量核查交易对象是否在名单中，需部门或企业 API 密钥。',
  系统: '运行状态与接口说明。',
} as const;
export type Tag = keyof typeof TAGS;

/** The request-body components of the document (built in domain/http/openapi.ts from the parsers' schemas). */
export type RequestComponent =
  'EntryPush' | 'Batch' | 'Revocation' | 'RemovalGround' | 'CheckRequest' | 'WebhookRegistration' | 'Redelivery';

export type RouteParameter = {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  /** A zod schema (as the client sends it), or JSON Schema already derived from one. */
  schema: z.ZodType | JsonObject;
  example?: Json;
};

/** A success response: its words and the schema of its body (one of RESPONSE_SCHEMAS). */
export type SuccessResponse = { description: string; schema: z.ZodType };
export type SuccessResponses = { [status: number]: SuccessResponse };
/**
 * A download's 200 (not JSON): each media type it may carry and what the file holds, and the headers it sets besides
 * Cache-Control. The handler answers with routeFile.
 */
export type FileResponse = {
  description: string;
  media: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
};

export type RouteDefinition<C extends ApiErrorCode = ApiErrorCode, R extends SuccessResponses = SuccessResponses> = {
  path: `/api/${string}`;
  method: HttpMethod;
  operationId: string;
  tags: readonly Tag[];
  summary: string;
  description: string;
  /** Needs an API key (`Authorization: Bearer …`). */
  bearer?: boolean;
  parameters?: readonly RouteParameter[];
  requestBody?: { component: RequestComponent };
  responses: R;
  /** A download: its 200, beside `responses` (which then declares no 200). */
  download?: FileResponse;
  /** Every error code the operation can answer; the document groups them by status. */
  errors: readonly C[];
  /** What a code means for this operation, where the table's general words would say too much. */
  errorNotes?: { readonly [K in C]?: string };
};

export type AnyRoute = RouteDefinition<ApiErrorCode, SuccessResponses>;

/** Keeps the literal codes and statuses, which `routeError` and `routeJson` check against. */
function defineRoute<const C extends ApiErrorCode, const R extends SuccessResponses>(
  route: RouteDefinition<C, R>,
): RouteDefinition<C, R> {
  return route;
}

// ---------------------------------------------------------------------------
// Answering through a definition
// ---------------------------------------------------------------------------

type DeclaredCode<D extends AnyRoute> = D['errors'][number];
/** `unknown` when the route declares every code of C; otherwise a type that names the missing ones. */
export type Declares<D extends AnyRoute, C extends ApiErrorCode> = [C] extends [DeclaredCode<D>]
  ? unknown
  : { undeclaredErrorCodes: Exclude<C, DeclaredCode<D>> };

/** An error response with a code the route declares (its status from API_ERROR_CODES). */
export function routeError<D extends AnyRoute>(
  route: D,
  code: DeclaredCode<D>,
  message: string,
  fields?: FieldErrorBody[],
): NextResponse {
  return apiError(code, message, fields);
}

/**
 * Outside production each success body is also parsed by its schema, so the tests catch what the
 * types let through (a key too many on a value typed elsewhere, a date string of another form).
 */
const CHECK_BODIES = process.env.NODE_ENV !== 'production';

/** A success response with a status the route declares and a body of that status's schema. */
export function routeJson<D extends AnyRoute, S extends keyof D['responses'] & number>(
  route: D,
  status: S,
  body: z.output<D['responses'][S]['schema']>,
): NextResponse {
  if (CHECK_BODIES) {
    const checked = route.responses[status]!.schema.safeParse(body);
    if (!checked.success) {
      // Paths, codes and key names only: never a value (an ID number) in a log.
      const issues = checked.error.issues
        .map((i) => `${i.path.map(String).join('.')}: ${i.code}${'keys' in i ? ` ${i.keys.join(', ')}` : ''}`)
        .join('; ');
      throw new Error(`${route.operationId} ${status}: the body does not match its schema (${issues})`);
    }
  }
  return noStore(NextResponse.json(body, { status }));
}

/** A download's 200, for a route that declares one: the body streamed as it is, never stored by a cache. */
export function routeFile(
  route: AnyRoute,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Response {
  if (!route.download) throw new Error(`${route.operationId} declares no download`);
  return noStore(new Response(body, { status: 200, headers }));
}

/** The codes of readJsonBody's refusals: a route that reads a body declares them. */
export const BODY_ERRORS = ['invalid_json', 'payload_too_large', 'unsupported_media_type'] as const;
/** The codes of authenticateApiKey's refusals. */
export const AUTH_ERRORS = ['unauthorized', 'forbidden'] as const;

/** readJsonBody, for a route that declares its refusals. */
export function readRouteBody<D extends AnyRoute>(
  _route: D & Declares<D, (typeof BODY_ERRORS)[number]>,
  request: Request,
  maxBytes: number,
) {
  return readJsonBody(request, maxBytes);
}

// ---------------------------------------------------------------------------
// Shared words
// ---------------------------------------------------------------------------

/** What every court endpoint can answer besides success. */
const COURT_ERRORS = [...BODY_ERRORS, ...AUTH_ERRORS, 'validation_failed'] as const;
/** A push that is not newer than the stored version (409; a batch item is rejected with the same code). */
const VERSION_ERRORS = ['stale_version', 'version_conflict', 'version_required'] as const;
const VERSION_RULE =
  '带更新时间（updatedAt）的推送按更新时间判断新旧：早于已保存版本的返回 409 stale_version，与已保存版本的更新时间相同而内容不同的返回 409 version_conflict，已保存的版本带' +
  '有更新时间而推送未填写的返回 409 version_required，均不作任何修改；更新时间相同、内容相同的照常返回 200 unchanged。并发推送同一条信息的不同版本时，无论到达先后，最终保存的都是更' +
  '新时间最新的版本。';

/** The example uid of path parameters (EXAMPLE_PERSON's, domain/http/openapi.ts). */
export const EXAMPLE_UID = 'KS-EXAMPLE-0001';

const uidPathParam = (description: string, schema: z.ZodType): RouteParameter => ({
  name: 'uid',
  in: 'path',
  required: true,
  description,
  schema,
  example: EXAMPLE_UID,
});
const pushUid = uidPathParam('信息唯一标识（字母、数字、下划线、连字符，1 至 64 位）。', z.string().regex(UID_RE));

/** Plain-Chinese descriptions of the search parameters (searchParamsSchema carries none). */
export const SEARCH_PARAM_DOCS = {
  q: `查询内容：姓名或名称（可含拼音、首字母）、身份证号码、统一社会信用代码、组织机构代码或案号。必填，${MIN_QUERY_CHARS} 至 ${MAX_QUERY_CHARS} 个字符。`,
  subjectType: 'person：只查自然人；organization：只查法人及其他组织。',
  court: '执行法院名称，如 昆山市人民法院。',
  publishedFrom: '发布日期不早于（YYYY-MM-DD，北京时间，含当日）。',
  publishedTo: '发布日期不晚于（YYYY-MM-DD，北京时间，含当日）；不得早于 publishedFrom。',
  page: `页码，从 1 起，每页 ${PAGE_SIZE} 条，最多 ${MAX_PAGE} 页。`,
} as const satisfies Record<keyof SearchParams, string>;

/** The search parameters, from the schema the handler parses them with. */
function searchParameters(): RouteParameter[] {
  const properties = jsonSchemaOf(searchParamsSchema, 'input').properties as Record<string, JsonObject>;
  return (Object.keys(properties) as (keyof SearchParams)[]).map((name) => {
    const schema: JsonObject = { ...properties[name] };
    if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
    if (name === 'q') delete schema.default; // required: an empty query lists nobody (422 query_required)
    if (name === 'publishedFrom' || name === 'publishedTo') schema.format = 'date';
    return { name, in: 'query', required: name === 'q', description: SEARCH_PARAM_DOCS[name], schema };
  });
}

// ---------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------

export const SEARCH_ENTRIES = defineRoute({
  path: '/api/v1/search',
  method: 'get',
  operationId: 'searchEntries',
  tags: ['公开查询'],
  summary: '查询名单',
  description:
    '按姓名、单位名称、统一社会信用代码或案号查询正在公示的失信被执行人，可按主体类型、执行法院和发布日期筛选。不需要密钥。为保护个人信息，居民身份证号码不作查询条件（422 query_person_id' +
    '）。每个客户端地址每分钟最多读取 300 条、每小时 2,000 条（每页结果计 20 条），超出返回 429 和 Retry-After。',
  parameters: searchParameters(),
  responses: { 200: { description: '查询结果。', schema: RESPONSE_SCHEMAS.SearchResponse } },
  errors: [
    'invalid_parameters',
    'query_required',
    'query_too_short',
    'query_too_long',
    'query_person_id',
    'too_many_requests',
  ],
});

export const GET_ENTRY = defineRoute({
  path: '/api/v1/entries/{uid}',
  method: 'get',
  operationId: 'getEntry',
  tags: ['公开查询'],
  summary: '查看一条公示信息',
  description:
    '返回一条正在公示的信息。凡不公开的（不存在、已撤销、已屏蔽、依法不宜公开、已过有效期、尚未发布）一律 404，不说明原因。不需要密钥。',
  parameters: [uidPathParam('信息唯一标识。', z.string().max(64))],
  responses: { 200: { description: '公示信息。', schema: RESPONSE_SCHEMAS.PublicEntry } },
  errors: ['not_found', 'too_many_requests'],
  errorNotes: { not_found: '没有正在公示的该信息。' },
});

export const GET_HEALTH = defineRoute({
  path: '/api/health',
  method: 'get',
  operationId: 'getHealth',
  tags: ['系统'],
  summary: '运行状态',
  description: '数据库、搜索引擎和搜索索引同步积压的状态，供监控使用。不需要密钥。',
  responses: {
    200: { description: '数据库可用（status 为 ok 或 degraded）。', schema: RESPONSE_SCHEMAS.Health },
    503: { description: '数据库不可用（status 为 down）。', schema: RESPONSE_SCHEMAS.Health },
  },
  errors: [],
});

export const PUT_ENTRY = defineRoute({
  path: '/api/v1/court/entries/{uid}',
  method: 'put',
  operationId: 'putEntry',
  tags: ['法院推送'],
  summary: '新增或更新一条失信信息',
  description:
    `按信息唯一标识新增或更新一条信息（请求体不超过 ` +
    `${formatBytes(MAX_ENTRY_BYTES)}）。幂等：同样的请求体重复发送不作任何修改、不产生第二条记录，可放心重试。请求体中的 uid ` +
    `可省略；如填写，须与路径中的一致。填写撤销时间即表示撤销。校验不通过时返回 422 并列出全部问题，不作任何修改。${VERSION_RULE}仅限法院密钥。`,
  bearer: true,
  parameters: [pushUid],
  requestBody: { component: 'EntryPush' },
  responses: {
    200: {
      description: '已更新（outcome 为 updated），或与已保存的相同、未作修改（unchanged）。',
      schema: RESPONSE_SCHEMAS.SaveResult,
    },
    201: { description: '已新建（outcome 为 created）。', schema: RESPONSE_SCHEMAS.SaveResult },
  },
  errors: [...COURT_ERRORS, ...VERSION_ERRORS],
});

export const POST_BATCH = defineRoute({
  path: '/api/v1/court/entries/batch',
  method: 'post',
  operationId: 'postBatch',
  tags: ['法院推送'],
  summary: '批量推送',
  description:
    `一次推送 1 至 ${LIMITS.batchItems} 条（请求体不超过 ` +
    `${formatBytes(MAX_BATCH_BYTES)}）。每条各自校验、各自保存或被拒绝，互不影响；响应逐条列出结果。每条都须含 ` +
    `uid。与单条推送一样幂等，也一样按更新时间判断新旧：版本不新于已保存版本的条目单独被拒绝（rejected，errors 中为 updatedAt 一项，code 同单条推送的 ` +
    `409），其余条目照常保存。请求体本身不是 { entries: [...] }、条数为 0 或超过 ${LIMITS.batchItems} 时返回 422，一条也不保存。仅限法院密钥。`,
  bearer: true,
  requestBody: { component: 'Batch' },
  responses: {
    200: {
      description: '逐条结果（部分条目被拒绝时也是 200，见 summary.rejected）。',
      schema: RESPONSE_SCHEMAS.BatchResult,
    },
  },
  errors: COURT_ERRORS,
});

export const REVOKE_ENTRY = defineRoute({
  path: '/api/v1/court/entries/{uid}/revoke',
  method: 'post',
  operationId: 'revokeEntry',
  tags: ['法院推送'],
  summary: '撤销或屏蔽一条失信信息',
  description:
    '撤销（revoke）或屏蔽（shield）一条信息。返回时该信息已在平台各处停止公示，撤销、屏蔽公告同时发布。已撤销或屏蔽的再次提交返回 409。仅限法院密钥。',
  bearer: true,
  parameters: [pushUid],
  requestBody: { component: 'Revocation' },
  responses: { 200: { description: '已撤销或屏蔽。', schema: RESPONSE_SCHEMAS.RevocationResult } },
  errors: [...COURT_ERRORS, 'not_found', 'not_active'],
});

export const POST_REMOVAL_GROUND = defineRoute({
  path: '/api/v1/court/entries/{uid}/removal-ground',
  method: 'post',
  operationId: 'postRemovalGround',
  tags: ['法院推送'],
  summary: '登记撤销事由（撤销期限开始计算）',
  description:
    '被执行人全部履行、执行和解履行完毕、案件终结执行等事由发生后登记，撤销期限（二（四）：3 日内屏蔽、撤销）从事由发生日起算，与法院工作人员在管理后台登' +
    '记的是同一期限：管理后台的撤销期限列表中可见，逾期标红；撤销或屏蔽该信息（POST …/revoke）即结束计算。同一事由和发生日再次提交返回 200（outcome 为 ' +
    'unchanged），不作修改；已登记另一事由或另一发生日的返回 409 ground_conflict。只能登记本院（密钥所属单位）作为执行法院的信息。仅限法院密钥。',
  bearer: true,
  parameters: [pushUid],
  requestBody: { component: 'RemovalGround' },
  responses: {
    200: {
      description: '同一事由和发生日已经登记，未作修改（outcome 为 unchanged）。',
      schema: RESPONSE_SCHEMAS.RemovalGroundResult,
    },
    201: {
      description: '已登记，撤销期限开始计算（outcome 为 recorded）。',
      schema: RESPONSE_SCHEMAS.RemovalGroundResult,
    },
  },
  errors: [...COURT_ERRORS, 'outside_court', 'not_found', 'not_active', 'ground_conflict'],
  errorNotes: {
    validation_failed:
      '提交的数据未通过校验，未作任何修改；fields 列出每一个问题（事由不在列表中、日期格式不对、晚于今天、早于立案时间，说明过长等）。',
  },
});

export const GET_FEED = defineRoute({
  path: '/api/v1/feed',
  method: 'get',
  operationId: 'getFeed',
  tags: ['联动单位'],
  summary: '失信信息变更通知（变更流）',
  description:
    `按顺序返回纳入（listed）、更新（updated）、撤销（revoked）、屏蔽（shielded）和有效期届满（expired）事件，含依法不宜公开的信息。把上次响应的 ` +
    `nextCursor 作为 after ` +
    `传回即可接着读；从任何游标重读，每个事件恰好出现一次、顺序不变。一个事务只有在比它早的事务都结束后才出现，因此新事件绝不会排到已经读过的游标之前。自然人证件号码默认打码，签发时准予“完整证件号”的密钥返回` +
    `完整号码。每次最多 ${MAX_FEED_LIMIT} 条（默认 ${DEFAULT_FEED_LIMIT}）。仅限联动单位密钥。`,
  bearer: true,
  parameters: [
    {
      name: 'after',
      in: 'query',
      required: false,
      description: '上次响应的 nextCursor；省略则从头读起。',
      schema: z.string().max(64),
    },
    {
      name: 'limit',
      in: 'query',
      required: false,
      description: '本次最多返回的事件数。',
      schema: z.int().min(1).max(MAX_FEED_LIMIT).default(DEFAULT_FEED_LIMIT),
    },
  ],
  responses: {
    200: { description: '一页事件。hasMore 为 true 时可立即接着读。', schema: RESPONSE_SCHEMAS.FeedPage },
  },
  errors: [...AUTH_ERRORS, 'invalid_parameters'],
});

/** The words of the export's query parameters (lib/validation/export.ts parses them). */
const exportParam = (name: string, description: string, schema: z.ZodType, required = false): RouteParameter => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

export const GET_EXPORT = defineRoute({
  path: '/api/v1/export',
  method: 'get',
  operationId: 'exportEntries',
  tags: ['联动单位'],
  summary: '导出名单（CSV / XLSX）',
  description:
    '未接入变更通知的联动单位通过平台查询名单（昆办发〔2017〕135号 二(二)）：导出当前共享给联动单位的全部信息（已发布、未撤销、未屏蔽、在有效期内，含依法不宜公开的信息；' +
    '不含未成年人），可按发布日期（北京时间，含首尾两日）、主体类型和失信严重程度筛选，按发布时间先后排列。文件边生成边下载，不限条数；CSV 为带 BOM 的 UTF-8，Excel 可直' +
    '接打开；以 = + - @ 开头的单元格前加单引号，防止被当作公式执行。自然人证件号码默认打码，签发时准予“完整证件号”的密钥导出完整号码。每次导出（密钥、时间、筛选条件、' +
    `条数）都记入审计日志。每个密钥每小时最多导出 ${LIMITS_EXPORT_POINTS} 次。仅限联动单位密钥。`,
  bearer: true,
  parameters: [
    exportParam('format', 'csv 或 xlsx。', z.enum(EXPORT_FORMATS), true),
    exportParam('from', '发布日期不早于（YYYY-MM-DD，北京时间，含当日）。', z.iso.date()),
    exportParam('to', '发布日期不晚于（YYYY-MM-DD，北京时间，含当日）；不得早于 from。', z.iso.date()),
    exportParam('kind', 'person：只导出自然人；organization：只导出法人及其他组织。', z.enum(SUBJECT_TYPES)),
    exportParam('severity', 'general：只导出一般失信；serious：只导出严重失信。', z.enum(SEVERITIES)),
  ],
  responses: {},
  download: {
    description: '名单文件，第一行为列名（附件1的字段名，另有公开方式一列）。',
    media: {
      [EXPORT_MEDIA_TYPES.csv]: 'CSV（UTF-8，带 BOM，CRLF 换行，每个字段加引号）。',
      [EXPORT_MEDIA_TYPES.xlsx]: 'Excel 工作簿，一个工作表，单元格均为文本（年龄为数字）。',
    },
    headers: {
      'Content-Disposition': 'attachment; filename="shixin-export-<北京时间日期>.<csv|xlsx>"',
      'X-Export-Rows': '文件中的信息条数（不含列名行），与审计日志所记相同。',
    },
  },
  errors: [...AUTH_ERRORS, 'invalid_parameters', 'too_many_requests'],
  errorNotes: {
    too_many_requests:
      `该密钥一小时内已导出 ${LIMITS_EXPORT_POINTS} 次，或平台同时进行的导出已达上限；Retry-After 响应头给出需等待的` +
      '秒数。',
    invalid_parameters: '查询参数有误（格式、日期、主体类型、严重程度，或未知参数）；fields 列出有误的参数。',
  },
});

export const CHECK_SUBJECTS = defineRoute({
  path: '/api/v1/check',
  method: 'post',
  operationId: 'checkSubjects',
  tags: ['批量核查'],
  summary: '批量核查是否在名单中',
  description:
    `一次核查 1 至 ${CHECK_LIMITS.apiSubjects} 个对象（名称、证件号码或两者；请求体不超过 ` +
    `${formatBytes(MAX_CHECK_BYTES)}），逐个返回是否在名单中及匹配的信息。按证件号码或规范化后的名称完全一致匹配，不做包含或模糊匹配。企业密钥只匹配正在公示的信息；部门密钥另匹配依法` +
    `不宜公开的信息，经授权的部门密钥返回自然人完整的身份证号码。任一对象有误时返回 422 并列出全部问题。仅限部门和企业密钥。`,
  bearer: true,
  requestBody: { component: 'CheckRequest' },
  responses: { 200: { description: '逐个对象的核查结果。', schema: RESPONSE_SCHEMAS.CheckResponse } },
  errors: COURT_ERRORS,
});

const WEBHOOK_SIGNING =
  `平台向接收地址发送 POST 请求，请求体为一个事件（WebhookEvent，与变更通知中的事件相同），请求头：X-Chengxin-Event-Id（事件编号，幂等键，重试时不变）、` +
  `X-Chengxin-Timestamp（签名时间，Unix 秒）、X-Chengxin-Signature（sha256= 加 HMAC-SHA256(签名密钥, 时间戳 + "." + 原始请求体) 的十六进制）。接收方应：` +
  `用原始请求体重算签名并以定长比较；拒绝与本机时间相差超过 ${REPLAY_WINDOW_SECONDS} 秒的时间戳；核对请求体中的 eventId 与请求头一致；按 eventId 去重（同一事件可能送达不止一次）。` +
  `接收方以 2xx 确认；否则按 30 秒起倍增、最长每小时一次重试，自首次尝试起至少 ${DEFAULT_RETRY_HOURS} 小时，期满记为失败并提示市信用办。` +
  `同一条信息的事件按发生顺序逐个送达：前一个未确认时，后一个等待。`;

const WEBHOOK_ERRORS = [...AUTH_ERRORS, 'no_webhook'] as const;

export const PUT_WEBHOOK = defineRoute({
  path: '/api/v1/webhook',
  method: 'put',
  operationId: 'putWebhook',
  tags: ['联动单位'],
  summary: '登记或更改推送接收地址',
  description:
    `为本密钥登记接收地址（https）和签名密钥（${WEBHOOK_LIMITS.secretMin} 至 ${WEBHOOK_LIMITS.secretMax} 个可见字符），` +
    `此后每个变更事件都推送过去。再次提交即更改地址或密钥，` +
    `尚未送达的事件不会丢失。新登记从当前时刻起推送，此前的信息请用变更通知或导出获取。${WEBHOOK_SIGNING}自然人证件号码与密钥的授权相同。仅限联动单位密钥。`,
  bearer: true,
  requestBody: { component: 'WebhookRegistration' },
  responses: {
    200: { description: '已更改。', schema: RESPONSE_SCHEMAS.WebhookEndpoint },
    201: { description: '已登记。', schema: RESPONSE_SCHEMAS.WebhookEndpoint },
  },
  errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'validation_failed'],
});

export const GET_WEBHOOK = defineRoute({
  path: '/api/v1/webhook',
  method: 'get',
  operationId: 'getWebhook',
  tags: ['联动单位'],
  summary: '查看推送接收地址',
  description: '本密钥登记的接收地址及各状态的推送记录数。仅限联动单位密钥。',
  bearer: true,
  responses: { 200: { description: '接收地址。', schema: RESPONSE_SCHEMAS.WebhookEndpoint } },
  errors: WEBHOOK_ERRORS,
});

export const DELETE_WEBHOOK = defineRoute({
  path: '/api/v1/webhook',
  method: 'delete',
  operationId: 'deleteWebhook',
  tags: ['联动单位'],
  summary: '停用推送接收地址',
  description: '停止向本密钥的接收地址推送；推送记录保留。吊销密钥也会停止推送。仅限联动单位密钥。',
  bearer: true,
  responses: { 200: { description: '已停用。', schema: RESPONSE_SCHEMAS.WebhookEndpoint } },
  errors: WEBHOOK_ERRORS,
});

export const GET_DELIVERIES = defineRoute({
  path: '/api/v1/webhook/deliveries',
  method: 'get',
  operationId: 'getWebhookDeliveries',
  tags: ['联动单位'],
  summary: '推送记录',
  description: `本密钥接收地址的推送记录，新的在前，每次 ${DELIVERY_LOG_PAGE} 条。仅限联动单位密钥。`,
  bearer: true,
  parameters: [
    {
      name: 'status',
      in: 'query',
      required: false,
      description: '只看某一状态：pending、delivered 或 failed。',
      schema: z.enum(WEBHOOK_DELIVERY_STATUSES),
    },
    {
      name: 'before',
      in: 'query',
      required: false,
      description: '上次响应的 nextBefore。',
      schema: z.int().min(1),
    },
  ],
  responses: { 200: { description: '一页推送记录。', schema: RESPONSE_SCHEMAS.DeliveryLog } },
  errors: [...WEBHOOK_ERRORS, 'invalid_parameters'],
});

export const POST_REDELIVERY = defineRoute({
  path: '/api/v1/webhook/deliveries/redeliver',
  method: 'post',
  operationId: 'redeliverWebhooks',
  tags: ['联动单位'],
  summary: '重新推送',
  description:
    '把所列推送记录（ids）重新排队推送，事件编号不变；省略 ids 则重推全部失败的记录。已送达的也可重推（接收方按事件编号去重）。仅限联动单位密钥。',
  bearer: true,
  requestBody: { component: 'Redelivery' },
  responses: { 200: { description: '已重新排队。', schema: RESPONSE_SCHEMAS.Redelivered } },
  errors: [...BODY_ERRORS, ...WEBHOOK_ERRORS, 'validation_failed', 'not_redeliverable'],
});

export const GET_OPENAPI = defineRoute({
  path: '/api/v1/openapi.json',
  method: 'get',
  operationId: 'getOpenApi',
  tags: ['系统'],
  summary: '本接口说明（OpenAPI 3.1）',
  description: '本文档。请求体的结构由平台校验所用的同一套 zod 规则生成。',
  responses: { 200: { description: 'OpenAPI 3.1.0 文档。', schema: RESPONSE_SCHEMAS.OpenApiDocument } },
  errors: [],
});

/** Every operation, in the order the document and /developers list them. */
export const ROUTES: readonly AnyRoute[] = [
  SEARCH_ENTRIES,
  GET_ENTRY,
  GET_HEALTH,
  PUT_ENTRY,
  POST_BATCH,
  REVOKE_ENTRY,
  POST_REMOVAL_GROUND,
  GET_FEED,
  PUT_WEBHOOK,
  GET_WEBHOOK,
  DELETE_WEBHOOK,
  GET_DELIVERIES,
  POST_REDELIVERY,
  GET_EXPORT,
  CHECK_SUBJECTS,
  GET_OPENAPI,
];

/** Each declared code's status, from the one table. */
export function errorStatuses(route: AnyRoute): Map<number, ApiErrorCode[]> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of route.errors) {
    const { status } = API_ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

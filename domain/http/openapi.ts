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
 * The paths are generated from the route definitions (domain/http/routes.ts), which the
 * handlers answer through, and the response components from the zod schemas of the bodies
 * they build (domain/http/responses.ts, `io: 'output'`). The examples are produced by the
 * real code (`parseEntryPush`, `toPublicEntry`) and typed by those schemas, so they are
 * exactly what a client sends and receives.
 */
import 'server-only';
import { z } from 'zod';
import type { Entry } from '@/db/schema';
import { API_ERROR_CODES, type ApiErrorCode } from '@/domain/http/errors';
import { jsonSchemaOf, type Json, type JsonObject } from '@/domain/http/json-schema';
import { RESPONSE_SCHEMAS, type ResponseBody, type ResponseComponent } from '@/domain/http/responses';
import {
  CHECK_SUBJECTS,
  errorStatuses,
  POST_BATCH,
  PUT_ENTRY,
  PUT_WEBHOOK,
  REVOKE_ENTRY,
  POST_REMOVAL_GROUND,
  ROUTES,
  TAGS,
  type AnyRoute,
  type RouteParameter,
} from '@/domain/http/routes';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '@/lib/identifiers';
import { toPublicEntry, type PublicEntry } from '@/domain/publishing/public-entry';
import {
  batchSchema,
  entryPushSchema,
  parseEntryPush,
  revocationSchema,
  removalGroundSchema,
  versionError,
  type EntryPushBody,
} from '@/lib/validation/entry-push';
import { checkRequestSchema } from '@/lib/validation/check';
import { redeliverySchema, webhookRegistrationSchema } from '@/lib/validation/webhooks';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { SUBJECT_TYPES, type SubjectType } from '@/lib/entry-input';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { courtDirectory } from '@/lib/courts';
import courtRows from '@/db/seed-data/courts.json' with { type: 'json' };
import { ENTRY_PUSH_FIELDS, FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';

export type { Json, JsonObject };

export const API_VERSION = '1.0.0';
export const API_TITLE = '诚信昆山 失信被执行人名单公示平台 API';

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

export const EXAMPLE_REMOVAL_GROUND = {
  ground: '全部履行',
  occurredOn: '2024-09-01',
  note: '被执行人已全额支付执行款',
} as const;

/** An example body as the API would publish it: parsed by the real parser, masked by the real function. */
function publicExample(body: EntryPushBody): PublicEntry {
  // The examples name courts of the shipped directory (db/seed-data/courts.json), as a real push must.
  const parsed = parseEntryPush(body, { courts: courtDirectory(courtRows) });
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

function removalGroundComponent(): JsonObject {
  const schema = inputJsonSchema(removalGroundSchema);
  return {
    ...schema,
    description: `事由为“其他”时须填写说明（note）。事由依据《最高人民法院关于公布失信被执行人名单信息的若干规定》：${SPC_GROUNDS.join('、')}。`,
    allOf: [
      {
        if: { properties: { ground: { const: '其他' } }, required: ['ground'] },
        then: { required: ['note'], properties: { note: { type: 'string', pattern: '\\S' } } },
      },
    ],
    examples: [EXAMPLE_REMOVAL_GROUND],
  };
}

// ---------------------------------------------------------------------------
// Response components, from the zod schemas of domain/http/responses.ts
// ---------------------------------------------------------------------------

type ResponseExamples = { [K in ResponseComponent]?: ResponseBody<K>[] };

/** Examples of the responses, typed by their schemas; the public ones made by the real code. */
function responseExamples(publicPerson: PublicEntry): ResponseExamples {
  return {
    PublicEntry: [publicPerson],
    SearchResponse: [
      {
        query: '李某某',
        total: 1,
        totalIsLowerBound: false,
        page: 1,
        pageCount: 1,
        results: [{ ...publicPerson, rank: 1 }],
      },
    ],
    SaveResult: [{ uid: EXAMPLE_PERSON.uid, outcome: 'created', changed: [] }],
    BatchResult: [
      {
        summary: { created: 1, updated: 0, unchanged: 0, rejected: 2 },
        results: [
          { index: 0, uid: EXAMPLE_PERSON.uid, status: 'created' },
          {
            index: 1,
            uid: 'KS-EXAMPLE-0003',
            status: 'rejected',
            errors: [{ field: 'idNumber', code: 'invalid_checksum', message: '身份证号码/组织机构代码：校验位不正确' }],
          },
          { index: 2, uid: EXAMPLE_ORGANIZATION.uid, status: 'rejected', errors: [versionError('stale_version')] },
        ],
      },
    ],
    RevocationResult: [{ uid: EXAMPLE_PERSON.uid, status: 'revoked', at: '2024-09-02T02:00:00.000Z' }],
    RemovalGroundResult: [
      {
        uid: EXAMPLE_PERSON.uid,
        ground: '全部履行',
        occurredOn: '2024-09-01',
        dueDay: '2024-09-04',
        overdue: true,
        outcome: 'recorded',
      },
    ],
    CheckResponse: [
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

const isSafeIntegerBound = (v: unknown) => v === Number.MAX_SAFE_INTEGER || v === Number.MIN_SAFE_INTEGER;

/**
 * Every response body's component: one z.toJSONSchema of RESPONSE_SCHEMAS as a registry, so
 * a schema used inside another (FieldError in Error) is a $ref to its own component.
 */
function responseComponents(publicPerson: PublicEntry): Record<ResponseComponent, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
    // z.int()'s implied ±2^53 bounds say nothing to a client.
    override: ({ jsonSchema }) => {
      if (isSafeIntegerBound(jsonSchema.maximum)) delete jsonSchema.maximum;
      if (isSafeIntegerBound(jsonSchema.minimum)) delete jsonSchema.minimum;
    },
  }) as unknown as { schemas: Record<string, JsonObject> };
  const examples = responseExamples(publicPerson);
  const components = {} as Record<ResponseComponent, JsonObject>;
  for (const id of Object.keys(RESPONSE_SCHEMAS) as ResponseComponent[]) {
    // `$id` would be the fragment-only uri above, which JSON Schema forbids; the $refs resolve without it.
    const { $schema: _dialect, $id: _id, ...schema } = schemas[id]!;
    components[id] = { ...schema, ...(examples[id] ? { examples: examples[id] as Json[] } : {}) };
  }
  return components;
}

/** The component name of a response schema (RESPONSE_SCHEMAS holds every one a route may name). */
function componentOf(schema: z.ZodType): ResponseComponent {
  const name = (Object.keys(RESPONSE_SCHEMAS) as ResponseComponent[]).find((k) => RESPONSE_SCHEMAS[k] === schema);
  if (!name) throw new Error('a route names a response schema that is not in RESPONSE_SCHEMAS');
  return name;
}

// ---------------------------------------------------------------------------
// Paths, from the route definitions of domain/http/routes.ts
// ---------------------------------------------------------------------------

const jsonContent = (schema: JsonObject, examples?: Record<string, { summary: string; value: Json }>): JsonObject => ({
  'application/json': { schema, ...(examples ? { examples } : {}) },
});

const noStoreHeader: JsonObject = {
  'Cache-Control': {
    description: '总为 no-store：任何缓存都不得保存。',
    schema: { type: 'string', const: 'no-store' },
  },
};

type RequestExamples = Record<string, { summary: string; value: Json }>;

/** The request bodies' examples, by operationId (checked by the parsers in tests). */
function requestExamples(): Record<string, RequestExamples> {
  const { uid: _u, ...personWithoutUid } = EXAMPLE_PERSON;
  return {
    [PUT_ENTRY.operationId]: {
      person: { summary: '自然人', value: EXAMPLE_PERSON },
      organization: { summary: '法人及其他组织', value: EXAMPLE_ORGANIZATION },
      withoutUid: { summary: '自然人，uid 只在路径中', value: personWithoutUid },
    },
    [POST_BATCH.operationId]: {
      twoEntries: { summary: '一个自然人、一个法人', value: { entries: [EXAMPLE_PERSON, EXAMPLE_ORGANIZATION] } },
    },
    [REVOKE_ENTRY.operationId]: { revoke: { summary: '全部履行后撤销', value: EXAMPLE_REVOCATION } },
    [POST_REMOVAL_GROUND.operationId]: {
      performed: { summary: '全部履行，撤销期限开始计算', value: EXAMPLE_REMOVAL_GROUND },
    },
    [CHECK_SUBJECTS.operationId]: { mixed: { summary: '名称与代码、仅身份证号码、仅名称', value: EXAMPLE_CHECK } },
  };
}

function parameterOf(p: RouteParameter): JsonObject {
  const schema = p.schema instanceof z.ZodType ? jsonSchemaOf(p.schema, 'input') : p.schema;
  const { example, ...rest } = p;
  return { ...rest, schema, ...(example === undefined ? {} : { example }) };
}

/** The error responses of a route, keyed by status, each listing the codes it carries. */
function errorResponses(route: AnyRoute): JsonObject {
  const notes: Partial<Record<ApiErrorCode, string>> = route.errorNotes ?? {};
  const out: JsonObject = {};
  for (const [status, codes] of errorStatuses(route)) {
    out[String(status)] = {
      description: codes.map((c) => `${c}：${notes[c] ?? API_ERROR_CODES[c].description}`).join(' '),
      content: jsonContent(ref('Error')),
    };
  }
  return out;
}

function operationOf(route: AnyRoute, examples: Record<string, RequestExamples>): JsonObject {
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      headers: noStoreHeader,
      content: jsonContent(ref(componentOf(response.schema))),
    };
  }
  if (route.download) {
    const { description, media, headers } = route.download;
    const fileHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, words]) => [name, { description: words, schema: { type: 'string' } }]),
    );
    responses['200'] = {
      description,
      headers: { ...noStoreHeader, ...fileHeaders },
      content: Object.fromEntries(
        Object.entries(media).map(([type, words]) => [
          type,
          { schema: { type: 'string', contentMediaType: type, description: words } },
        ]),
      ),
    };
  }
  return {
    operationId: route.operationId,
    tags: [...route.tags],
    summary: route.summary,
    description: route.description,
    ...(route.bearer ? { security: [{ bearer: [] }] } : {}),
    ...(route.parameters ? { parameters: route.parameters.map(parameterOf) } : {}),
    ...(route.requestBody
      ? {
          requestBody: {
            required: true,
            content: jsonContent(ref(route.requestBody.component), examples[route.operationId]),
          },
        }
      : {}),
    responses: { ...responses, ...errorResponses(route) },
  };
}

function paths(): Record<string, Record<string, JsonObject>> {
  const examples = requestExamples();
  const out: Record<string, Record<string, JsonObject>> = {};
  for (const route of ROUTES) out[route.path] = { ...out[route.path], [route.method]: operationOf(route, examples) };
  return out;
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
  webhooks: Record<string, Record<string, JsonObject>>;
  components: { securitySchemes: Record<string, JsonObject>; schemas: Record<string, JsonObject> };
};

/** What the platform sends to a department's registered endpoint (PUT /api/v1/webhook), OpenAPI 3.1's `webhooks`. */
function webhooksSection(): Record<string, Record<string, JsonObject>> {
  const header = (description: string, example: string) => ({ schema: { type: 'string' }, description, example });
  return {
    feedEvent: {
      post: {
        operationId: 'receiveFeedEvent',
        tags: ['联动单位'],
        summary: '平台推送到接收地址的变更事件',
        description: PUT_WEBHOOK.description,
        parameters: [
          { name: 'X-Chengxin-Event-Id', in: 'header', required: true, ...header('事件编号（幂等键）。', '1201') },
          {
            name: 'X-Chengxin-Timestamp',
            in: 'header',
            required: true,
            ...header('签名时间，Unix 秒。', '1796400000'),
          },
          {
            name: 'X-Chengxin-Signature',
            in: 'header',
            required: true,
            ...header('sha256= 加 HMAC-SHA256(签名密钥, 时间戳 + "." + 原始请求体) 的十六进制。', 'sha256=5d41…'),
          },
        ],
        requestBody: { required: true, content: jsonContent(ref('WebhookEvent')) },
        responses: {
          '2XX': { description: '已收到（平台记为已送达）。' },
          default: { description: '其他任何回答或超时：平台稍后重试。' },
        },
      },
    },
  };
}

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
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths: paths(),
    webhooks: webhooksSection(),
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
        RemovalGround: removalGroundComponent(),
        CheckRequest: checkRequestComponent(),
        WebhookRegistration: {
          ...inputJsonSchema(webhookRegistrationSchema),
          title: '推送接收地址登记',
          examples: [
            { url: 'https://xt.example.gov.cn/chengxin/hooks', secret: 'c2VjcmV0LW1hZGUtYnktdGhlLWRlcGFydG1lbnQtMzI' },
          ],
        },
        Redelivery: { ...inputJsonSchema(redeliverySchema), title: '重新推送', examples: [{ ids: [1201, 1202] }, {}] },
        ...responseComponents(publicPerson),
      },
    },
  };
}

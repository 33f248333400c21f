import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isValidResidentId, isValidUscc } from '@/lib/identifiers';
import { searchParamsSchema } from '@/lib/search/params';
import {
  entryPushSchema,
  parseBatch,
  parseEntryPush,
  parseRemovalGround,
  parseRevocation,
  removalGroundSchema,
  revocationSchema,
} from '@/lib/validation/entry-push';
import { ERROR_CODES } from '@/lib/validation/errors';
import { checkRequestSchema, parseCheckRequest } from '@/lib/validation/check';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import {
  buildOpenApiDocument,
  EXAMPLE_ORGANIZATION,
  EXAMPLE_PERSON,
  EXAMPLE_RESIDENT_ID,
  EXAMPLE_USCC,
  fieldRequirement,
  type Json,
  type JsonObject,
} from '@/domain/http/openapi';
import type { SubjectType } from '@/lib/entry-input';
import { FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';
import { API_ERROR_CODES } from '@/domain/http/errors';
import { REFUSALS, tooLarge } from '@/domain/http/refusals';
import { RESPONSE_SCHEMAS, type ResponseComponent } from '@/domain/http/responses';
import * as routeModule from '@/domain/http/routes';
import {
  EXAMPLE_UID,
  errorStatuses,
  GET_ENTRY,
  GET_FEED,
  GET_HEALTH,
  readRouteBody,
  routeError,
  routeJson,
  ROUTES,
} from '@/domain/http/routes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const doc = buildOpenApiDocument();
const schemas = doc.components.schemas;
const FIELDS = Object.keys(FIELD_DOCS) as EntryPushField[];
const EXAMPLES: Record<SubjectType, Record<string, unknown>> = {
  person: EXAMPLE_PERSON,
  organization: EXAMPLE_ORGANIZATION,
};

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value in the document, with its JSON path. */
function* walk(value: unknown, at = '#'): Generator<[string, unknown]> {
  yield [at, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, `${at}/${i}`);
  else if (isObject(value))
    for (const [k, v] of Object.entries(value))
      yield* walk(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
}

function resolvePointer(pointer: string): unknown {
  expect(pointer.startsWith('#/')).toBe(true);
  let v: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(v) || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

function operation(p: string, method: string): JsonObject {
  const op = doc.paths[p]?.[method];
  expect(op, `${method.toUpperCase()} ${p}`).toBeDefined();
  return op!;
}

/** The examples of an operation's JSON request body. */
function requestExamples(p: string, method: string): Json[] {
  const body = operation(p, method).requestBody as JsonObject;
  const media = (body.content as JsonObject)['application/json'] as JsonObject;
  return Object.values(media.examples as JsonObject).map((e) => (e as JsonObject).value!);
}

/** EntryPush's variant for a subject type: exactly one of its `oneOf` fixes subjectType to that constant. */
function documentedVariant(subjectType: SubjectType): JsonObject {
  const variants = (schemas.EntryPush!.oneOf as JsonObject[]).filter(
    (v) => ((v.properties as JsonObject).subjectType as JsonObject).const === subjectType,
  );
  expect(variants).toHaveLength(1);
  return variants[0]!;
}

/** The fields the document says a subject type requires: its variant's `required`. */
function documentedRequired(subjectType: SubjectType): string[] {
  return [...(documentedVariant(subjectType).required as string[])].sort();
}

/** Whether a property schema admits no value but null or a blank string. */
function admitsOnlyEmpty(s: JsonObject): boolean {
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonObject[]).every(admitsOnlyEmpty);
  return s.type === 'null' || (s.type === 'string' && s.pattern === '^\\s*$');
}

/** The fields the document says a subject type must not send: properties that admit nothing else. */
function documentedNotApplicable(subjectType: SubjectType): string[] {
  const props = documentedVariant(subjectType).properties as JsonObject;
  return Object.entries(props)
    .filter(([, s]) => admitsOnlyEmpty(s as JsonObject))
    .map(([k]) => k)
    .sort();
}

function without(body: Record<string, unknown>, key: string) {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

/** The routes that exist: every route.ts under app/api, the HTTP methods it exports, and its source. */
function routeFiles(): Record<string, { methods: string[]; source: string }> {
  const routes: Record<string, { methods: string[]; source: string }> = {};
  const files = fs.readdirSync(path.join(ROOT, 'app/api'), { recursive: true, encoding: 'utf8' });
  for (const file of files.filter((f) => path.basename(f) === 'route.ts')) {
    const source = fs.readFileSync(path.join(ROOT, 'app/api', file), 'utf8');
    const methods = [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
      m[1]!.toLowerCase(),
    );
    const route =
      '/api/' +
      path
        .dirname(file)
        .split(path.sep)
        .map((seg) => seg.replace(/^\[(\w+)\]$/, '{$1}'))
        .join('/');
    routes[route] = { methods: methods.sort(), source };
  }
  return routes;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with info, a relative server and bearer API keys', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('诚信昆山 失信被执行人名单公示平台 API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'ck_<id>.<secret>',
    });
  });

  it('serialises to JSON unchanged: no functions, undefined, NaN or Dates', () => {
    const json = JSON.stringify(doc);
    expect(JSON.parse(json)).toEqual(doc);
    for (const [at, v] of walk(doc)) {
      const ok =
        v === null ||
        ['string', 'boolean'].includes(typeof v) ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        Array.isArray(v) ||
        (isObject(v) && Object.getPrototypeOf(v) === Object.prototype);
      expect(ok, `${at} is not plain JSON`).toBe(true);
    }
  });

  it('describes every route handler under app/api, each with the methods it exports, and nothing else', () => {
    const routes = routeFiles();
    expect(Object.keys(routes).length).toBeGreaterThan(5); // the routes were really found
    const methods = (files: Record<string, { methods: string[] }>) =>
      Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.methods]));
    const documented = Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]));
    expect(documented).toEqual(methods(routes));
    // …because the paths are the route definitions, one per operation.
    const defined: Record<string, string[]> = {};
    for (const r of ROUTES) defined[r.path] = [...(defined[r.path] ?? []), r.method].sort();
    expect(defined).toEqual(methods(routes));
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  });

  it('gives each operation an id, a Chinese description and the responses it can return', () => {
    const statuses: Record<string, string[]> = {
      'get /api/v1/search': ['200', '422', '429'],
      'get /api/v1/entries/{uid}': ['200', '404', '429'],
      'get /api/health': ['200', '503'],
      'put /api/v1/court/entries/{uid}': ['200', '201', '400', '401', '403', '409', '413', '415', '422'],
      'post /api/v1/court/entries/batch': ['200', '400', '401', '403', '413', '415', '422'],
      'post /api/v1/court/entries/{uid}/revoke': ['200', '400', '401', '403', '404', '409', '413', '415', '422'],
      'get /api/v1/feed': ['200', '401', '403', '422'],
      'get /api/v1/export': ['200', '401', '403', '422', '429'],
      'post /api/v1/check': ['200', '400', '401', '403', '413', '415', '422'],
      'get /api/v1/openapi.json': ['200'],
    };
    const ids = new Set<string>();
    for (const [key, expected] of Object.entries(statuses)) {
      const [method, p] = key.split(' ') as [string, string];
      const op = operation(p, method);
      expect(Object.keys(op.responses as JsonObject).sort(), key).toEqual(expected.sort());
      expect(op.description, key).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof op.operationId).toBe('string');
      ids.add(op.operationId as string);
      const secured = p.startsWith('/api/v1/court/') || ['/api/v1/feed', '/api/v1/export', '/api/v1/check'].includes(p);
      expect(op.security, key).toEqual(secured ? [{ bearer: [] }] : undefined);
      for (const [status, response] of Object.entries(op.responses as JsonObject)) {
        if (Number(status) >= 400 && status !== '503') {
          expect(((response as JsonObject).content as JsonObject)['application/json'], `${key} ${status}`).toEqual({
            schema: { $ref: '#/components/schemas/Error' },
          });
        }
      }
    }
    expect(ids.size).toBe(Object.keys(statuses).length);
  });

  it('resolves every $ref to a component', () => {
    const refs = [...walk(doc)].filter(([at]) => at.endsWith('/$ref')).map(([, v]) => v as string);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      expect(r, r).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(resolvePointer(r), r).toBeDefined();
    }
    // and every component is used
    const used = new Set(refs.map((r) => r.split('/').pop()));
    for (const name of Object.keys(schemas)) expect(used.has(name), `${name} is referenced`).toBe(true);
  });
});

describe('route definitions', () => {
  it('declare only codes of API_ERROR_CODES, and the document lists exactly those under their statuses', () => {
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      for (const code of route.errors) expect(Object.hasOwn(API_ERROR_CODES, code), `${key} ${code}`).toBe(true);
      const responses = operation(route.path, route.method).responses as JsonObject;
      const errorStatusesInDoc = Object.keys(responses).filter(
        (s) => Number(s) >= 400 && !(Number(s) in route.responses),
      );
      expect(errorStatusesInDoc.map(Number), key).toEqual([...errorStatuses(route).keys()]);
      for (const [status, codes] of errorStatuses(route)) {
        const description = String((responses[String(status)] as JsonObject).description);
        const listed = Object.keys(API_ERROR_CODES).filter((c) => description.includes(`${c}：`));
        expect(listed.sort(), `${key} ${status}`).toEqual([...codes].sort());
      }
      for (const status of Object.keys(route.responses)) expect(Number(status), key).toBeLessThan(600);
    }
  });

  it('are what each route file answers through: it or a module it imports names the definition', () => {
    const files = routeFiles();
    const imported = (source: string) =>
      [...source.matchAll(/from '@\/([\w/.-]+)'/g)]
        .map((m) => path.join(ROOT, `${m[1]}.ts`))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f, 'utf8'));
    for (const route of ROUTES) {
      // The definition's exported name, as a handler imports it.
      const name = Object.entries(routeModule).find(([, v]) => v === route)?.[0];
      expect(name, route.operationId).toMatch(/^[A-Z_]+$/);
      const source = files[route.path]!.source;
      const named = [source, ...imported(source)].some((s) => new RegExp(`\\b${name}\\b`).test(s));
      expect(named, `${route.path} answers through ${name}`).toBe(true);
    }
  });

  it('refuse, at compile time, a code, a status or a body the definition does not declare', () => {
    // Never run: `tsc --noEmit` fails if any of these lines compiles.
    const neverRun = (request: Request) => [
      // @ts-expect-error GET_ENTRY declares no validation_failed
      routeError(GET_ENTRY, 'validation_failed', '…'),
      // @ts-expect-error GET_ENTRY answers 200 only
      routeJson(GET_ENTRY, 201, {} as never),
      // @ts-expect-error a Health body has no status "fine"
      routeJson(GET_HEALTH, 200, { status: 'fine', database: 'ok', search: {}, outbox: null }),
      // @ts-expect-error GET_FEED reads no body, so declares none of readJsonBody's codes
      readRouteBody(GET_FEED, request, 1024),
    ];
    expect(typeof neverRun).toBe('function');
  });

  it('give path parameters the example uid of the examples', () => {
    expect(EXAMPLE_UID).toBe(EXAMPLE_PERSON.uid);
  });
});

describe('response components, generated from RESPONSE_SCHEMAS', () => {
  it('are every response schema, and each example is a body of its schema', () => {
    for (const name of Object.keys(RESPONSE_SCHEMAS) as ResponseComponent[]) {
      const component = schemas[name];
      expect(component, name).toBeDefined();
      expect(component!.$id, name).toBeUndefined(); // a fragment-only $id is not JSON Schema
      for (const example of (component!.examples as Json[] | undefined) ?? []) {
        const parsed = RESPONSE_SCHEMAS[name].safeParse(example);
        expect(parsed.error?.issues, name).toBeUndefined();
      }
    }
    expect(schemas.SearchResponse!.examples).toHaveLength(1);
    expect(schemas.BatchResult!.examples).toHaveLength(1);
  });

  it('answer each operation with a component of RESPONSE_SCHEMAS, without a Cache-Control that may be stored', () => {
    for (const route of ROUTES) {
      for (const status of Object.keys(route.responses)) {
        const response = (operation(route.path, route.method).responses as JsonObject)[status] as JsonObject;
        const media = (response.content as JsonObject)['application/json'] as JsonObject;
        const name = String((media.schema as JsonObject).$ref)
          .split('/')
          .pop() as ResponseComponent;
        expect(RESPONSE_SCHEMAS[name], `${route.operationId} ${status}`).toBe(route.responses[Number(status)]!.schema);
        expect(response.headers).toMatchObject({ 'Cache-Control': { schema: { const: 'no-store' } } });
      }
    }
  });

  it('answer a download with its file types and headers, not JSON', () => {
    const downloads = ROUTES.filter((r) => r.download);
    expect(downloads.map((r) => r.operationId)).toEqual(['exportEntries']);
    for (const route of downloads) {
      expect(route.responses[200], route.operationId).toBeUndefined();
      const ok = (operation(route.path, route.method).responses as JsonObject)['200'] as JsonObject;
      expect(Object.keys(ok.content as JsonObject).sort()).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv; charset=utf-8',
      ]);
      expect(ok.headers).toMatchObject({
        'Cache-Control': { schema: { const: 'no-store' } },
        'Content-Disposition': { schema: { type: 'string' } },
        'X-Export-Rows': { schema: { type: 'string' } },
      });
    }
  });
});

describe('EntryPush, generated from entryPushSchema', () => {
  const entry = schemas.EntryPush!;

  it('is one of a variant per subject type, titled, with no hand-written conditions', () => {
    expect(entry.title).toBe('失信被执行人信息推送');
    expect(entry.description).toMatch(/^附件1《失信被执行人信息推送表》/);
    expect((entry.oneOf as JsonObject[]).map((v) => (v.properties as JsonObject).subjectType)).toMatchObject([
      { const: 'person' },
      { const: 'organization' },
    ]);
    expect(entry.description).toContain(
      '自然人另须填写 gender（性别），不填 legalRepresentative（企业法定代表人姓名）',
    );
    expect(entry.description).toContain(
      '法人及其他组织另须填写 legalRepresentative（企业法定代表人姓名），不填 gender（性别）、age（年龄）',
    );
    expect(entry.allOf).toBeUndefined();
    expect(JSON.stringify(entry)).not.toContain('"if"');
  });

  for (const subjectType of ['person', 'organization'] as const) {
    it(`lists every FIELD_DOCS field for ${subjectType}, with its Attachment 1 label, and no other`, () => {
      const variant = documentedVariant(subjectType);
      const properties = variant.properties as JsonObject;
      expect(Object.keys(properties)).toEqual(FIELDS);
      expect(variant.additionalProperties).toBe(false);
      for (const f of FIELDS) {
        expect((properties[f] as JsonObject).title, f).toBe(FIELD_DOCS[f].label);
        expect((properties[f] as JsonObject).description, f).toBe(FIELD_DOCS[f].description);
      }
    });
  }

  for (const subjectType of ['person', 'organization'] as const) {
    it(`requires for subject type ${subjectType} exactly what parseEntryPush requires`, () => {
      const example = EXAMPLES[subjectType];
      const rejectedAsRequired: string[] = [];
      for (const field of FIELDS) {
        const r = parseEntryPush(without(example, field), { pathUid: String(example.uid) });
        if (r.ok) continue;
        expect(r.errors, `without ${field}`).toEqual([expect.objectContaining({ field, code: 'required' })]);
        rejectedAsRequired.push(field);
      }
      expect(rejectedAsRequired.sort()).toEqual(documentedRequired(subjectType));
      expect(FIELDS.filter((f) => fieldRequirement(f, subjectType) === 'required').sort()).toEqual(
        rejectedAsRequired.sort(),
      );
    });

    it(`refuses for subject type ${subjectType} exactly the fields the document says not to send`, () => {
      const example = EXAMPLES[subjectType];
      const other = EXAMPLES[subjectType === 'person' ? 'organization' : 'person'];
      const refused: string[] = [];
      for (const field of FIELDS.filter((f) => !(f in example))) {
        if (!(field in other)) continue;
        const r = parseEntryPush({ ...example, [field]: other[field] });
        if (r.ok) continue;
        expect(r.errors, `with ${field}`).toEqual([expect.objectContaining({ field, code: 'not_applicable' })]);
        refused.push(field);
      }
      expect(refused.sort()).toEqual(documentedNotApplicable(subjectType));
      // What the document lets such a field carry instead, the parser takes: null, and a blank string exactly
      // where the document admits one.
      const properties = documentedVariant(subjectType).properties as JsonObject;
      for (const field of refused) {
        expect(parseEntryPush({ ...example, [field]: null }).ok, `${field}: null`).toBe(true);
        const branches = ((properties[field] as JsonObject).anyOf ?? [properties[field]]) as JsonObject[];
        const blank = branches.some((b) => b.type === 'string');
        expect(parseEntryPush({ ...example, [field]: ' ' }).ok, `${field}: ' '`).toBe(blank);
      }
      expect(FIELDS.filter((f) => fieldRequirement(f, subjectType) === 'not_applicable').sort()).toEqual(
        refused.sort(),
      );
    });
  }

  it('requires uid in a batch item (no path uid), and not in PUT', () => {
    expect(schemas.BatchEntry).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/EntryPush' }],
      required: ['uid'],
    });
    const r = parseEntryPush(without(EXAMPLE_PERSON, 'uid'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ field: 'uid', code: 'required' })]);
    expect(parseEntryPush(without(EXAMPLE_PERSON, 'uid'), { pathUid: EXAMPLE_PERSON.uid }).ok).toBe(true);
    expect(fieldRequirement('uid', 'person', 'batch')).toBe('required');
    expect(fieldRequirement('uid', 'person', 'put')).toBe('optional');
  });
});

describe('examples', () => {
  it('use synthetic identifiers with valid check characters', () => {
    expect(isValidResidentId(EXAMPLE_RESIDENT_ID)).toBe(true);
    expect(EXAMPLE_PERSON.idNumber).toBe(EXAMPLE_RESIDENT_ID);
    expect(isValidUscc(EXAMPLE_USCC)).toBe(true);
    expect(EXAMPLE_ORGANIZATION.idNumber).toBe(EXAMPLE_USCC);
  });

  it('of every entry body pass parseEntryPush and the zod schema', () => {
    const bodies = [
      ...(schemas.EntryPush!.examples as Json[]),
      ...requestExamples('/api/v1/court/entries/{uid}', 'put'),
    ] as Record<string, unknown>[];
    expect(bodies.map((b) => b.subjectType)).toEqual(expect.arrayContaining(['person', 'organization']));
    for (const body of bodies) {
      const pathUid = typeof body.uid === 'string' ? body.uid : EXAMPLE_PERSON.uid;
      expect(parseEntryPush(body, { pathUid }), JSON.stringify(body)).toMatchObject({ ok: true });
      expect(entryPushSchema.safeParse(body).success || typeof body.uid !== 'string').toBe(true);
    }
  });

  it('of the batch pass parseBatch, and each item passes parseEntryPush on its own', () => {
    const batches = requestExamples('/api/v1/court/entries/batch', 'post');
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      const r = parseBatch(batch);
      expect(r.ok).toBe(true);
      if (r.ok) for (const item of r.items) expect(parseEntryPush(item)).toMatchObject({ ok: true });
    }
  });

  it('of the revocation pass parseRevocation and revocationSchema', () => {
    const bodies = [
      ...(schemas.Revocation!.examples as Json[]),
      ...requestExamples('/api/v1/court/entries/{uid}/revoke', 'post'),
    ];
    for (const body of bodies) {
      expect(parseRevocation(body)).toMatchObject({ ok: true });
      expect(revocationSchema.safeParse(body).success).toBe(true);
    }
    expect((schemas.Revocation!.properties as JsonObject).reason).toMatchObject({ enum: [...SPC_GROUNDS] });
  });

  it('of the removal ground pass parseRemovalGround and removalGroundSchema', () => {
    const bodies = [
      ...(schemas.RemovalGround!.examples as Json[]),
      ...requestExamples('/api/v1/court/entries/{uid}/removal-ground', 'post'),
    ];
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) {
      expect(parseRemovalGround(body)).toMatchObject({ ok: true });
      expect(removalGroundSchema.safeParse(body).success).toBe(true);
    }
    expect((schemas.RemovalGround!.properties as JsonObject).ground).toMatchObject({ enum: [...SPC_GROUNDS] });
  });

  it('of the bulk check pass parseCheckRequest and checkRequestSchema, and need a name or an identifier', () => {
    const bodies = [...(schemas.CheckRequest!.examples as Json[]), ...requestExamples('/api/v1/check', 'post')];
    for (const body of bodies) {
      expect(parseCheckRequest(body)).toMatchObject({ ok: true });
      expect(checkRequestSchema.safeParse(body).success).toBe(true);
    }
    const items = ((schemas.CheckRequest!.properties as JsonObject).subjects as JsonObject).items as JsonObject;
    expect(items.anyOf).toEqual([{ required: ['name'] }, { required: ['idNumber'] }]);
    expect(parseCheckRequest({ subjects: [{}] })).toMatchObject({
      ok: false,
      errors: [{ field: 'subjects.0', code: 'required' }],
    });
  });

  it('of public responses are masked as the API masks them and document every PublicEntry key', () => {
    const entry = schemas.PublicEntry!;
    const [example] = entry.examples as JsonObject[];
    expect(Object.keys(example!).sort()).toEqual(Object.keys(entry.properties as JsonObject).sort());
    expect(example!.idNumber).toBe(`${EXAMPLE_RESIDENT_ID.slice(0, 10)}****${EXAMPLE_RESIDENT_ID.slice(14)}`);
    const publicJson = JSON.stringify([entry, schemas.SearchResponse, schemas.SearchResult]);
    expect(publicJson).not.toContain(EXAMPLE_RESIDENT_ID);
    expect(publicJson).not.toContain('E00000000');
  });
});

describe('errors', () => {
  it('document every field error code of ERROR_CODES', () => {
    const code = (schemas.FieldError!.properties as JsonObject).code as JsonObject;
    expect(code.enum).toEqual(Object.keys(ERROR_CODES));
    for (const c of Object.keys(ERROR_CODES)) expect(code.description).toContain(`| ${c} |`);
  });

  it('document every code of API_ERROR_CODES, the one table routes and the HTTP front take statuses from', () => {
    const documented = ((schemas.Error!.properties as JsonObject).error as JsonObject).properties as JsonObject;
    expect((documented.code as JsonObject).enum).toEqual(Object.keys(API_ERROR_CODES));
    // Each operation's error responses sit under the statuses the table gives their codes.
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries((op as JsonObject).responses as JsonObject)) {
          if (Number(status) < 400) continue;
          const codes = Object.keys(API_ERROR_CODES).filter((c) =>
            String((response as JsonObject).description).includes(`${c}：`),
          ) as (keyof typeof API_ERROR_CODES)[];
          for (const c of codes) expect(API_ERROR_CODES[c].status, `${method} ${p} ${c}`).toBe(Number(status));
        }
      }
    }
    // The HTTP front's refusals carry a code of the table and its status.
    for (const r of Object.values(REFUSALS)) expect(API_ERROR_CODES[r.code].status, r.code).toBe(r.status);
    expect(API_ERROR_CODES[tooLarge(1024).code].status).toBe(tooLarge(1024).status);
  });
});

describe('versions (updatedAt)', () => {
  it('PUT documents each version refusal as a 409, and a batch item is rejected with the same field error code', () => {
    const put = operation('/api/v1/court/entries/{uid}', 'put');
    const conflict = (put.responses as JsonObject)['409'] as JsonObject;
    for (const code of ['stale_version', 'version_conflict', 'version_required'] as const) {
      expect(API_ERROR_CODES[code].status).toBe(409);
      expect(conflict.description).toContain(`${code}：`);
      expect(put.description).toContain(code);
      expect(((schemas.FieldError!.properties as JsonObject).code as JsonObject).enum).toContain(code);
    }
    for (const variant of schemas.EntryPush!.oneOf as JsonObject[]) {
      expect((variant.properties as JsonObject).updatedAt).toMatchObject({ title: '更新时间', format: 'date-time' });
    }
    const [example] = schemas.BatchResult!.examples as JsonObject[];
    expect(example!.results).toContainEqual(
      expect.objectContaining({
        status: 'rejected',
        errors: [expect.objectContaining({ field: 'updatedAt', code: 'stale_version' })],
      }),
    );
  });
});

describe('search parameters', () => {
  it('are every key of searchParamsSchema, with a Chinese description', () => {
    const params = operation('/api/v1/search', 'get').parameters as JsonObject[];
    expect(params.map((p) => p.name)).toEqual(Object.keys(searchParamsSchema.shape));
    for (const p of params) {
      expect(p.in).toBe('query');
      expect(p.description).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(params.find((p) => p.name === 'subjectType')!.schema).toMatchObject({ enum: ['person', 'organization'] });
  });
});

/**
 * The authorization walk: every staff page and every API route, found from the files under
 * app/ (so a new one cannot be missed), requested with no credentials, with each staff role
 * and with machine keys of the wrong role or revoked. Nothing but the allowed role ever gets
 * a 2xx. Server Actions are replayed too: a request captured from an allowed user's form,
 * sent with another role's session, changes nothing and gets no 2xx.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { applicationFiles, applications, apiKeys, cases, entries, staffUsers } from '@/db/schema';
import { submitApplication } from '@/domain/applications/cases';
import { todayInChina } from '@/lib/clocks';
import { createApiKey, revokeApiKey, type ApiKeyRole } from '@/domain/auth/api-keys';
import { STAFF_PAGES } from '@/lib/auth/staff-pages';
import { CAPABILITIES } from '@/lib/auth/capabilities';
import { closeRegistry, createPerson } from './fixtures';
import { createStaff, signInAs } from './staff-fixtures';
import { PNG } from './application-fixtures';
import { HOME_COURT, STAFF_ROLES, type StaffRole } from '@/lib/auth/staff-identity';
import { createArticle } from '@/domain/publishing/articles';
import { disableWebhook, registerWebhook } from '@/domain/sharing/webhooks';

test.afterAll(closeRegistry);

/** Route paths of the files named `file` under app/, route groups removed. */
function routesOf(dir: string, file: string): { route: string; source: string }[] {
  const found: { route: string; source: string }[] = [];
  const walk = (d: string) => {
    for (const item of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, item.name);
      if (item.isDirectory()) walk(p);
      else if (item.name === file) {
        const segments = path
          .relative('app', path.dirname(p))
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        found.push({ route: `/${segments.join('/')}`, source: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  walk(path.join('app', dir));
  return found;
}

/** Routes anyone may call (public registry reads); every other API route needs a key. */
const PUBLIC_API = ['/api/health', '/api/v1/search', '/api/v1/entries/[uid]', '/api/v1/openapi.json'];
const MACHINE_API: Record<string, ApiKeyRole[]> = {
  '/api/v1/court/entries/[uid]': ['court'],
  '/api/v1/court/entries/[uid]/revoke': ['court'],
  '/api/v1/court/entries/[uid]/removal-ground': ['court'],
  '/api/v1/court/entries/batch': ['court'],
  '/api/v1/feed': ['department'],
  '/api/v1/export': ['department'],
  '/api/v1/webhook': ['department'],
  '/api/v1/webhook/deliveries': ['department'],
  '/api/v1/webhook/deliveries/redeliver': ['department'],
  '/api/v1/check': ['department', 'enterprise'],
};
const KEY_ROLES: ApiKeyRole[] = ['court', 'department', 'enterprise'];
const NOT_STAFF_PAGES = ['/admin/sign-in'];
/**
 * Route handlers outside /api: staff downloads (session + case visibility; the import page's: session + importData; the
 * audit export: administrators; the list's export: exportEntries) and the applicant's (track cookie).
 */
const OTHER_ROUTES = [
  '/admin/cases/[id]/files/[fileId]',
  '/admin/cases/[id]/document',
  '/track/files/[id]',
  '/track/documents/[caseId]',
  '/admin/import/template',
  '/admin/import/[id]/errors',
  '/admin/audit/export',
  '/admin/export/download',
  // Public: the articles' feed, and attachments (published articles' for anyone, drafts' for their staff only).
  '/articles/feed.xml',
  '/articles/files/[id]',
  // Public: /check's blank list templates (no registry data).
  '/check/template.csv',
  '/check/template.xlsx',
  // Public: the 长辈版 / 标准版 switch (a cookie and a redirect to a path on this site; e2e/elder-mode.spec.ts).
  '/mode',
];

const pageRoutes = routesOf('admin', 'page.tsx').map((r) => r.route);
const apiRoutes = routesOf('api', 'route.ts').map(({ route, source }) => ({
  route,
  methods: [...source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!),
}));

test('every staff page and API route is classified', () => {
  expect(pageRoutes.length).toBeGreaterThan(5);
  expect(pageRoutes.filter((r) => !NOT_STAFF_PAGES.includes(r)).sort()).toEqual(STAFF_PAGES.map((p) => p.path).sort());
  for (const { route } of apiRoutes)
    expect(PUBLIC_API.includes(route) !== route in MACHINE_API, `${route} is public or needs a key`).toBe(true);
  // Every route handler outside /api, wherever it sits (public pages live in the (public) group).
  const otherRoutes = routesOf('', 'route.ts')
    .map((r) => r.route)
    .filter((r) => !r.startsWith('/api/'));
  expect(otherRoutes.sort()).toEqual([...OTHER_ROUTES].sort());
});

/** A correction request (addressed to the court) with one evidence file, made straight through the domain. */
async function correctionCase() {
  const entry = await createPerson();
  const submitted = await submitApplication({
    kind: 'correction',
    submissionToken: randomUUID(),
    entryUid: entry.uid,
    applicantName: '授权测试',
    phone: '0512-57000000',
    statement: '事实',
    learnedOn: todayInChina(),
    files: [{ fileName: 'a.png', mediaType: 'image/png', content: PNG }],
  });
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
  const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
  const [file] = await getDb()
    .select({ id: applicationFiles.id })
    .from(applicationFiles)
    .where(eq(applicationFiles.applicationId, app!.id));
  return { entry, caseId: c!.id, fileId: file!.id };
}

test('every staff Server Action checks the role before anything else', () => {
  const actions = routesOf('admin/(portal)', 'actions.ts');
  expect(actions.length).toBeGreaterThan(3);
  for (const { route, source } of actions) {
    const exported = [...source.matchAll(/^export (?!type )(?:async function|function|const|let|class) (\w+)(.*)$/gm)];
    expect(exported.length, route).toBeGreaterThan(0);
    for (const [line, name] of exported) {
      // staffAction (domain/http/form-actions.ts) checks the session and its required capability first.
      if (/^export const \w+ = staffAction\(\{$/.test(line)) continue;
      const body = source.slice(source.indexOf(line)).split('\n');
      expect(line, `${route} ${name}: a staffAction or an async function`).toMatch(/^export async function \w+\(/);
      expect(
        body.find((l) => l.startsWith('  ')),
        `${route} ${name}`,
      ).toMatch(/await requireStaff\(/);
    }
  }
});

function allowedRoles(capability: keyof typeof CAPABILITIES | null): StaffRole[] {
  return capability ? [...CAPABILITIES[capability]] : [...STAFF_ROLES];
}

async function signedInContext(browser: Browser, role: StaffRole) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, role);
  return { context, page };
}

test('staff pages: no session → 401 with the sign-in form; each role sees only its pages (403 otherwise)', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { entry, caseId } = await correctionCase();
  // An article both writing roles see: a clerk's 通报 of the city court.
  const clerk = {
    id: 'x',
    name: '法院',
    email: `clerk.${randomUUID()}@e2e.ks.example.cn`,
    role: 'court_clerk' as const,
  };
  const article = await createArticle(
    { ...clerk, departmentCode: null, court: HOME_COURT, reviewsRemovals: false },
    { kind: 'news', title: '授权测试通报', body: '正文' },
  );
  const account = await createStaff('court_clerk'); // the account /admin/users/[userId] shows
  const [{ id: userId }] = (await getDb()
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(staffUsers.email, account.email))) as [{ id: string }];
  // A webhook endpoint of a unit no test officer belongs to (its address never answers; disabled at the end).
  const { endpointId } = await registerWebhook({
    organization: '授权测试单位',
    url: 'https://127.0.0.1:9/none',
    fullIdentifiers: false,
    actor: 'e2e',
  });
  const idFor = (p: string) =>
    p.startsWith('/admin/articles/') ? article.id : p.startsWith('/admin/webhooks/') ? endpointId : caseId;
  const url = (p: string) =>
    p
      .replace('[uid]', encodeURIComponent(entry.uid))
      .replace('[id]', String(idFor(p)))
      .replace('[userId]', userId);
  // A case or a unit's endpoint is visible to its body and the credit office; to others it does not exist.
  const hiddenFromOfficers = ['/admin/cases/[id]', '/admin/webhooks/[id]'];
  const expected = (path: string, role: StaffRole, allowed: boolean) =>
    !allowed ? 403 : hiddenFromOfficers.includes(path) && role === 'department_officer' ? 404 : 200;

  for (const page of STAFF_PAGES) {
    const response = await request.get(url(page.path), { maxRedirects: 0 });
    expect(response.status(), `${page.path} without a session`).toBe(401);
    expect(await response.text()).toContain('请先登录');
  }

  for (const role of STAFF_ROLES) {
    const { context } = await signedInContext(browser, role);
    for (const page of STAFF_PAGES) {
      const allowed = allowedRoles(page.capability).includes(role);
      const response = await context.request.get(url(page.path), { maxRedirects: 0 });
      expect(response.status(), `${page.path} as ${role}`).toBe(expected(page.path, role, allowed));
    }
    await context.close();
  }
  await disableWebhook({ endpointId, actor: 'e2e' });
});

test('evidence downloads: only staff who may see the case, and the applicant with the access code', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { caseId, fileId } = await correctionCase();
  const staffFile = `/admin/cases/${caseId}/files/${fileId}`;
  expect((await request.get(staffFile)).status()).toBe(401);
  expect((await request.get(`/track/files/${fileId}`)).status()).toBe(401);
  const expectedByRole: Record<StaffRole, number> = {
    admin: 403,
    department_officer: 404,
    court_clerk: 200,
    credit_office: 200,
  };
  for (const role of STAFF_ROLES) {
    const { context } = await signedInContext(browser, role);
    const response = await context.request.get(staffFile);
    expect(response.status(), `${staffFile} as ${role}`).toBe(expectedByRole[role]);
    if (response.status() === 200) {
      expect(response.headers()['content-type']).toBe('image/png');
      expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
    }
    await context.close();
  }
});

test('API routes: no key, a malformed key, a staff session, a wrong-role key or a revoked key never get a 2xx', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const entry = await createPerson();
  const url = (r: string) => r.replace('[uid]', encodeURIComponent(entry.uid));
  const keys = Object.fromEntries(
    await Promise.all(
      KEY_ROLES.map(
        async (role) =>
          [role, (await createApiKey({ organization: `授权测试-${role}`, role, createdBy: 'e2e' })).key] as const,
      ),
    ),
  ) as Record<ApiKeyRole, string>;
  const revoked = await createApiKey({ organization: '授权测试-已吊销', role: 'court', createdBy: 'e2e' });
  await revokeApiKey(revoked.id);
  const { context: staffContext } = await signedInContext(browser, 'court_clerk');

  const call = (ctx: APIRequestContext, method: string, route: string, headers: Record<string, string> = {}) =>
    ctx.fetch(url(route), {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      data: '{}',
      maxRedirects: 0,
    });

  for (const { route, methods } of apiRoutes.filter((r) => r.route in MACHINE_API)) {
    for (const method of methods) {
      const attempts: [string, APIRequestContext, Record<string, string>][] = [
        ['no credentials', request, {}],
        ['a malformed key', request, { authorization: 'Bearer not-a-key' }],
        ['a forged secret', request, { authorization: `Bearer ${keys.court.slice(0, -4)}AAAA` }],
        ['a staff session', staffContext.request, {}],
        ['a revoked court key', request, { authorization: `Bearer ${revoked.key}` }],
        ...KEY_ROLES.filter((r) => !MACHINE_API[route]!.includes(r)).map(
          (r) =>
            [`a ${r} key`, request, { authorization: `Bearer ${keys[r]}` }] as [
              string,
              APIRequestContext,
              Record<string, string>,
            ],
        ),
      ];
      for (const [who, ctx, headers] of attempts) {
        const response = await call(ctx, method, route, headers);
        expect(response.status(), `${method} ${route} with ${who}`).toBeGreaterThanOrEqual(400);
        expect([401, 403], `${method} ${route} with ${who}`).toContain(response.status());
      }
    }
  }
  // The allowed key does get through (so the walk above tests the check, not a broken route).
  const allowed = await call(request, 'POST', `/api/v1/court/entries/[uid]/revoke`, {
    authorization: `Bearer ${keys.court}`,
  });
  expect(allowed.status()).toBe(422); // authenticated; the empty body is then refused
  const [entryRow] = await getDb().select().from(entries).where(eq(entries.uid, entry.uid));
  expect(entryRow!.status).toBe('active');
  await staffContext.close();
});

test('Server Actions replayed with another role’s session change nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const org = `重放测试单位-${Date.now()}`;
  // Capture the admin's "create API key" action request.
  const { context: adminContext, page: adminPage } = await signedInContext(browser, 'admin');
  await adminPage.goto('/admin/api-keys');
  await adminPage.getByLabel('使用单位').fill(org);
  await adminPage.getByLabel('密钥类型').selectOption('department');
  const [captured] = await Promise.all([
    adminPage.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/admin/api-keys')),
    adminPage.getByRole('button', { name: '创建密钥' }).click(),
  ]);
  await expect(adminPage.getByTestId('new-api-key')).toBeVisible();
  const before = await getDb().select().from(apiKeys).where(eq(apiKeys.organization, org));
  expect(before).toHaveLength(1);

  const headers = await captured.allHeaders();
  const replay = (ctx: APIRequestContext) =>
    ctx.fetch(captured.url(), {
      method: 'POST',
      headers: {
        'next-action': headers['next-action']!,
        'content-type': headers['content-type']!,
        origin: headers.origin!,
      },
      data: captured.postDataBuffer()!,
      maxRedirects: 0,
    });

  for (const role of STAFF_ROLES.filter((r) => r !== 'admin')) {
    const { context } = await signedInContext(browser, role);
    const response = await replay(context.request);
    expect(response.status(), `replayed as ${role}`).not.toBeLessThan(300);
    await context.close();
  }
  const anonymous = await browser.newContext();
  const response = await replay(anonymous.request);
  expect(response.status(), 'replayed without a session').not.toBeLessThan(300);
  await anonymous.close();

  expect(await getDb().select().from(apiKeys).where(eq(apiKeys.organization, org))).toHaveLength(1);
  await adminContext.close();
});

/**
 * Shared helpers for the browser tests: entries created straight in Postgres (the test
 * process has DATABASE_URL, the same database the server under test reads), with valid
 * identifiers and names made of rare characters that no other entry shares, so a search
 * for them finds only what the test created.
 *
 * Every spec file that creates entries calls `test.afterAll(closeRegistry)` so the pool
 * is closed and the worker can exit.
 *
 * The shape of the test data (which rare characters, birth dates, codes) is drawn from
 * TEST_SEED (lib/testing/seeded-random.ts), one stream per Playwright worker, and the seed
 * is printed when the worker first draws. Uids and case-number serials only need to be
 * unique, also between runs on one database: they stay clock-and-random based.
 */
import { randomInt } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/db/client';
import { searchOutbox } from '@/db/schema';
import { MeilisearchIndexWriter, meiliConfigFromEnv } from '@/adapters/search/meilisearch';
import { drainOutbox } from '@/adapters/search/sync';
import { makeOrganization, makePerson } from '@/db/tests/factory';
import { revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ageAt, orgCodeCheckChar, residentIdCheckChar, usccCheckChar, USCC_CHARSET } from '@/lib/identifiers';
import { maskPersonName } from '@/lib/mask';
import { nameBigrams } from '@/lib/normalize';
import { seededRandom, testSeed, type SeededRandom } from '@/lib/testing/seeded-random';
import { QUERY_MESSAGES } from '@/lib/search/limits';
import { cstDate } from '@/lib/cst';

export { revokeEntry, shieldEntry, maskPersonName };

export const COURTS = {
  kunshan: { name: '昆山市人民法院', code: '苏0583' },
  suzhou: { name: '苏州市中级人民法院', code: '苏05' },
  wuzhong: { name: '苏州市吴中区人民法院', code: '苏0506' },
} as const;

const DAY = 86_400_000;

/** Rare characters that the demo data never uses and that normalisation leaves unchanged. */
const RARE = [
  ...'鼋鼍夔饕餮魑魅魍魉囍彧旻珺琨瑀璟翊翀昶晟煜炅烜焜骞骐骥鲲鹓鹔燊淼焱垚犇骉麤羴赑屃狻猊睚眦蒲椒螭吻貔貅獬豸麒麟鸾凰鹥鹈鹕鸬鹚',
];

let stream: SeededRandom | undefined;
function random(): SeededRandom {
  if (!stream) {
    // A restarted worker (after a failure) gets a new index, so it does not redraw the same values.
    const worker = process.env.TEST_WORKER_INDEX ?? '0';
    stream = seededRandom(`e2e:worker${worker}`);
    console.log(`e2e test data seed: TEST_SEED=${testSeed()} (worker ${worker})`);
  }
  return stream;
}

/**
 * `length` rare characters none of whose 2-character pairs occurs in any entry's name yet,
 * so a query for any two adjacent characters of it matches only entries built from it.
 * (Draws are seeded, so on a database kept from earlier runs the first ones are often
 * taken: hence the many attempts.)
 */
export async function freshToken(length = 2): Promise<string> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const chars: string[] = [];
    while (chars.length < length) {
      const c = random().pick(RARE);
      if (!chars.includes(c)) chars.push(c);
    }
    const token = chars.join('');
    const grams = nameBigrams(token);
    const [row] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entries WHERE search_grams && ARRAY[${sql.join(
        grams.map((g) => sql`${g}`),
        sql`, `,
      )}]::text[]`,
    );
    if (Number(row?.n) === 0) return token;
  }
  throw new Error('could not find an unused rare-character token');
}

let counter = 0;
function uniqueSuffix() {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${randomInt(36 ** 4).toString(36)}`.toUpperCase();
}

/** Digits that grow with the clock, so case numbers never repeat between runs (demo serials stop at 9999). */
function uniqueSerial() {
  counter += 1;
  return String(100_000_000 + ((Date.now() * 100 + counter * 7 + randomInt(100)) % 900_000_000));
}

async function identifierUnused(id: string) {
  const [row] = await getDb().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM entries WHERE search_ids @> ARRAY[${id}]::text[]`,
  );
  return Number(row?.n) === 0;
}

/**
 * A valid 18-digit resident ID, region 320584 (never used by the demo data), not yet in the registry; `endingInX`: with
 * the check character X.
 */
export async function freshResidentId(opts: { endingInX?: boolean } = {}): Promise<string> {
  for (;;) {
    const birth = new Date(Date.UTC(1960 + random().int(40), random().int(12), 1 + random().int(28)));
    const first17 = `320584${birth.toISOString().slice(0, 10).replaceAll('-', '')}${random().digits(3)}`;
    const id = first17 + residentIdCheckChar(first17);
    if (opts.endingInX && !id.endsWith('X')) continue;
    if (await identifierUnused(id)) return id;
  }
}

/** A valid unified social credit code (prefix 91320584), not yet in the registry. */
export async function freshUscc(): Promise<string> {
  for (;;) {
    let body = '';
    for (let i = 0; i < 8; i++) body += i < 2 ? random().digits(1) : random().pick([...USCC_CHARSET]);
    const first17 = `91320584${body}${orgCodeCheckChar(body)}`;
    const code = first17 + usccCheckChar(first17);
    if (await identifierUnused(code)) return code;
  }
}

export type Created = EntryInput & { idNumber: string };

type Options = Partial<Omit<EntryInput, 'subjectType'>> & { court?: string; publishedDaysAgo?: number };

/**
 * The browser suite's part of an entry, over the one factory's (db/tests/factory.ts): a case number of the named
 * court that never repeats between runs, a publication `publishedDaysAgo`, the demo flag off.
 */
function e2eFields(opts: Options) {
  const court = Object.values(COURTS).find((c) => c.name === (opts.court ?? COURTS.kunshan.name)) ?? COURTS.kunshan;
  const publishedAt = opts.publishedAt ?? new Date(Date.now() - (opts.publishedDaysAgo ?? 0) * DAY - 60_000);
  const year = Number(cstDate(publishedAt).slice(0, 4));
  const { court: _c, publishedDaysAgo: _p, ...overrides } = opts;
  return {
    uid: `E2E${uniqueSuffix()}`,
    caseNo: `(${year})${court.code}执${uniqueSerial()}号`,
    court: court.name,
    basisDocNo: `(${year - 1})${court.code}民初${1 + random().int(19_999)}号`,
    basisIssuer: court.name,
    publishedAt,
    filedAt: new Date(publishedAt.getTime() - 90 * DAY).toISOString().slice(0, 10),
    validUntil: new Date(publishedAt.getTime() + 2 * 365 * DAY),
    demo: false,
    ...overrides,
  };
}

const meiliConfig = meiliConfigFromEnv();
const meiliWriter = meiliConfig ? new MeilisearchIndexWriter(meiliConfig) : null;

/**
 * Saves an entry as a court push does. With Meilisearch as the engine (MEILI_URL), a new entry is searchable once the
 * sync has copied it to the index: the server's worker does so within a second or two (docs/benchmarks.md, the lag
 * from a push to searchable). A test that searches at once waits for that here — it drains the entry's outbox row
 * itself, or sees the server's worker do it — so it sees what a user would a moment later.
 */
async function save(input: EntryInput) {
  await saveEntry(input, 'e2e');
  if (!meiliWriter) return;
  const until = Date.now() + 30_000;
  for (;;) {
    await drainOutbox(meiliWriter, { onlyUids: [input.uid] });
    const queued = await getDb()
      .select({ id: searchOutbox.id })
      .from(searchOutbox)
      .where(eq(searchOutbox.entryUid, input.uid))
      .limit(1);
    if (queued.length === 0) return;
    if (Date.now() > until) throw new Error(`${input.uid} still not in the Meilisearch index after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A natural person's entry, not saved (for a push through the court's API); defaults as createPerson's. */
export async function personInput(opts: Options = {}): Promise<Created> {
  const fields = e2eFields(opts);
  const idNumber = opts.idNumber ?? (await freshResidentId());
  const name = opts.name ?? (await freshToken(2));
  return makePerson({ age: ageAt(idNumber, fields.publishedAt), ...fields, name, idNumber }) as Created;
}

/** Creates a natural person's entry (name defaults to two fresh rare characters, the ID to an unused one). */
export async function createPerson(opts: Options = {}): Promise<Created> {
  const input = await personInput(opts);
  await save(input);
  return input;
}

/** Creates an organisation's entry (name defaults to 昆山<4 fresh rare characters>科技有限公司, with an unused USCC). */
export async function createOrganization(opts: Options = {}): Promise<Created> {
  const fields = e2eFields(opts);
  const idNumber = opts.idNumber ?? (await freshUscc());
  const name = opts.name ?? `昆山${await freshToken(4)}科技有限公司`;
  const input = makeOrganization({ legalRepresentative: '张伟', ...fields, name, idNumber }) as Created;
  await save(input);
  return input;
}

/** `3205841980****1234`: the masked form of an 18-digit resident ID. */
export function maskedId(id: string) {
  return `${id.slice(0, 10)}****${id.slice(14)}`;
}

export async function closeRegistry() {
  await closeDb();
}

export const searchUrl = (q: string, extra: Record<string, string> = {}) =>
  `/search?${new URLSearchParams({ q, ...extra }).toString()}`;

/** Result cards on a search page (or the latest list on the home page). */
export const resultCards = (page: Page) => page.locator('main article');

/** The GOV.UK-style error summary at the top of a form (Next.js adds its own empty role=alert route announcer). */
export const errorSummary = (page: Page) => page.getByRole('alert', { name: '请修改以下内容' });

/**
 * The answer to a resident-ID query (lib/disclosure.ts: persons are never searched by ID
 * number), on /search and GET /api/v1/search of `base` (default: the suite's server): the
 * person_id message linked to the search box, no results, no entry links, nothing echoed;
 * the API's 422 query_person_id. Returns what was shown with the query itself
 * replaced by `QUERY`, so callers can prove a listed and an unlisted ID get the same answer.
 */
export async function expectPersonIdNotSearchable(page: Page, request: APIRequestContext, q: string, base = '') {
  const message = QUERY_MESSAGES.person_id;
  const response = await page.goto(`${base}${searchUrl(q)}`);
  expect(response?.status()).toBe(200);
  expect(response!.headers()['cache-control'] ?? '', 'Cache-Control of the search page').toContain('no-store');
  await expect(errorSummary(page).getByRole('link', { name: message })).toHaveAttribute('href', '#q');
  await expect(page.locator('#q-error')).toHaveText(message);
  await expect(page.locator('#q')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#q')).toHaveValue(q);
  await expect(resultCards(page)).toHaveCount(0);
  await expect(page.locator('main a[href^="/entries/"]')).toHaveCount(0);
  await expect(page.getByTestId('result-count')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: /相符/ })).toHaveCount(0);
  const main = page.locator('main');
  const id = q.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  await expect(main).not.toContainText(id);
  const shown = (await main.evaluate((el) => el.innerHTML)).replaceAll(q, 'QUERY');
  expect(shown).not.toContain(id);

  const api = await request.get(`${base}/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(api.status()).toBe(422);
  expect(api.headers()['cache-control'] ?? '', 'Cache-Control of GET /api/v1/search').toContain('no-store');
  const body = await api.text();
  expect(body).not.toContain(id);
  expect(JSON.parse(body)).toEqual({ error: { code: 'query_person_id', message, fields: [{ field: 'q', message }] } });
  return { shown, api: body };
}

/** Fails with a readable list of every violation: rule, impact, help URL and offending nodes. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = results.violations
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map(
            (n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}\n      ${n.html}`,
          )
          .join('\n'),
    )
    .join('\n');
  expect(results.violations, `axe violations on ${label}:\n${report}`).toEqual([]);
}

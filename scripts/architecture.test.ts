/**
 * The import rules (docs/architecture.md, rule 11): no cycle anywhere, and imports run one
 * way, from the top down:
 *   app/ → components/ → domain/ → adapters/ (search engines, mail) → db/ (data access) → lib/ (pure)
 * A file may import its own layer or any layer below it. lib/ holds pure code (vocabulary,
 * identifiers, masking, validation, clocks): it reads no database and no request. db/ never
 * reaches above itself: effects after a commit go through db/after-commit.ts. madge reads
 * the imports (path aliases from tsconfig.json, type-only imports included); tests and test
 * helpers are left out.
 */
import { readFileSync } from 'node:fs';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOTS = ['app', 'components', 'domain', 'adapters', 'db', 'lib'];
/** Layers from the top: a file may import its own layer or one further down. */
const LAYER: Record<string, number> = { app: 0, components: 1, domain: 2, adapters: 3, db: 4, lib: 5 };
/** Data files (db/seed-data/*.json: the seed's tables and time rules) are read by any layer. */
const layerOf = (file: string) => (file.endsWith('.json') ? -1 : (LAYER[file.split('/')[0]!] ?? -1));

/** `withTypes: false` leaves out type-only imports, which the compiler erases. */
async function importGraph({ withTypes = true } = {}) {
  const skipTypeImports = !withTypes;
  const result = await madge(ROOTS, {
    detectiveOptions: { ts: { skipTypeImports }, tsx: { skipTypeImports } },
    fileExtensions: ['ts', 'tsx'],
    tsConfig: 'tsconfig.json',
    excludeRegExp: [/\.test\.tsx?$/, /^db\/tests\//, /^lib\/testing\//, /\/test-entries\.ts$/],
  });
  return result;
}

describe('imports', { timeout: 60_000 }, () => {
  it('form no cycle', async () => {
    expect((await importGraph()).circular()).toEqual([]);
  });

  it('never run upward (app → components → domain → adapters → db → lib)', async () => {
    const graph = (await importGraph()).obj();
    expect(Object.keys(graph).length).toBeGreaterThan(200); // the graph was really read
    const upward: string[] = [];
    for (const [from, tos] of Object.entries(graph)) {
      for (const to of tos) {
        if (layerOf(to) >= 0 && layerOf(to) < layerOf(from)) upward.push(`${from} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('leave lib/ pure: no database, request, search engine or mail library', async () => {
    const files = Object.keys((await importGraph()).obj()).filter((f) => f.startsWith('lib/'));
    const io = /from '(next|drizzle-orm|postgres|better-auth|meilisearch|nodemailer)(\/[^']*)?'/;
    expect(files.filter((f) => io.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('mark every server module server-only, and keep them out of every client component', async () => {
    const graph = (await importGraph()).obj();
    const server = (f: string) => /^(domain|adapters|db)\/.*\.tsx?$/.test(f);
    // drizzle-kit loads the schema outside Next; the launcher and test setup never reach a page.
    const unmarkable = ['db/schema.ts', 'db/embedded-postgres.ts', 'db/test-setup.ts', 'db/test-global-setup.ts'];
    const unmarked = Object.keys(graph).filter(
      (f) => server(f) && !unmarkable.includes(f) && !readFileSync(f, 'utf8').includes("import 'server-only';"),
    );
    expect(unmarked).toEqual([]);

    // What a client component's bundle holds: its imports without the type-only ones.
    const code = (await importGraph({ withTypes: false })).obj();
    const clients = Object.keys(code).filter((f) => /^'use client';/m.test(readFileSync(f, 'utf8')));
    expect(clients.length).toBeGreaterThan(10);
    const reached: string[] = [];
    for (const client of clients) {
      const seen = new Set<string>();
      const stack = [client];
      while (stack.length) {
        const f = stack.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        if (server(f)) reached.push(`${client} → ${f}`);
        // A Server Action file reaches the client as references only: its imports stay on the server.
        else if (!/^'use server';/m.test(readFileSync(f, 'utf8'))) stack.push(...(code[f] ?? []));
      }
    }
    expect(reached).toEqual([]);
  });
});

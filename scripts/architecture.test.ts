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

async function importGraph() {
  const result = await madge(ROOTS, {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: 'tsconfig.json',
    excludeRegExp: [/\.test\.tsx?$/, /^db\/tests\//, /^lib\/testing\//],
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
});

/**
 * The import rules the code keeps today (README, Architecture): no cycle anywhere; nothing
 * imports the pages (app/), and lib/ and db/ never import components/. db/ (data access and
 * the domain's writes) never reaches request-scoped code (the staff session, better-auth) or
 * the search runtime: effects after a commit go through db/after-commit.ts. lib/ and db/ are
 * one band for now — db/ still imports lib/'s pure helpers (identifiers, clocks, masking) and
 * lib/'s domain reads db/ — which issue 12 is to separate. madge reads the imports (path
 * aliases from tsconfig.json); tests and test helpers are left out.
 */
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOTS = ['app', 'lib', 'db', 'components'];
/** Layers from the top (lib/ and db/ share one): a file may import its own layer or one further down. */
const LAYER: Record<string, number> = { app: 0, components: 1, lib: 2, db: 2 };
/** Modules db/ must not import: they read the request or drive the search index. */
const OFF_LIMITS_FOR_DB = ['lib/auth/staff.ts', 'lib/auth/staff-session.ts', 'lib/search/runtime.ts', 'lib/search/sync.ts'];

async function importGraph() {
  const result = await madge(ROOTS, {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: 'tsconfig.json',
    excludeRegExp: [/\.test\.tsx?$/, /^db\/tests\//, /^lib\/testing\//],
  });
  return result;
}

const layerOf = (file: string) => LAYER[file.split('/')[0]!] ?? -1;

describe('imports', { timeout: 60_000 }, () => {
  it('form no cycle', async () => {
    expect((await importGraph()).circular()).toEqual([]);
  });

  it('never run upward (app → components → lib/db), and db/ stays clear of the request and the search runtime', async () => {
    const graph = (await importGraph()).obj();
    expect(Object.keys(graph).length).toBeGreaterThan(200); // the graph was really read
    const upward: string[] = [];
    for (const [from, tos] of Object.entries(graph)) {
      for (const to of tos) {
        if (layerOf(to) >= 0 && layerOf(to) < layerOf(from)) upward.push(`${from} → ${to}`);
        if (from.startsWith('db/') && OFF_LIMITS_FOR_DB.includes(to)) upward.push(`${from} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });
});

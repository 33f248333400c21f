import { eq } from 'drizzle-orm';
import { getDb } from './client';
import { demoEntry, startOfUtcDay } from './demo-data';
import { revokeEntry, saveEntries, shieldEntry } from './entries';
import { entries } from './schema';

export const DEMO_COUNT = 6000;
const DEMO_SEED = 20171231;
const DAY = 86_400_000;

/** Loads the demo data set once (skipped when demo entries already exist). */
export async function seedDemoData(): Promise<{ seeded: boolean; count: number }> {
  const db = getDb();
  const [existing] = await db.select({ uid: entries.uid }).from(entries).where(eq(entries.demo, true)).limit(1);
  if (existing) return { seeded: false, count: 0 };

  const anchor = startOfUtcDay();
  const demo = Array.from({ length: DEMO_COUNT }, (_, i) => demoEntry(i, { seed: DEMO_SEED, anchor, uidPrefix: 'DEMO' }));
  await saveEntries(demo.map((d) => d.input), 'demo-seed');
  const now = Date.now();
  for (const { input, removal } of demo) {
    if (!removal) continue;
    const at = new Date(Math.max(input.publishedAt.getTime() + DAY, now - removal.daysAgo * DAY - 3_600_000));
    if (at.getTime() > now) continue;
    const remove = removal.kind === 'revoke' ? revokeEntry : shieldEntry;
    await remove(input.uid, { reason: removal.reason, actor: 'demo-seed', at });
  }
  return { seeded: true, count: DEMO_COUNT };
}

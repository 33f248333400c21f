import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { cstDate } from '@/lib/cst';
import { getDb } from '@/db/client';
import { demoEntry, mulberry32, startOfUtcDay, type DemoEntry } from '@/db/demo-data';
import { revokeEntry, saveEntries, shieldEntry } from '@/domain/entries/entries';
import { departments, entries, measureDepartments, measureFeedback } from '@/db/schema';

export const DEMO_COUNT = 6000;
const DEMO_SEED = 20171231;
const DAY = 86_400_000;
/**
 * The demo's feedback (四(五)): a few units report measures on some entries, so a removal shows lifting work (二(七)) for
 * them.
 */
const FEEDBACK_UNITS = 6;
const FEEDBACK_SHARE = 0.15;

/**
 * Deterministic feedback rows: about FEEDBACK_SHARE of the entries, one or two of the first FEEDBACK_UNITS member
 * units, one of their measures each.
 */
async function seedDemoFeedback(demo: DemoEntry[]) {
  const db = getDb();
  const links = await db
    .select({ code: departments.code, measureNo: measureDepartments.measureNo })
    .from(measureDepartments)
    .innerJoin(departments, eq(departments.code, measureDepartments.departmentCode))
    .where(eq(departments.isMemberUnit, true))
    .orderBy(asc(departments.sortOrder), asc(measureDepartments.measureNo));
  const byUnit = new Map<string, number[]>();
  for (const l of links) byUnit.set(l.code, [...(byUnit.get(l.code) ?? []), l.measureNo]);
  const units = [...byUnit.entries()].slice(0, FEEDBACK_UNITS);
  if (units.length === 0) return;
  const rand = mulberry32(DEMO_SEED + 1);
  const today = cstDate(new Date());
  const rows: (typeof measureFeedback.$inferInsert)[] = [];
  for (const { input } of demo) {
    if (rand() >= FEEDBACK_SHARE) continue;
    const published = cstDate(input.publishedAt);
    if (published > today) continue;
    const count = rand() < 0.3 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const [code, measures] = units[Math.floor(rand() * units.length)]!;
      const applied = cstDate(
        new Date(Math.min(input.publishedAt.getTime() + Math.floor(rand() * 10) * DAY, Date.now())),
      );
      rows.push({
        entryUid: input.uid,
        departmentCode: code,
        measureNo: measures[Math.floor(rand() * measures.length)]!,
        appliedOn: applied,
        outcome: '已在本单位业务办理中实施',
        recordedBy: 'demo-seed',
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(measureFeedback).values(rows.slice(i, i + 1000));
}

/** Loads the demo data set once (skipped when demo entries already exist). */
export async function seedDemoData(): Promise<{ seeded: boolean; count: number }> {
  const db = getDb();
  const [existing] = await db.select({ uid: entries.uid }).from(entries).where(eq(entries.demo, true)).limit(1);
  if (existing) return { seeded: false, count: 0 };

  const anchor = startOfUtcDay();
  const demo = Array.from({ length: DEMO_COUNT }, (_, i) =>
    demoEntry(i, { seed: DEMO_SEED, anchor, uidPrefix: 'DEMO' }),
  );
  await saveEntries(
    demo.map((d) => d.input),
    'demo-seed',
  );
  await seedDemoFeedback(demo);
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

import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { cstDate } from '@/lib/cst';
import { getDb } from '@/db/client';
import { demoEntry, mulberry32, startOfUtcDay, type DemoEntry } from '@/db/demo-data';
import { revokeEntry, saveEntries, shieldEntry } from '@/domain/entries/entries';
import { articleEvents, articles, departments, entries, measureDepartments, measureFeedback } from '@/db/schema';
import { isPublic } from '@/db/visibility';
import { DEMO_REVIEWER } from '@/lib/articles/terms';
import { HOME_COURT } from '@/lib/auth/staff-identity';

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
  if (existing) {
    await seedDemoArticles(); // a database whose demo entries came before the articles
    return { seeded: false, count: 0 };
  }

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
  await seedDemoArticles();
  return { seeded: true, count: DEMO_COUNT };
}

/**
 * A few published articles (四(四), 四(五)), marked 演示, loaded once (also into a database whose demo entries came
 * first); the 典型案例 names a public demo entry when there is one.
 */
async function seedDemoArticles() {
  const db = getDb();
  const [existing] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(eq(articles.author, 'demo-seed'))
    .limit(1);
  if (existing) return;
  const [entry] = await db
    .select({ uid: entries.uid })
    .from(entries)
    .where(and(eq(entries.demo, true), isPublic()))
    .orderBy(asc(entries.uid))
    .limit(1);
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
  const rows: Omit<typeof articles.$inferInsert, 'author'>[] = [
    {
      kind: 'news',
      title: '（演示）本季度联合惩戒动态',
      body: '本季度各成员单位通过市公共信用信息服务平台报送联合惩戒措施实施情况。\n\n- 限制高消费\n- 限制参加政府采购',
      publishedAt: daysAgo(3),
    },
    {
      kind: 'news',
      title: '（演示）市法院关于失信被执行人名单信息的通报',
      body: '市法院依法将不履行生效法律文书确定义务的被执行人纳入失信被执行人名单，并实时推送至本平台。',
      court: HOME_COURT,
      publishedAt: daysAgo(10),
    },
    {
      kind: 'announcement',
      title: '（演示）关于开通失信被执行人名单公示平台的公告',
      body: '本平台公示失信被执行人名单信息，提供名单查询、企业核查、异议与纠错、信用修复申请等服务。',
      publishedAt: daysAgo(20),
    },
    {
      kind: 'case',
      title: '（演示）联合惩戒促使被执行人主动履行',
      body: '被执行人因被限制高消费，主动联系法院履行全部义务，其失信信息依法撤销。',
      entryUid: entry?.uid ?? null,
      publishedAt: daysAgo(30),
    },
  ];
  await db.transaction(async (tx) => {
    for (const row of rows) {
      const [a] = await tx
        .insert(articles)
        .values({ ...row, status: 'published', author: 'demo-seed', reviewer: DEMO_REVIEWER })
        .returning({ id: articles.id });
      await tx.insert(articleEvents).values([
        { articleId: a!.id, kind: 'created', actor: 'demo-seed', at: row.publishedAt! },
        { articleId: a!.id, kind: 'published', actor: DEMO_REVIEWER, at: row.publishedAt! },
      ]);
    }
  });
}

import 'server-only';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { SEED_ACTOR, SEED_ISSUER } from '@/lib/articles/terms';
import type { SubjectType } from '@/lib/entry-input';
import type { Database, Transaction } from './client';
import { courtDirectory, resolveCourt } from '@/lib/courts';
import {
  articleEvents,
  articles,
  courts,
  departments,
  entries,
  measureDepartments,
  measures,
  staffUsers,
} from './schema';
import courtRows from './seed-data/courts.json';
import measureRows from './seed-data/measures.json';
import memberUnitRows from './seed-data/member-units.json';
import otherBodyRows from './seed-data/other-bodies.json';

/**
 * Loads the seed's Attachment 2 (41 measures and who implements each) and Attachment 3
 * (member units) from the transcribed data files. Idempotent: rows are upserted, so a
 * corrected transcription takes effect on the next start.
 */
export async function loadReferenceData(db: Database) {
  await db.transaction(async (tx) => {
    const bodies = [
      ...memberUnitRows.map((u) => ({ ...u, isMemberUnit: true, note: null })),
      ...otherBodyRows.map((b) => ({ ...b, sortOrder: 1000 + b.sortOrder, isMemberUnit: false })),
    ];
    await tx
      .insert(departments)
      .values(bodies)
      .onConflictDoUpdate({
        target: departments.code,
        set: {
          name: sql`excluded.name`,
          shortName: sql`excluded.short_name`,
          isMemberUnit: sql`excluded.is_member_unit`,
          sortOrder: sql`excluded.sort_order`,
          note: sql`excluded.note`,
        },
      });
    await tx
      .insert(measures)
      .values(
        measureRows.map(({ no, numeral, text, implementersText, subjects }) => ({
          no,
          numeral,
          text,
          implementersText,
          subjects: subjects as SubjectType[],
        })),
      )
      .onConflictDoUpdate({
        target: measures.no,
        set: {
          numeral: sql`excluded.numeral`,
          text: sql`excluded.text`,
          implementersText: sql`excluded.implementers_text`,
          subjects: sql`excluded.subjects`,
        },
      });
    await tx.delete(measureDepartments);
    await tx
      .insert(measureDepartments)
      .values(measureRows.flatMap((m) => m.departments.map((departmentCode) => ({ measureNo: m.no, departmentCode }))));
    await loadCourts(tx);
    await loadSeedPolicy(tx);
  });
}

/** Who changes an entry whose court was stored under an alias (entry_events.actor). */
export const COURT_DIRECTORY_ACTOR = 'system:court-directory';

/**
 * The court directory (db/seed-data/courts.json): upserted like the measures, then every entry and clerk still naming
 * a court by an alias is brought to the canonical name — each entry with an `updated` event and a search outbox row,
 * as any other change of an entry. A court dropped from the file stays (entries and clerks may name it).
 */
async function loadCourts(tx: Transaction) {
  await tx
    .insert(courts)
    .values(courtRows)
    .onConflictDoUpdate({
      target: courts.name,
      set: {
        code: sql`excluded.code`,
        aliases: sql`excluded.aliases`,
        superior: sql`excluded.superior`,
        phone: sql`excluded.phone`,
        address: sql`excluded.address`,
        handlesRequests: sql`excluded.handles_requests`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
  const directory = courtDirectory(courtRows);
  const stored = await tx.selectDistinct({ court: entries.court }).from(entries);
  const clerks = await tx.selectDistinct({ court: staffUsers.court }).from(staffUsers);
  const renames = new Map<string, string>();
  for (const { court } of [...stored, ...clerks]) {
    const canonical = court === null ? null : resolveCourt(directory, court)?.name;
    if (court !== null && canonical && canonical !== court) renames.set(court, canonical);
  }
  for (const [from, to] of renames) {
    await tx.execute(sql`
      WITH changed AS (
        UPDATE ${entries} SET court = ${to}, updated_at = now() WHERE court = ${from} RETURNING uid
      ), events AS (
        INSERT INTO entry_events (entry_uid, kind, actor, reason, details)
        SELECT uid, 'updated', ${COURT_DIRECTORY_ACTOR}, ${`执行法院“${from}”统一为法院名录中的名称`},
               '{"changed":["court"]}'::jsonb
        FROM changed
      )
      INSERT INTO search_outbox (entry_uid) SELECT uid FROM changed`);
    await tx.update(staffUsers).set({ court: to }).where(eq(staffUsers.court, from));
  }
}

export const SEED_POLICY = {
  kind: 'policy' as const,
  title: '关于落实对失信被执行人联合惩戒机制的实施意见（试行）',
  summary: '中共昆山市委办公室、昆山市人民政府办公室印发（昆办发〔2017〕135号），2017年12月31日。',
  body: readFileSync(new URL('./seed-data/policy-135.md', import.meta.url), 'utf8'),
  publishedAt: new Date('2017-12-31T00:00:00+08:00'),
};

/**
 * The seed itself, the first 政策文件 (db/seed-data/policy-135.md): inserted published once, its text brought up
 * to date on each start (a corrected transcription takes effect), left alone if staff withdrew it.
 */
async function loadSeedPolicy(tx: Transaction) {
  const { publishedAt, ...text } = SEED_POLICY;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(2017135)`); // two starts at once insert it once
  const [found] = await tx
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.author, SEED_ACTOR), eq(articles.kind, 'policy')));
  if (found) {
    await tx.update(articles).set(text).where(eq(articles.id, found.id));
    return;
  }
  const [row] = await tx
    .insert(articles)
    .values({ ...text, status: 'published', author: SEED_ACTOR, reviewer: SEED_ISSUER, publishedAt })
    .returning({ id: articles.id });
  await tx.insert(articleEvents).values([
    { articleId: row!.id, kind: 'created', actor: SEED_ACTOR, at: publishedAt },
    { articleId: row!.id, kind: 'published', actor: SEED_ISSUER, at: publishedAt },
  ]);
}

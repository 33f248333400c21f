/**
 * Uploaded import files (/admin/import): stored with their preview by the check (预检),
 * claimed once by the import (导入), then kept without their content as the history.
 */
import 'server-only';
import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { importUploads, type ImportUpload } from '@/db/schema';

export type NewUpload = {
  id: string;
  tokenHash: string;
  staffUserId: string;
  actor: string;
  fileName: string;
  content: Buffer;
  sha256: string;
  preview: Record<string, unknown>;
  expiresAt: Date;
};

/** Stores a checked upload; drops the content of uploads that expired unimported (their rows stay). */
export async function storeUpload(u: NewUpload): Promise<void> {
  const db = getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(importUploads)
      .set({ content: null })
      .where(
        and(
          eq(importUploads.status, 'checked'),
          lt(importUploads.expiresAt, sql`now()`),
          isNotNull(importUploads.content),
        ),
      );
    await tx.insert(importUploads).values({ ...u, size: u.content.length });
  });
}

/** What an upload's error report needs (not its content). */
export async function uploadReportById(id: string) {
  const [row] = await getDb()
    .select({ fileName: importUploads.fileName, preview: importUploads.preview, result: importUploads.result })
    .from(importUploads)
    .where(eq(importUploads.id, id));
  return row ?? null;
}

export async function uploadByTokenHash(tokenHash: string): Promise<ImportUpload | null> {
  const [row] = await getDb().select().from(importUploads).where(eq(importUploads.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Claims a checked upload for its import, atomically: only the uploader, only before it
 * expires, only once (a second claim, concurrent or later, gets null). Returns its content.
 */
export async function claimUpload(tokenHash: string, staffUserId: string): Promise<ImportUpload | null> {
  const [row] = await getDb()
    .update(importUploads)
    .set({ status: 'importing' })
    .where(
      and(
        eq(importUploads.tokenHash, tokenHash),
        eq(importUploads.staffUserId, staffUserId),
        eq(importUploads.status, 'checked'),
        sql`${importUploads.expiresAt} > now()`,
        isNotNull(importUploads.content),
      ),
    )
    .returning();
  return row ?? null;
}

/** The import finished: its result recorded, the content dropped. */
export async function finishUpload(id: string, result: Record<string, unknown>): Promise<ImportUpload> {
  const [row] = await getDb()
    .update(importUploads)
    .set({ status: 'imported', result, importedAt: sql`now()`, content: null })
    .where(and(eq(importUploads.id, id), eq(importUploads.status, 'importing')))
    .returning();
  if (!row) throw new Error(`import upload ${id} was not being imported`);
  return row;
}

/**
 * The import failed before it finished: the upload may be imported again (a re-import changes nothing already saved).
 */
export async function releaseUpload(id: string): Promise<void> {
  await getDb()
    .update(importUploads)
    .set({ status: 'checked' })
    .where(and(eq(importUploads.id, id), eq(importUploads.status, 'importing')));
}

export const HISTORY_PAGE_SIZE = 20;

/** Imports done, newest first, one page, and how many there are. */
export async function importHistory(page: number) {
  const db = getDb();
  const done = eq(importUploads.status, 'imported');
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: importUploads.id,
        actor: importUploads.actor,
        fileName: importUploads.fileName,
        sha256: importUploads.sha256,
        size: importUploads.size,
        checkedAt: importUploads.checkedAt,
        importedAt: importUploads.importedAt,
        // The counts only: the stored result also lists every rejected record.
        created: sql<number>`coalesce((${importUploads.result}->>'created')::int, 0)`,
        updated: sql<number>`coalesce((${importUploads.result}->>'updated')::int, 0)`,
        unchanged: sql<number>`coalesce((${importUploads.result}->>'unchanged')::int, 0)`,
        rejected: sql<number>`coalesce(jsonb_array_length(${importUploads.result}->'rejected'), 0)`,
      })
      .from(importUploads)
      .where(done)
      .orderBy(desc(importUploads.importedAt), desc(importUploads.id))
      .limit(HISTORY_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * HISTORY_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(importUploads)
      .where(done),
  ]);
  return { rows, total: count?.n ?? 0 };
}

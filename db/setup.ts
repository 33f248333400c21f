import 'server-only';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Creates the database if it is missing, with the encoding and ctype Chinese text search
 * needs (under LC_CTYPE C, Postgres treats CJK characters as non-letters).
 */
export async function ensureDatabase(serverUrl: string, database: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${database}`;
    if (!row) {
      await sql.unsafe(
        `CREATE DATABASE "${database.replaceAll('"', '')}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' ` +
          `LC_CTYPE 'C.UTF-8'`,
      );
    }
  } finally {
    await sql.end();
  }
}

/** Drops and recreates a scratch database (tests, benchmarks); returns its URL. */
export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '')}" WITH (FORCE)`);
  } finally {
    await sql.end();
  }
  await ensureDatabase(serverUrl, database);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Applies the committed drizzle-kit migrations. */
export async function migrateDatabase(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end();
  }
}

import 'server-only';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

function connect() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it when it starts the embedded Postgres)');
  const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  return drizzle(client, { schema });
}

type Db = ReturnType<typeof connect>;
const globalForDb = globalThis as unknown as { ckDb?: Db };

/** One pool per process (kept on globalThis so dev-mode reloads do not open new pools). */
export function getDb(): Db {
  globalForDb.ckDb ??= connect();
  return globalForDb.ckDb;
}

export type Database = Db;
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Closes the pool (CLIs and tests call this so the process can exit). */
export async function closeDb() {
  if (!globalForDb.ckDb) return;
  await globalForDb.ckDb.$client.end({ timeout: 5 });
  globalForDb.ckDb = undefined;
}

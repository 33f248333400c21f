/**
 * Vitest global setup for integration tests: a fresh database on a real Postgres.
 * Uses TEST_DATABASE_URL's server when set (npm test sets it), otherwise starts the
 * embedded Postgres. The database is dropped and recreated on every run.
 */
import type { TestProject } from 'vitest/node';
import { closeDb, getDb } from './client';
import { testPostgresServer } from './embedded-postgres';
import { loadReferenceData } from './reference-data';
import { migrateDatabase, recreateDatabase } from './setup';

export default async function setup(project: TestProject) {
  const { serverUrl, stop } = await testPostgresServer();
  const url = await recreateDatabase(serverUrl, process.env.VITEST_DATABASE ?? 'chengxin_vitest');
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  await loadReferenceData(getDb());
  await closeDb();
  project.provide('databaseUrl', url);
  return stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

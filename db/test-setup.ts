import { afterAll, inject } from 'vitest';
import { closeDb } from './client';

// Each integration test file talks to the database the global setup created.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.BETTER_AUTH_SECRET ??= 'integration-tests-only-secret-0123456789abcdef';
afterAll(closeDb);

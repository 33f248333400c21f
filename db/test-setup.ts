import { afterAll, inject } from 'vitest';
import { closeDb } from './client';

// Each integration test file talks to the database the global setup created.
process.env.DATABASE_URL = inject('databaseUrl');
afterAll(closeDb);

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Outside Next, the `server-only` marker is a no-op (tsconfig.node.json maps it the same way for tsx).
const alias = {
  '@': fileURLToPath(new URL('.', import.meta.url)),
  'server-only': fileURLToPath(new URL('./lib/testing/server-only-noop.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{lib,db,domain,adapters,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
          setupFiles: ['./lib/testing/seed-setup.ts'],
        },
      },
      {
        // Integration tests share one real Postgres started by the global setup.
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{lib,db,domain,adapters,scripts}/**/*.int.test.ts'],
          globalSetup: ['./db/test-global-setup.ts'],
          setupFiles: ['./lib/testing/seed-setup.ts', './db/test-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig, devices } from '@playwright/test';
import { WEBHOOK_CA_FILE } from './e2e/webhook-ca';

/**
 * Browser tests against the production build (`npm start` → next build && next start)
 * in Debian's Chromium. `npm test` provides DATABASE_URL (a scratch database) and E2E_PORT.
 */
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './e2e',
  // Test files import server modules: `server-only` is a no-op outside Next (tsconfig.node.json).
  tsconfig: './tsconfig.node.json',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices['Desktop Chrome'],
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npm start',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    // The suite acts as the one trusted proxy, so each test context can be its own client
    // (X-Forwarded-For), and budgets are wide enough for the whole suite from one address;
    // e2e/attacks.spec.ts starts a second server with the production defaults.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      TRUST_PROXY_HOPS: '1',
      READ_BUDGET_PER_MINUTE: '1000000',
      READ_BUDGET_PER_HOUR: '1000000',
      // e2e/webhooks.spec.ts writes its loopback receiver's certificate here before registering the endpoint.
      WEBHOOK_CA_FILE,
    },
  },
});

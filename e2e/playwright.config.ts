import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';

/**
 * Browser tests against the real product: the built API serving the built console on one
 * port, on a fresh embedded database with the demo data. Build first: `npm run e2e` does.
 */
const port = Number(process.env['E2E_PORT'] ?? 4310);
const root = join(__dirname, '..');
// One data folder per port, so that two runs side by side do not share a database.
const dataDir = join(root, 'tmp', `e2e-data-${port}`);
import { DEMO_PASSWORD } from './src/demo';

export default defineConfig({
  testDir: './src',
  outputDir: join(root, 'tmp', `e2e-results-${port}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `rm -rf "${dataDir}" && node dist/apps/api/main.js`,
      cwd: root,
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        PORT: String(port),
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_DEMO: '1',
        LATCHKEY_DEMO_PASSWORD: DEMO_PASSWORD,
        // The suite signs in dozens of times a minute from one address.
        LATCHKEY_SIGN_IN_RATE_LIMIT: '1000',
        LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '1000',
      },
    },
    {
      // The sample application (apps/sample-app) the demo registers for Acme, on its fixed port.
      command: 'node dist/apps/sample-app/main.js',
      cwd: root,
      url: 'http://127.0.0.1:3001/',
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: { SAMPLE_APP_PORT: '3001', LATCHKEY_ISSUER: `http://localhost:${port}/oidc` },
    },
    {
      // The account's own OpenID provider of 12-upstream.spec.ts (a real oidc-provider).
      command: 'node tools/demo-provider.mjs',
      cwd: root,
      url: 'http://127.0.0.1:4320/.well-known/openid-configuration',
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        DEMO_PROVIDER_PORT: '4320',
        LATCHKEY_CALLBACK: `http://localhost:${port}/api/v1/auth/upstream/callback`,
      },
    },
  ],
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});

import { defineConfig } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

/**
 * Two API processes on two ports sharing one PostgreSQL database, as a load balancer sees them.
 * Both start at once on a database made for this run (so they race to migrate and seed), from
 * the production build: `npx nx build api` first. PostgreSQL at PG_URL (the local server by default).
 */
const pgUrl = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The runner and its workers load this file each; the name is fixed once, in the runner's env.
process.env['SCALE_OUT_DB'] ??= `latchkey_scale_${Date.now()}_${process.pid}`;
const database = new URL(pgUrl);
database.pathname = `/${process.env['SCALE_OUT_DB']}`;
export const SCALE_OUT_DATABASE_URL = database.toString();
// Every process of the run signs with the same key: made once, in the runner's env.
process.env['SCALE_OUT_OIDC_KEYS'] ??= JSON.stringify({
  keys: [
    {
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid: 'scale-out-1',
      alg: 'RS256',
      use: 'sig',
    },
  ],
});
export const PORTS = [
  Number(process.env['SCALE_OUT_PORT'] ?? 4351),
  Number(process.env['SCALE_OUT_PORT'] ?? 4351) + 1,
];
export const root = join(__dirname, '..');

/** What every process of the run is started with; the tests start a third one themselves. */
export const serverEnv = (port: number): Record<string, string> => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  PG_URL: pgUrl,
  DATABASE_URL: SCALE_OUT_DATABASE_URL,
  SESSION_SECRET: 'scale-out-session-secret-shared-by-every-process',
  LATCHKEY_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  LATCHKEY_OIDC_KEYS: process.env['SCALE_OUT_OIDC_KEYS'] ?? '',
  // One installation behind a load balancer: one issuer, whichever process answers.
  LATCHKEY_PUBLIC_URL: `http://127.0.0.1:${PORTS[0]}`,
  LATCHKEY_DEMO: '1',
  LATCHKEY_DEMO_PASSWORD: 'scale-out-demo-password',
  LATCHKEY_SIGN_IN_RATE_LIMIT: '1000',
  LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '1000',
  LATCHKEY_CONSOLE_DIR: join(root, 'tmp', 'no-console'),
  LATCHKEY_DATA_DIR: join(root, 'tmp', `scale-out-${port}`),
});

const server = (port: number) => ({
  command: `node e2e/scale-out/create-database.mjs && node dist/apps/api/main.js`,
  cwd: root,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'pipe' as const,
  env: serverEnv(port),
});

export default defineConfig({
  testDir: './scale-out',
  outputDir: join(root, 'tmp', 'scale-out-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  globalTeardown: './scale-out/drop-database.mjs',
  webServer: PORTS.map(server),
});

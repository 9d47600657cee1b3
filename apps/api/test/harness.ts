import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { loadConfig, type AppConfig } from '../src/config/app-config';

/** The PostgreSQL server to test on, when the run asks for one (DATABASE_URL). */
export const BASE_DATABASE_URL = process.env['DATABASE_URL'] || null;
export const ON_POSTGRES = BASE_DATABASE_URL !== null;

export interface TestDatabase {
  /** DATABASE_URL for this test's own database; null for SQLite. */
  url: string | null;
  dataDir: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file: a new SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-test-'));
  if (!BASE_DATABASE_URL) {
    return { url: null, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `latchkey_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const client = new Client({ connectionString: BASE_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let testSigningKeys: string | null = null;
/** One RSA signing key per test process (making one costs a moment), as LATCHKEY_OIDC_KEYS wants it. */
export function testOidcKeys(): string {
  if (testSigningKeys === null) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    testSigningKeys = JSON.stringify({ keys: [key] });
  }
  return testSigningKeys;
}

export function testConfig(db: TestDatabase, env: Record<string, string> = {}): AppConfig {
  return loadConfig(
    {
      DATABASE_URL: db.url ?? '',
      LATCHKEY_DATA_DIR: db.dataDir,
      SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
      LATCHKEY_SECRET_KEY: Buffer.alloc(32, 42).toString('base64'),
      LATCHKEY_OIDC_KEYS: testOidcKeys(),
      LATCHKEY_DEMO: '0',
      // Super users must enrol an authenticator; the grace lets tests sign them in by postponing.
      LATCHKEY_SUPER_USER_GRACE_DAYS: '3',
      // The suites sign in hundreds of times from one address; the limit has its own test.
      LATCHKEY_SIGN_IN_RATE_LIMIT: '0',
      LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '0',
      LATCHKEY_CONSOLE_DIR: join(db.dataDir, 'no-console'),
      ...env,
    },
    db.dataDir,
  );
}

export interface TestApp {
  /** Replaced by a test that restarts the app on the same database. */
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The whole API on its own fresh database, as `npm start` builds it, without listening. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(db, env);
  const app = await createApp(config, process.env['TEST_LOG'] ? ['error'] : false);
  const testApp: TestApp = {
    app,
    config,
    db,
    dataSource: app.get(DataSource),
    close: async () => {
      await testApp.app.close();
      await db.drop();
    },
  };
  return testApp;
}

/** Every route express has registered, as `METHOD /path`, read from the running app. */
export function registeredRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const instance = app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes: Array<{ method: string; path: string }> = [];
  for (const layer of instance.router.stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

/** Listens on a random port of 127.0.0.1: parallel requests need a real server. */
export async function listening(t: TestApp): Promise<Server> {
  await t.app.listen(0, '127.0.0.1');
  const server = t.app.getHttpServer() as Server;
  expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
  return server;
}

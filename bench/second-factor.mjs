// The second-factor step alone (TOTP check, replay write, session update) against the built API
// on PostgreSQL: N logins with an enrolled authenticator are brought to the 'totp' step first
// (their password step is not timed), then their codes are sent with C requests in flight.
// Usage: npm run bench:second-factor   (LOGINS=1000, CONCURRENCY=16, PG_URL=postgres://...)
import { spawn } from 'node:child_process';
import { createCipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Client: PgClient } = require('pg');
const argon2 = require('argon2');

const LOGINS = Number(process.env.LOGINS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const port = 4392;
const base = `http://127.0.0.1:${port}`;
const KEY = randomBytes(32);
const dbName = `latchkey_bench_2f_${Date.now()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-2f-'));
const PASSWORD = 'bench-user-password';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function base32(bytes) {
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return bits > 0 ? out + B32[(value << (5 - bits)) & 31] : out;
}
function totp(secretBytes, t = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = createHmac('sha1', secretBytes).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}
/** The API's sealed-secret format: v1.iv.tag.body, AES-256-GCM, bound to tenant/device. */
function seal(plaintext, boundTo) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', KEY, iv);
  c.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

class Session {
  cookies = new Map();
  async call(method, path, body) {
    const headers = {};
    if (body) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') headers['x-xsrf-token'] = decodeURIComponent(xsrf);
    const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

// Another server on the port would answer for ours: refuse to measure it.
try {
  await fetch(`${base}/api/health`);
  throw new Error(`port ${port} is taken: stop what listens there first`);
} catch (e) {
  if (String(e.message).startsWith('port')) throw e;
}
const admin = new PgClient({ connectionString: PG_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(PG_URL);
url.pathname = `/${dbName}`;
const server = spawn(process.execPath, [...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.PROFILE] : []), 'dist/apps/api/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: url.toString(),
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_DEMO: '0',
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
    LATCHKEY_SECRET_KEY: KEY.toString('base64'),
    LATCHKEY_SIGN_IN_RATE_LIMIT: '0',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const db = new PgClient({ connectionString: url.toString() });
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* starting */ }
    if (i > 150) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  await db.connect();
  // One tenant whose only user type requires the authenticator; logins already enrolled.
  const tenantId = randomUUID();
  const typeId = randomUUID();
  await db.query(`INSERT INTO tenant (id, name, kind, two_factor_enabled, created_at) VALUES ($1, 'Bench', 'customer', true, now())`, [tenantId]);
  await db.query(`INSERT INTO user_type (tenant_id, id, name, method, created_at) VALUES ($1, $2, 'Staff', 'authenticator', now())`, [tenantId, typeId]);
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
  const users = [];
  for (let i = 0; i < LOGINS; i++) {
    const identityId = randomUUID(), loginId = randomUUID(), deviceId = randomUUID();
    const secret = randomBytes(20);
    users.push({ email: `u${i}@bench.test`, secret });
    await db.query(`INSERT INTO identity (id, email, password_hash, created_at) VALUES ($1, $2, $3, now())`, [identityId, `u${i}@bench.test`, hash]);
    await db.query(
      `INSERT INTO login (tenant_id, id, identity_id, user_type_id, display_name, role, created_at, totp_enrolled_at)
       VALUES ($1, $2, $3, $4, $5, 'user', now(), now())`,
      [tenantId, loginId, identityId, typeId, `User ${i}`],
    );
    await db.query(
      `INSERT INTO totp_device (tenant_id, id, login_id, name, secret_enc, confirmed_at, created_at) VALUES ($1, $2, $3, 'Phone', $4, now(), now())`,
      [tenantId, deviceId, loginId, seal(base32(secret), `${tenantId}/${deviceId}`)],
    );
  }
  await db.query('VACUUM ANALYZE');

  // Password steps, untimed: every login ends at 'totp'.
  const started = Date.now();
  await pool(users, 4, async (u) => {
    u.session = new Session();
    await u.session.call('GET', '/api/v1/auth/state');
    const r = await u.session.call('POST', '/api/v1/auth/login', { email: u.email, password: PASSWORD });
    if (r.body?.state !== 'totp') throw new Error(`expected totp, got ${JSON.stringify(r.body)}`);
  });
  const prepSeconds = (Date.now() - started) / 1000;

  const latencies = [];
  let failures = 0;
  const t0 = process.hrtime.bigint();
  await pool(users, CONCURRENCY, async (u) => {
    const s = process.hrtime.bigint();
    const r = await u.session.call('POST', '/api/v1/auth/totp', { code: totp(u.secret) });
    latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
    if (r.body?.state !== 'signed-in') failures++;
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  console.log(`PostgreSQL, ${LOGINS} logins at the 'totp' step (password steps took ${prepSeconds.toFixed(1)} s, untimed)`);
  console.log(`second-factor step: ${(LOGINS / seconds).toFixed(0)} per second with ${CONCURRENCY} in flight; ` +
    `p50 ${pct(latencies, 50).toFixed(1)} ms  p99 ${pct(latencies, 99).toFixed(1)} ms; failures ${failures}`);
} finally {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  server.kill('SIGKILL');
  await db.end().catch(() => undefined);
  const a = new PgClient({ connectionString: PG_URL });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await a.end();
  rmSync(dataDir, { recursive: true, force: true });
}

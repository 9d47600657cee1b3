// Shared pieces of the benchmarks: a throw-away PostgreSQL database, the built API started on
// 127.0.0.1 (one process, or N behind node:cluster), a memory probe inside it, seeded logins with
// an enrolled authenticator, TOTP codes, and a small cookie-keeping HTTP client.
import { spawn } from 'node:child_process';
import { createCipheriv, createHmac, randomBytes, randomUUID, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Client: PgClient } = require('pg');
const here = dirname(fileURLToPath(import.meta.url));

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const API_MAIN = 'dist/apps/api/main.js';

export const pct = (xs, p) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One line naming the machine and its load, printed first by every benchmark. */
export function machineLine() {
  const [one, five] = loadavg();
  return `machine: ${cpus().length} cores (${cpus()[0]?.model?.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.versions.node}; load average ${one.toFixed(2)} / ${five.toFixed(2)} (1 / 5 min)`;
}

// ---------- TOTP and sealed secrets, as the API reads them ----------
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function base32(bytes) {
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return bits > 0 ? out + B32[(value << (5 - bits)) & 31] : out;
}
export function totp(secretBytes, t = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = createHmac('sha1', secretBytes).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}
/** The API's sealed-secret format: v1.iv.tag.body, AES-256-GCM, bound to tenant/device. */
export function seal(key, plaintext, boundTo) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

// ---------- a throw-away PostgreSQL database ----------
export async function createDatabase(prefix) {
  const name = `${prefix}_${Date.now()}`;
  const admin = new PgClient({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new PgClient({ connectionString: PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
export async function connect(url) {
  const db = new PgClient({ connectionString: url });
  await db.connect();
  return db;
}

// ---------- the built API ----------
/**
 * Starts dist/apps/api/main.js on 127.0.0.1:port: one process, or `workers` processes sharing
 * the port through node:cluster (bench/lib/cluster.cjs; the first migrates, then the others
 * start). Every process carries bench/lib/memory-probe.cjs. `profileDir` adds --cpu-prof.
 */
export async function startApi({ port, databaseUrl, key, workers = 1, profileDir, env = {} }) {
  const base = `http://127.0.0.1:${port}`;
  try {
    await fetch(`${base}/api/health`);
    throw new Error(`port ${port} is taken: stop what listens there first`);
  } catch (e) {
    if (String(e.message).startsWith('port')) throw e;
  }
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npx nx build api\``);
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  const memoryDir = mkdtempSync(join(tmpdir(), 'latchkey-mem-'));
  const nodeArgs = ['--expose-gc', '-r', join(here, 'memory-probe.cjs'),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const args = workers > 1 ? [join(here, 'cluster.cjs')] : [...nodeArgs, API_MAIN];
  const server = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_DEMO: '0',
      SESSION_SECRET: 'bench-session-secret-bench-session-secret',
      LATCHKEY_SECRET_KEY: key.toString('base64'),
      LATCHKEY_OIDC_KEYS: benchOidcKeys(),
      LATCHKEY_SIGN_IN_RATE_LIMIT: '0',
      LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '0',
      BENCH_MEMORY_DIR: memoryDir,
      BENCH_WORKERS: String(workers),
      BENCH_NODE_ARGS: JSON.stringify(nodeArgs),
      BENCH_API_MAIN: API_MAIN,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => server.once('exit', r));
  const stop = async () => {
    server.kill('SIGTERM');
    await Promise.race([exited, sleep(profileDir ? 30_000 : 8000)]); // a profile takes a while to write
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(memoryDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok && probes(memoryDir).length >= workers) break;
      } catch { /* starting */ }
      if (i > 300 || server.exitCode !== null) throw new Error('the API did not start');
      await sleep(200);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    base,
    workers,
    stop,
    /**
     * Each API process's memory: `now`, and `peak` since the last `settle`. `settle` runs a full
     * GC in every process first and starts the peaks again.
     */
    async memory({ settle = false } = {}) {
      for (const p of probes(memoryDir)) process.kill(p.pid, settle ? 'SIGPWR' : 'SIGWINCH');
      await sleep(settle ? 500 : 150);
      return probes(memoryDir);
    },
    /** The API processes' ids, without asking them anything. */
    pids: () => probes(memoryDir).map((p) => p.pid),
  };
}
/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s
  } catch {
    return 0;
  }
}
/**
 * A meter of CPU and database work between `start()` and `stop()`: the API processes' CPU, the
 * CPU of this database's PostgreSQL backends, and its committed transactions.
 */
export function meter(api, db) {
  let before = null;
  const read = async () => {
    await db.query('SELECT pg_stat_clear_snapshot()');
    const { rows: [x] } = await db.query('SELECT xact_commit::int + xact_rollback::int AS n FROM pg_stat_database WHERE datname = current_database()');
    const { rows } = await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const apiPids = api.pids();
    return {
      xacts: x.n,
      api: apiPids.reduce((a, pid) => a + cpuMs(pid), 0),
      pg: new Map(rows.map((r) => [r.pid, cpuMs(r.pid)])),
    };
  };
  return {
    async start() {
      await sleep(1200); // let the backends publish what came before
      before = await read();
    },
    /** Per operation: API CPU ms, PostgreSQL backend CPU ms, transactions (n operations). */
    async stop(n) {
      await sleep(1200); // PostgreSQL publishes a backend's counters at most once a second
      const after = await read();
      let pg = 0;
      for (const [pid, ms] of after.pg) pg += ms - (before.pg.get(pid) ?? 0);
      return { apiMs: (after.api - before.api) / n, pgMs: pg / n, xacts: (after.xacts - before.xacts - 3) / n };
    },
  };
}
export function meterLine(m) {
  return `per step: API CPU ${m.apiMs.toFixed(2)} ms · PostgreSQL backend CPU ${m.pgMs.toFixed(2)} ms · ${m.xacts.toFixed(2)} transactions`;
}

function probes(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    try { return [JSON.parse(readFileSync(join(dir, f), 'utf8'))]; } catch { return []; }
  });
}
export function memoryLine(samples, which = 'now') {
  const sum = (k) => samples.reduce((a, s) => a + s[which][k], 0);
  const each = samples.length > 1 ? ` (${samples.length} processes, summed)` : '';
  return `RSS ${mib(sum('rss'))} · heap used ${mib(sum('heapUsed'))} of ${mib(sum('heapTotal'))} · external ${mib(sum('external'))}${each}`;
}

// ---------- seeded logins ----------
/**
 * One tenant whose only user type requires the authenticator, and `count` logins already
 * enrolled (one device each), all with the given password hash. Answers [{ email, secret }].
 */
export async function seedAuthenticatorLogins(db, { count, key, passwordHash, prefix = 'u' }) {
  const tenantId = randomUUID();
  const typeId = randomUUID();
  await db.query(`INSERT INTO tenant (id, name, kind, two_factor_enabled, created_at) VALUES ($1, 'Bench', 'customer', true, now())`, [tenantId]);
  await db.query(`INSERT INTO user_type (tenant_id, id, name, method, created_at) VALUES ($1, $2, 'Staff', 'authenticator', now())`, [tenantId, typeId]);
  const users = [];
  for (let start = 0; start < count; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const u = { email: `${prefix}${i}@bench.test`, secret: randomBytes(20), identityId: randomUUID(), loginId: randomUUID(), deviceId: randomUUID() };
      u.sealed = seal(key, base32(u.secret), `${tenantId}/${u.deviceId}`);
      batch.push(u);
      users.push(u);
    }
    await db.query(
      `INSERT INTO identity (id, email, password_hash, created_at) SELECT unnest($1::text[]), unnest($2::text[]), $3, now()`,
      [batch.map((u) => u.identityId), batch.map((u) => u.email), passwordHash],
    );
    await db.query(
      `INSERT INTO login (tenant_id, id, identity_id, user_type_id, display_name, role, created_at, totp_enrolled_at)
       SELECT $1, unnest($2::text[]), unnest($3::text[]), $4, unnest($5::text[]), 'user', now(), now()`,
      [tenantId, batch.map((u) => u.loginId), batch.map((u) => u.identityId), typeId, batch.map((u) => `User ${u.email}`)],
    );
    await db.query(
      `INSERT INTO totp_device (tenant_id, id, login_id, name, secret_enc, confirmed_at, created_at)
       SELECT $1, unnest($2::text[]), unnest($3::text[]), 'Phone', unnest($4::text[]), now(), now()`,
      [tenantId, batch.map((u) => u.deviceId), batch.map((u) => u.loginId), batch.map((u) => u.sealed)],
    );
  }
  await db.query('VACUUM ANALYZE');
  return users;
}

// ---------- HTTP with cookies and the XSRF header ----------
export class Session {
  cookies = new Map();
  constructor(base) { this.base = base; }
  async call(method, path, body) {
    const headers = {};
    if (body) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') headers['x-xsrf-token'] = decodeURIComponent(xsrf);
    const res = await fetch(this.base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    this.take(res.headers.getSetCookie());
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  take(setCookies) {
    for (const line of [setCookies ?? []].flat()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Runs fn over items with n in flight. */
export async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** Runs autocannon to completion; answers its result. */
export function autocannon(opts) {
  const run = require('autocannon');
  return new Promise((resolve, reject) => {
    run(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** The OpenID provider's signing key, which a start with DATABASE_URL requires. */
function benchOidcKeys() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify({ keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'bench-1', alg: 'RS256', use: 'sig' }] });
}

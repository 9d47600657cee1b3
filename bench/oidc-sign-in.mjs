// Applications signing in through Latchkey (issue 11): full authorization-code sign-ins per
// second, against bare argon2id verifications per second on the same cores, with the API's own
// parameters; measured in one run. PostgreSQL, one API process (its libuv pool of 4 threads runs
// the hashes on both cores). In this order:
//   1. bare argon2id: a child process verifies the seeded hash, CONCURRENCY at a time, DURATION
//      long, with the API's thread-pool size (bench/lib/argon2-rate.mjs, as bench:sign-in-throughput);
//   2. full sign-ins, CONCURRENCY in flight for DURATION, each a fresh browser (its own cookies)
//      and one seeded login with an enrolled authenticator, seven requests:
//        GET  /oidc/auth?client_id&redirect_uri&response_type=code&scope=openid&code_challenge(S256)&state
//             → 303 /api/v1/auth/interaction/<uid>
//        GET  /api/v1/auth/interaction/<uid> → 303 /sign-in
//        GET  /api/v1/auth/state (what the sign-in page asks first; hands out the XSRF cookie)
//        POST /api/v1/auth/login {email, password} → {state: 'totp'}
//        POST /api/v1/auth/totp {code} → {state: 'signed-in', redirectTo}
//        GET  redirectTo (the provider resumes) → 303 to the application's callback with ?code=
//        POST /oidc/token (client_secret_basic, authorization_code, PKCE verifier) → 200, id_token
//   3. one more sign-in, alone, each step followed by 11 s of quiet: its transactions, step by step.
// The application (a confidential client) is registered once by the tenant's owner, through the API.
// Transactions are pg_stat_database's xact_commit + xact_rollback of the throw-away database, read
// from another database after PostgreSQL has published them (see dbMeter), connection starts left out.
// Usage: npm run bench:oidc-sign-in   (DURATION=20 (seconds), CONCURRENCY=8, PG_URL=...,
//        PROFILE=dir writes the API's .cpuprofile; node bench/lib/profile-summary.mjs dir)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  connect, cpuMs, createDatabase, machineLine, memoryLine, pct, PG_URL, seedAuthenticatorLogins, Session, sleep, startApi, totp,
} from './lib/harness.mjs';
import { ARGON2 } from './lib/argon2-params.mjs';

const require = createRequire(import.meta.url);
const argon2 = require('argon2');

const SECONDS = Number(process.env.DURATION ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const THREADS = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const PORT = 4394;
const PASSWORD = 'bench-user-password';
const KEY = randomBytes(32);
const CALLBACK = 'https://bench.example.com/cb';
const FLUSH_MS = 11_000;
const STEPS = ['authorize', 'interaction', 'state', 'password', 'totp', 'resume', 'token'];

/** A browser: keeps cookies (by name; a deleted cookie is dropped) and follows no redirect itself. */
class Browser {
  cookies = new Map();
  constructor(base) { this.base = base; }
  async send(method, path, { json, form, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') h['x-xsrf-token'] = decodeURIComponent(xsrf);
    let body;
    if (json !== undefined) { h['content-type'] = 'application/json'; body = JSON.stringify(json); }
    if (form !== undefined) { h['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(form).toString(); }
    const res = await fetch(new URL(path, this.base), { method, headers: h, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = value === '' || attributes.some((a) => /^\s*(expires=Thu, 01 Jan 1970|max-age=0\b)/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), text };
  }
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const fail = (step, res) => { throw Object.assign(new Error(`${step}: ${res.status} ${res.text.slice(0, 200)}`), { step, status: res.status }); };

/**
 * One full sign-in of `user` at application `app`; answers the time of each step, in ms.
 * `between(step)`, when given, runs after each step, outside the times.
 */
async function signIn(base, app, user, between) {
  const b = new Browser(base);
  const times = {};
  let t = performance.now();
  const lap = async (step) => {
    times[step] = performance.now() - t;
    if (between) await between(step);
    t = performance.now();
  };

  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(16));
  const query = new URLSearchParams({
    client_id: app.id,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid',
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
  });
  let res = await b.send('GET', `/oidc/auth?${query}`);
  if (res.status !== 303 || !res.location?.includes('/api/v1/auth/interaction/')) fail('authorize', res);
  await lap('authorize');
  res = await b.send('GET', res.location);
  if (res.status !== 303 || !new URL(res.location, base).pathname.startsWith('/sign-in')) fail('interaction', res);
  await lap('interaction');
  res = await b.send('GET', '/api/v1/auth/state');
  if (res.status !== 200 || !b.cookies.has('XSRF-TOKEN')) fail('state', res);
  await lap('state');
  res = await b.send('POST', '/api/v1/auth/login', { json: { email: user.email, password: PASSWORD } });
  if (res.status !== 200 || JSON.parse(res.text).state !== 'totp') fail('password', res);
  await lap('password');
  res = await b.send('POST', '/api/v1/auth/totp', { json: { code: totp(user.secret) } });
  const answer = res.status === 200 ? JSON.parse(res.text) : {};
  if (answer.state !== 'signed-in' || typeof answer.redirectTo !== 'string') fail('totp', res);
  await lap('totp');
  res = await b.send('GET', answer.redirectTo);
  const back = res.location ? new URL(res.location, base) : null;
  if (res.status !== 303 || `${back?.origin}${back?.pathname}` !== CALLBACK || back.searchParams.get('state') !== state ||
    !back.searchParams.get('code')) fail('resume', res);
  await lap('resume');
  res = await b.send('POST', '/oidc/token', {
    headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(app.secret)}`).toString('base64')}` },
    form: { grant_type: 'authorization_code', code: back.searchParams.get('code'), redirect_uri: CALLBACK, code_verifier: verifier },
  });
  const tokens = res.status === 200 ? JSON.parse(res.text) : {};
  // The ID token names the login (its signature is the application's to check; not timed here).
  const claims = tokens.id_token ? JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url')) : {};
  if (claims.sub !== user.loginId) fail('token', res);
  await lap('token');
  return times;
}

/**
 * CPU and transactions of the API and of its database between `start()` and `stop(n)`, read from
 * another database's connection so that the reads are not counted. PostgreSQL 15 publishes a
 * backend's counters when it goes idle, but at most once a second: the rest waits up to 10 s
 * (PGSTAT_IDLE_INTERVAL), or until the backend exits; hence FLUSH_MS of quiet before each count.
 * A connection's start is one transaction of its own (the pool drops connections idle for 10 s):
 * counted in pg_stat_database.sessions, and left out.
 */
function dbMeter(admin, name, api) {
  const transactions = async () => {
    const { rows: [x] } = await admin.query(
      'SELECT xact_commit + xact_rollback - sessions AS n, sessions FROM pg_stat_database WHERE datname = $1', [name]);
    return { n: Number(x.n), sessions: Number(x.sessions) };
  };
  const cpu = async () => {
    const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
    return { api: api.pids().reduce((a, pid) => a + cpuMs(pid), 0), pg: new Map(rows.map((r) => [r.pid, cpuMs(r.pid)])) };
  };
  let before = null;
  return {
    async start() {
      await sleep(FLUSH_MS);
      before = { ...(await transactions()), ...(await cpu()) };
    },
    /** Per operation: API CPU ms, PostgreSQL backend CPU ms, transactions; and connection starts (n operations). */
    async stop(n) {
      const now = await cpu(); // before the pool drops idle connections
      await sleep(FLUSH_MS);
      const x = await transactions();
      let pg = 0;
      for (const [pid, ms] of now.pg) pg += ms - (before.pg.get(pid) ?? 0);
      return { apiMs: (now.api - before.api) / n, pgMs: pg / n, xacts: (x.n - before.n) / n, sessions: x.sessions - before.sessions };
    },
    /** Transactions so far, connection starts left out (after FLUSH_MS of quiet). */
    transactions: async () => (await transactions()).n,
  };
}

console.log(machineLine());
const database = await createDatabase('latchkey_bench_oidc');
let api = null;
let db = null;
let admin = null;
try {
  if (process.env.PROFILE) mkdirSync(process.env.PROFILE, { recursive: true });
  api = await startApi({
    port: PORT, databaseUrl: database.url, key: KEY, workers: 1, profileDir: process.env.PROFILE,
    env: { LATCHKEY_PUBLIC_URL: `http://127.0.0.1:${PORT}` },
  });
  db = await connect(database.url);
  admin = await connect(PG_URL); // the meter reads from here: its reads are not the database's
  const hash = await argon2.hash(PASSWORD, ARGON2);
  // A TOTP step is accepted once per device: each login signs in once. Enough for 150 a second,
  // and one more login, the tenant's owner, who registers the application.
  const seeded = await seedAuthenticatorLogins(db, { count: Math.ceil(SECONDS * 150) + 1, key: KEY, passwordHash: hash });
  const ownerLogin = seeded.pop();
  const users = seeded;
  const { rows: [{ tenant_id: tenantId }] } = await db.query(
    `UPDATE login SET role = 'owner' WHERE id = $1 RETURNING tenant_id`, [ownerLogin.loginId]);

  const owner = new Session(api.base);
  await owner.call('GET', '/api/v1/auth/state');
  const first = await owner.call('POST', '/api/v1/auth/login', { email: ownerLogin.email, password: PASSWORD });
  if (first.body?.state !== 'totp') throw new Error(`owner password step: ${first.status} ${JSON.stringify(first.body)}`);
  const signedIn = await owner.call('POST', '/api/v1/auth/totp', { code: totp(ownerLogin.secret) });
  if (signedIn.body?.state !== 'signed-in') throw new Error(`owner TOTP step: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  const made = await owner.call('POST', `/api/v1/tenants/${tenantId}/applications`, {
    name: 'Bench', kind: 'confidential', redirectUris: [CALLBACK],
  });
  if (made.status !== 201) throw new Error(`register the application: ${made.status} ${JSON.stringify(made.body)}`);
  const app = { id: made.body.application.id, secret: made.body.clientSecret };

  // One sign-in through every step before anything is measured (it also warms the API's code paths).
  await signIn(api.base, app, users.pop());
  await sleep(1000);
  const rest = await api.memory({ settle: true });

  // 1. Bare argon2id verifications, same parameters, same thread-pool size, same cores.
  const bare = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/lib/argon2-rate.mjs'], {
      env: { ...process.env, UV_THREADPOOL_SIZE: String(THREADS), HASH: hash, PASSWORD, DURATION: String(SECONDS), CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`argon2-rate exited ${code}`))));
  });

  // 2. Full sign-ins, CONCURRENCY in flight until DURATION is over (those under way then finish).
  const work = dbMeter(admin, new URL(database.url).pathname.slice(1), api);
  await work.start();
  const intoStep = (Date.now() / 1000) % 30; // a code is computed just before it is sent
  if (intoStep > 25) await sleep((30 - intoStep + 0.5) * 1000);
  await api.memory({ settle: true });
  const phaseStart = process.hrtime.bigint() / 1000n;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let next = 0;
  const totals = [];
  const steps = Object.fromEntries(STEPS.map((s) => [s, []]));
  const errors = new Map();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const user = users[next++ % users.length];
      const t0 = performance.now();
      try {
        const times = await signIn(api.base, app, user);
        totals.push(performance.now() - t0);
        for (const s of STEPS) steps[s].push(times[s]);
      } catch (e) {
        const what = e.step ? `${e.step} ${e.status}` : String(e.message).slice(0, 80);
        if (!errors.has(what)) console.error(`first error at ${what}: ${e.message}`);
        errors.set(what, (errors.get(what) ?? 0) + 1);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  if (process.env.PROFILE) // the measured phase, for bench/lib/profile-summary.mjs
    writeFileSync(`${process.env.PROFILE}/phase.json`, JSON.stringify({ start: Number(phaseStart), end: Number(process.hrtime.bigint() / 1000n) }));
  const load = await api.memory();
  const cost = await work.stop(Math.max(1, totals.length));
  const after = await api.memory({ settle: true });

  // 3. Where the transactions are: one more sign-in, alone, each step followed by FLUSH_MS of quiet.
  const byStep = {};
  let mark = await work.transactions();
  await signIn(api.base, app, users[next++ % users.length], async (step) => {
    await sleep(FLUSH_MS);
    const now = await work.transactions();
    byStep[step] = now - mark;
    mark = now;
  });

  const full = totals.length / elapsed;
  const errorCount = [...errors.values()].reduce((a, n) => a + n, 0);
  const errorList = [...errors].map(([k, v]) => `${k}: ${v}`).join(', ');
  const ms = (x) => x.toFixed(1);
  console.log(`PostgreSQL, 1 API process (libuv pool ${THREADS} threads), ${CONCURRENCY} in flight, ${SECONDS} s each; argon2id ${ARGON2.memoryCost / 1024} MiB, t=${ARGON2.timeCost}, p=${ARGON2.parallelism}`);
  console.log(`  bare argon2id verifications: ${bare.perSecond.toFixed(1)} per second (${bare.count} in ${bare.seconds.toFixed(1)} s, one process, no HTTP)`);
  console.log(`  full OpenID sign-ins (authorize → password → TOTP → token, 7 requests, fresh cookies each): ${full.toFixed(1)} per second ` +
    `(${totals.length} in ${elapsed.toFixed(1)} s; errors ${errorCount}${errorCount ? `: ${errorList}` : ''})`);
  console.log(`  ratio sign-ins / bare verifications: ${((100 * full) / bare.perSecond).toFixed(1)} %`);
  console.log(`  one sign-in, start to ID token: p50 ${ms(pct(totals, 50))} ms · p99 ${ms(pct(totals, 99))} ms`);
  console.log(`  its steps, p50: ${STEPS.map((s) => `${s} ${ms(pct(steps[s], 50))}`).join(' · ')} ms`);
  console.log(`  per sign-in: API CPU ${cost.apiMs.toFixed(1)} ms · PostgreSQL backend CPU ${cost.pgMs.toFixed(2)} ms · ` +
    `${cost.xacts.toFixed(1)} transactions (xact_commit + xact_rollback; ${cost.sessions} connection starts left out)`);
  console.log(`  transactions by step (one more sign-in, alone): ${STEPS.map((st) => `${st} ${byStep[st]}`).join(' · ')} · ` +
    `total ${STEPS.reduce((a, st) => a + byStep[st], 0)}`);
  console.log(`API memory at rest (after start, seeded, full GC): ${memoryLine(rest)}`);
  console.log(`API memory under the sign-in load: peak ${memoryLine(load, 'peak')}`);
  console.log(`API memory after the load (full GC): ${memoryLine(after)}`);
} finally {
  await db?.end().catch(() => undefined);
  await admin?.end().catch(() => undefined);
  await api?.stop();
  await database.drop();
}

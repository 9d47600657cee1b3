// Full sign-ins (password + TOTP: two requests) per second against bare argon2id verifications
// per second on the same cores, with the API's own parameters (19 MiB, t=2, p=1); and the API's
// memory (RSS, heap) at rest and under that load. PostgreSQL, one API process (its libuv pool of
// 4 threads runs the hashes on both cores). Measured in one run, in this order:
//   1. bare argon2id: a child process verifies the seeded hash, CONCURRENCY at a time, SECONDS long,
//      with the API's thread-pool size (the API started and idle, so memory at rest is taken too);
//   2. full sign-ins: autocannon, CONCURRENCY connections, each signing in one seeded login after
//      another (POST /auth/login, then POST /auth/totp with that session's cookie and a fresh code).
// Usage: npm run bench:sign-in-throughput   (DURATION=20 (seconds), CONCURRENCY=8, PG_URL=...,
//        PROFILE=dir writes the API's .cpuprofile; node bench/lib/profile-summary.mjs dir)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  autocannon, connect, createDatabase, machineLine, memoryLine, meter, seedAuthenticatorLogins, Session, sleep, startApi, totp,
} from './lib/harness.mjs';
import { ARGON2 } from './lib/argon2-params.mjs';

const require = createRequire(import.meta.url);
const argon2 = require('argon2');

const SECONDS = Number(process.env.DURATION ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const THREADS = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const PASSWORD = 'bench-user-password';
const KEY = randomBytes(32);

console.log(machineLine());
const database = await createDatabase('latchkey_bench_signin');
let api = null;
let db = null;
try {
  if (process.env.PROFILE) mkdirSync(process.env.PROFILE, { recursive: true });
  api = await startApi({ port: 4393, databaseUrl: database.url, key: KEY, workers: 1, profileDir: process.env.PROFILE });
  db = await connect(database.url);
  const hash = await argon2.hash(PASSWORD, ARGON2);
  // Each login signs in once: a TOTP step is accepted once per device, so the run needs as many
  // logins as sign-ins. Enough for 150 a second.
  const users = await seedAuthenticatorLogins(db, { count: Math.ceil(SECONDS * 150), key: KEY, passwordHash: hash });
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

  // 2. Full sign-ins. One XSRF token serves every client: it is signed, not tied to a session.
  const probe = new Session(api.base);
  await probe.call('GET', '/api/v1/auth/state');
  const xsrf = decodeURIComponent(probe.cookies.get('XSRF-TOKEN'));
  const intoStep = (Date.now() / 1000) % 30; // a code is computed just before it is sent
  if (intoStep > 25) await sleep((30 - intoStep + 0.5) * 1000);
  await api.memory({ settle: true });
  const work = meter(api, db);
  await work.start();
  const phaseStart = process.hrtime.bigint() / 1000n;
  let next = 0;
  let signedIn = 0;
  const failures = new Map();
  const fail = (what) => failures.set(what, (failures.get(what) ?? 0) + 1);
  const result = await autocannon({
    url: api.base,
    connections: CONCURRENCY,
    duration: SECONDS,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        setupRequest(req, context) {
          context.user = users[next++ % users.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: `XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf },
            body: JSON.stringify({ email: context.user.email, password: PASSWORD }),
          };
        },
        onResponse(status, body, context, headers) {
          const session = new Session(api.base);
          session.take(headers['set-cookie'] ?? headers['Set-Cookie']);
          session.cookies.set('XSRF-TOKEN', xsrf);
          context.cookie = session.cookieHeader();
          if (!body.includes('"totp"')) fail(`password step ${status}`);
        },
      },
      {
        method: 'POST',
        path: '/api/v1/auth/totp',
        setupRequest(req, context) {
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: context.cookie, 'x-xsrf-token': xsrf },
            body: JSON.stringify({ code: totp(context.user.secret) }),
          };
        },
        onResponse(status, body) {
          if (status === 200 && body.includes('"signed-in"')) signedIn++;
          else fail(`totp step ${status}`);
        },
      },
    ],
  });
  const full = signedIn / result.duration;
  if (process.env.PROFILE) // the measured phase, for bench/lib/profile-summary.mjs
    writeFileSync(`${process.env.PROFILE}/phase.json`, JSON.stringify({ start: Number(phaseStart), end: Number(process.hrtime.bigint() / 1000n) }));
  const load = await api.memory();
  const cost = await work.stop(Math.max(1, signedIn));
  const after = await api.memory({ settle: true });
  const failed = [...failures].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';

  console.log(`PostgreSQL, 1 API process (libuv pool ${THREADS} threads), ${CONCURRENCY} in flight, ${SECONDS} s each; argon2id ${ARGON2.memoryCost / 1024} MiB, t=${ARGON2.timeCost}, p=${ARGON2.parallelism}`);
  console.log(`  bare argon2id verifications: ${bare.perSecond.toFixed(1)} per second (${bare.count} in ${bare.seconds.toFixed(1)} s, one process, no HTTP)`);
  console.log(`  full sign-ins (password + TOTP): ${full.toFixed(1)} per second (${signedIn} in ${result.duration.toFixed(1)} s; failures ${failed})`);
  console.log(`  ratio full / bare: ${((100 * full) / bare.perSecond).toFixed(1)} %   (budget >= 90 %)`);
  console.log(`  per sign-in: API CPU ${cost.apiMs.toFixed(1)} ms · PostgreSQL backend CPU ${cost.pgMs.toFixed(2)} ms · ${cost.xacts.toFixed(1)} transactions`);
  console.log(`API memory at rest (after start, seeded, full GC): ${memoryLine(rest)}`);
  console.log(`API memory under the sign-in load: peak ${memoryLine(load, 'peak')}`);
  console.log(`API memory after the load (full GC): ${memoryLine(after)}`);
} finally {
  await db?.end().catch(() => undefined);
  await api?.stop();
  await database.drop();
}

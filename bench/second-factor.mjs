// The second-factor step alone (TOTP check, replay write, login update, session rotation, audit)
// against the built API on PostgreSQL. LOGINS logins with an enrolled authenticator are brought
// to the 'totp' step first (their password step is not timed: the seeded password hash uses
// cheap argon2 parameters so that preparing thousands of sessions takes seconds), then autocannon
// sends each pending session's code once, CONCURRENCY requests in flight.
// Usage: npm run bench:second-factor   (LOGINS=4000, CONCURRENCY=16, WORKERS=1|2, PG_URL=...,
//        PROFILE=dir writes a .cpuprofile per API process)
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  autocannon, connect, createDatabase, machineLine, memoryLine, meter, meterLine, pool, seedAuthenticatorLogins, Session, startApi, totp,
} from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const argon2 = require('argon2');

const LOGINS = Number(process.env.LOGINS ?? 4000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const WORKERS = (process.env.WORKERS ?? '1,2').split(',').map(Number);
const PASSWORD = 'bench-user-password';
const KEY = randomBytes(32);
if (process.env.PROFILE) mkdirSync(process.env.PROFILE, { recursive: true });

console.log(machineLine());
for (const workers of WORKERS) await run(workers);

async function run(workers) {
  const database = await createDatabase('latchkey_bench_2f');
  let api = null;
  let db = null;
  try {
    api = await startApi({ port: 4392, databaseUrl: database.url, key: KEY, workers, profileDir: process.env.PROFILE });
    db = await connect(database.url);
    // The password step is not what is measured here: a cheap hash makes it quick.
    const cheap = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const users = await seedAuthenticatorLogins(db, { count: LOGINS + CONCURRENCY, key: KEY, passwordHash: cheap });

    const started = Date.now();
    await pool(users, 8, async (u) => {
      const s = new Session(api.base);
      await s.call('GET', '/api/v1/auth/state');
      const r = await s.call('POST', '/api/v1/auth/login', { email: u.email, password: PASSWORD });
      if (r.body?.state !== 'totp') throw new Error(`expected totp, got ${JSON.stringify(r.body)}`);
      u.cookie = s.cookieHeader();
      u.xsrf = decodeURIComponent(s.cookies.get('XSRF-TOKEN'));
    });
    const prepSeconds = (Date.now() - started) / 1000;
    // A code must be fresh when it is sent: do not start in the last seconds of a 30 s step.
    const intoStep = (Date.now() / 1000) % 30;
    if (intoStep > 30 - 8) await new Promise((r) => setTimeout(r, (30 - intoStep + 0.5) * 1000));

    const work = meter(api, db);
    await work.start();
    const phaseStart = process.hrtime.bigint() / 1000n;
    let next = 0;
    let signedIn = 0;
    let refused = 0;
    const result = await autocannon({
      url: `${api.base}/api/v1/auth/totp`,
      connections: CONCURRENCY,
      amount: LOGINS,
      timeout: 30,
      requests: [{
        method: 'POST',
        setupRequest(req) {
          // Built once per request (and once more per connection at the end: the extra logins).
          const u = users[next++ % users.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: u.cookie, 'x-xsrf-token': u.xsrf },
            body: JSON.stringify({ code: totp(u.secret) }),
          };
        },
        onResponse(status, body) {
          if (status === 200 && body.includes('"signed-in"')) signedIn++;
          else refused++;
        },
      }],
    });
    const perSecond = result.requests.total / result.duration;
    // The measured phase, in the profiles' clock (µs, CLOCK_MONOTONIC): bench/lib/profile-summary.mjs reads it.
    if (process.env.PROFILE)
      writeFileSync(`${process.env.PROFILE}/phase.json`, JSON.stringify({ start: Number(phaseStart), end: Number(process.hrtime.bigint() / 1000n) }));
    const cost = await work.stop(result.requests.total);
    const memory = await api.memory();
    console.log(
      `PostgreSQL, ${workers} API process${workers > 1 ? 'es (node:cluster, one port)' : ''}; ${LOGINS} logins at the 'totp' step ` +
      `(password steps took ${prepSeconds.toFixed(1)} s, untimed); autocannon, ${CONCURRENCY} in flight`,
    );
    console.log(
      `  second-factor step: ${perSecond.toFixed(0)} per second · p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms ` +
      `· max ${result.latency.max} ms; signed in ${signedIn}, refused ${refused}, errors ${result.errors + result.timeouts}`,
    );
    console.log(`  ${meterLine(cost)} (CPU on 2 cores bounds the rate at 2000 / (API + PostgreSQL ms))`);
    console.log(`  API memory after the run: ${memoryLine(memory)}; peak ${memoryLine(memory, 'peak')}`);
  } finally {
    await db?.end().catch(() => undefined);
    await api?.stop();
    await database.drop();
  }
}

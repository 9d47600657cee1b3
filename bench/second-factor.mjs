// The second-factor step alone (TOTP check, replay write, login update, session rotation, audit)
// against the built API on PostgreSQL, and in the same run against its floor
// (bench/second-factor-floor.mjs: the same step in node:http + pg, one read, one write statement).
// 2 × (LOGINS + CONCURRENCY) logins with an enrolled authenticator are seeded; half are brought to
// the 'totp' step through the API's password step (not timed: the seeded password hash uses cheap
// argon2 parameters so that preparing thousands of sessions takes seconds), then autocannon sends
// each pending session's code once, CONCURRENCY requests in flight. Then the other half is brought
// to the 'totp' step the same way, the API is stopped, the floor starts (as many processes as the
// API had) and the same autocannon load runs against it. Printed: both rates, p50/p99, per step
// CPU and transactions, and Latchkey / floor.
// Usage: npm run bench:second-factor   (LOGINS=4000, CONCURRENCY=16, WORKERS=1|2, PG_URL=...,
//        PROFILE=dir writes a .cpuprofile per API process; the floor is not profiled)
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  autocannon, connect, createDatabase, machineLine, memoryLine, meter, meterLine, PG_URL, pool, seedAuthenticatorLogins, Session, sleep,
  startApi, totp,
} from './lib/harness.mjs';
import { startFloor } from './second-factor-floor.mjs';

const require = createRequire(import.meta.url);
const argon2 = require('argon2');

const LOGINS = Number(process.env.LOGINS ?? 4000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const WORKERS = (process.env.WORKERS ?? '1,2').split(',').map(Number);
const PASSWORD = 'bench-user-password';
const KEY = randomBytes(32);
// Given to the API, so that the floor checks the very cookies the API signed.
const SESSION_SECRET = randomBytes(32).toString('base64url');
// PostgreSQL 15 publishes a backend's counters when it goes idle, at most once a second; the rest
// waits up to 10 s (PGSTAT_IDLE_INTERVAL): transactions are counted after this much quiet.
const FLUSH_MS = 11_000;
if (process.env.PROFILE) mkdirSync(process.env.PROFILE, { recursive: true });

console.log(machineLine());
for (const workers of WORKERS) await run(workers);

async function run(workers) {
  const database = await createDatabase('latchkey_bench_2f');
  let api = null;
  let floor = null;
  let db = null;
  let admin = null;
  try {
    api = await startApi({
      port: 4392, databaseUrl: database.url, key: KEY, workers, profileDir: process.env.PROFILE,
      env: { SESSION_SECRET },
    });
    db = await connect(database.url);
    admin = await connect(PG_URL);
    const transactions = transactionCounter(admin, new URL(database.url).pathname.slice(1));
    // The password step is not what is measured here: a cheap hash makes it quick.
    const cheap = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const users = await seedAuthenticatorLogins(db, { count: LOGINS + CONCURRENCY, key: KEY, passwordHash: cheap });
    const floorUsers = await seedAuthenticatorLogins(db, { count: LOGINS + CONCURRENCY, key: KEY, passwordHash: cheap, prefix: 'f' });

    const prepSeconds = await toTotpStep(api, users);
    const latchkey = await measure(api, db, transactions, users, process.env.PROFILE);
    const memory = await api.memory();

    // The floor: fresh pending sessions of the same kind (the API's own password step), then the
    // API stops, so that the floor has the machine as the API had it.
    await toTotpStep(api, floorUsers);
    await api.stop();
    api = null;
    floor = await startFloor({ port: 4393, databaseUrl: database.url, sessionSecret: SESSION_SECRET, key: KEY, workers });
    const plain = await measure(floor, db, transactions, floorUsers);
    await floor.stop();
    floor = null;

    const processes = `${workers} process${workers > 1 ? 'es (node:cluster, one port)' : ''}`;
    console.log(
      `PostgreSQL, ${processes}; ${LOGINS} logins at the 'totp' step, each side ` +
      `(password steps took ${prepSeconds.toFixed(1)} s, untimed); autocannon, ${CONCURRENCY} in flight`,
    );
    console.log(`  Latchkey: ${rateLine(latchkey)}`);
    console.log(`    ${meterLine(latchkey.cost)} (CPU on 2 cores bounds the rate at 2000 / (API + PostgreSQL ms))`);
    console.log(`    API memory after the run: ${memoryLine(memory)}; peak ${memoryLine(memory, 'peak')}`);
    console.log(`  floor (node:http + pg, same cookie check, 1 read + 1 write statement): ${rateLine(plain)}`);
    console.log(`    ${meterLine(plain.cost).replace('API CPU', 'floor CPU')}`);
    console.log(
      `  Latchkey / floor: rate ${(latchkey.perSecond / plain.perSecond).toFixed(3)} ` +
      `(${((100 * latchkey.perSecond) / plain.perSecond).toFixed(1)} % of the floor) · ` +
      `p50 ${(latchkey.latency.p50 / plain.latency.p50).toFixed(1)}× · p99 ${(latchkey.latency.p99 / plain.latency.p99).toFixed(1)}× · ` +
      `CPU per step (process + PostgreSQL) ${((latchkey.cost.apiMs + latchkey.cost.pgMs) / (plain.cost.apiMs + plain.cost.pgMs)).toFixed(1)}×`,
    );
  } finally {
    await db?.end().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await api?.stop();
    await floor?.stop();
    await database.drop();
  }
}

/** Brings each user to the 'totp' step through the API's password step; answers the seconds it took. */
async function toTotpStep(api, users) {
  const started = Date.now();
  await pool(users, 8, async (u) => {
    const s = new Session(api.base);
    await s.call('GET', '/api/v1/auth/state');
    const r = await s.call('POST', '/api/v1/auth/login', { email: u.email, password: PASSWORD });
    if (r.body?.state !== 'totp') throw new Error(`expected totp, got ${JSON.stringify(r.body)}`);
    u.cookie = s.cookieHeader();
    u.xsrf = decodeURIComponent(s.cookies.get('XSRF-TOKEN'));
  });
  return (Date.now() - started) / 1000;
}

/** Sends each pending session's code once to `target` (the API or the floor); rate, latency, cost. */
async function measure(target, db, transactions, users, profileDir) {
  await sleep(FLUSH_MS); // what came before (the password steps) published
  const xactsBefore = await transactions();
  // A code must be fresh when it is sent: do not start in the last seconds of a 30 s step.
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 30 - 8) await new Promise((r) => setTimeout(r, (30 - intoStep + 0.5) * 1000));

  const work = meter(target, db);
  await work.start();
  const phaseStart = process.hrtime.bigint() / 1000n;
  const startedMs = performance.now();
  let lastAt = 0;
  let next = 0;
  let signedIn = 0;
  let refused = 0;
  const result = await autocannon({
    url: `${target.base}/api/v1/auth/totp`,
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
        lastAt = performance.now();
        if (status === 200 && body.includes('"signed-in"')) signedIn++;
        else refused++;
      },
    }],
  });
  // From the start to the last answer: autocannon ends a run on its next whole-second tick, so
  // its own duration would make a 4.3 s run (the floor's) read 5 s.
  const elapsedS = (lastAt - startedMs) / 1000;
  // The measured phase, in the profiles' clock (µs, CLOCK_MONOTONIC): bench/lib/profile-summary.mjs reads it.
  if (profileDir)
    writeFileSync(`${profileDir}/phase.json`, JSON.stringify({ start: Number(phaseStart), end: Number(process.hrtime.bigint() / 1000n) }));
  const cost = await work.stop(result.requests.total);
  // The meter reads its transactions 1.2 s after the load, before PostgreSQL has published them
  // all (a short run's count comes out low): counted again after FLUSH_MS of quiet, less the
  // meter's own 6 reads on `db` and connection starts.
  await sleep(FLUSH_MS);
  cost.xacts = ((await transactions()) - xactsBefore - 6) / result.requests.total;
  return {
    perSecond: result.requests.total / elapsedS,
    latency: result.latency,
    errors: result.errors + result.timeouts,
    signedIn,
    refused,
    cost,
  };
}

function rateLine(m) {
  return `${m.perSecond.toFixed(0)} per second · p50 ${m.latency.p50} ms · p99 ${m.latency.p99} ms · max ${m.latency.max} ms; ` +
    `signed in ${m.signedIn}, refused ${m.refused}, errors ${m.errors}`;
}

/** The database's transactions so far (xact_commit + xact_rollback, connection starts left out), read from another database. */
function transactionCounter(admin, name) {
  return async () => {
    const { rows: [x] } = await admin.query(
      'SELECT xact_commit + xact_rollback - sessions AS n FROM pg_stat_database WHERE datname = $1', [name]);
    return Number(x.n);
  };
}

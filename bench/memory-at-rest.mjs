// The API's memory at rest (issue 14): the built API on a fresh PostgreSQL database, one process,
// nothing seeded. Each run, in this order:
//   1. start (migrations run), wait until the process is idle (its CPU time stops moving), a full
//      GC (the probe's settle): "just started", what the other benchmarks call at rest;
//   2. QUIET seconds more without a request (V8's memory reducer gives back the young generation
//      the boot grew once allocation has been low for a while), then a full GC: "at rest";
//   3. a handful of requests: GET /api/health, GET /api/v1/auth/state (hands out the XSRF cookie),
//      a failed sign-in POST /api/v1/auth/login (unknown email: the decoy hash runs), 5 of each;
//      idle, a full GC: "after requests"; then QUIET seconds more and a full GC: "after, quiet".
// Printed per phase: RSS, heap used of total, external, arrayBuffers (process.memoryUsage() in the
// API, through bench/lib/memory-probe.cjs), RssAnon / RssFile from /proc (RssFile: the pages of the
// node binary and shared libraries mapped in; RssAnon: V8's heap, malloc, stacks), and for the
// quiet phases the RSS V8 had come to by itself before the forced GC. With RUNS > 1, the median of
// each figure follows. Asserts nothing.
// Usage: npx nx build api && node bench/memory-at-rest.mjs   (RUNS=3, QUIET=30 (seconds), PG_URL=...,
//        API_NODE_OPTIONS='--max-semi-space-size=…' is the API's NODE_OPTIONS, and only its)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpuMs, createDatabase, machineLine, Session, sleep, startApi } from './lib/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const QUIET = Number(process.env.QUIET ?? 30);
const PORT = 4395;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const KEY = randomBytes(32);
const PHASES = [['started', 'just started'], ['rest', `at rest (${QUIET} s quiet)`], ['after', 'after requests'], ['afterQuiet', `after, ${QUIET} s quiet`]];
const FIGURES = ['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'rssAnon', 'rssFile', 'rssBeforeGc'];

/** RSS, RssAnon and RssFile of a process, in bytes, from /proc (Linux); 0 elsewhere. */
function procRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kib('VmRSS'), rssAnon: kib('RssAnon'), rssFile: kib('RssFile') + kib('RssShmem') };
  } catch {
    return { rss: 0, rssAnon: 0, rssFile: 0 };
  }
}

/** Waits until the process has used under 10 ms of CPU in a second (boot, timers, JIT done). */
async function idle(pid) {
  let before = cpuMs(pid);
  for (let i = 0; i < 20; i++) {
    await sleep(1000);
    const now = cpuMs(pid);
    if (now - before < 10) return;
    before = now;
  }
}

/** Idle, `quiet` seconds more, a full GC: memoryUsage() and /proc, and the RSS before that GC. */
async function measure(api, quiet = 0) {
  const [pid] = api.pids();
  await idle(pid);
  await sleep(quiet * 1000);
  const rssBeforeGc = procRss(pid).rss;
  const [sample] = await api.memory({ settle: true });
  const proc = procRss(pid);
  return { ...sample.now, rssAnon: proc.rssAnon, rssFile: proc.rssFile, rssBeforeGc };
}

const line = (m, quiet) =>
  `RSS ${mib(m.rss)} (anon ${mib(m.rssAnon)}, file ${mib(m.rssFile)}${quiet ? `; ${mib(m.rssBeforeGc)} before the GC` : ''}) · ` +
  `heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)} · external ${mib(m.external)} · arrayBuffers ${mib(m.arrayBuffers)}`;

async function run(n) {
  const database = await createDatabase('latchkey_bench_memory');
  let api = null;
  try {
    const env = process.env.API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.API_NODE_OPTIONS } : {};
    api = await startApi({ port: PORT, databaseUrl: database.url, key: KEY, env });
    const r = {};
    r.started = await measure(api);
    r.rest = await measure(api, QUIET);

    const statuses = new Map();
    for (let i = 0; i < 5; i++) {
      const s = new Session(api.base);
      const health = await fetch(`${api.base}/api/health`);
      await health.arrayBuffer();
      const state = await s.call('GET', '/api/v1/auth/state');
      const login = await s.call('POST', '/api/v1/auth/login', { email: `nobody${i}@bench.test`, password: 'not-the-password' });
      for (const [what, status] of [['health', health.status], ['state', state.status], ['login', login.status]])
        statuses.set(what, [...(statuses.get(what) ?? []), status]);
    }
    r.after = await measure(api);
    r.afterQuiet = await measure(api, QUIET);
    const answers = [...statuses].map(([k, v]) => `${k} ${[...new Set(v)].join('/')}`).join(', ');
    for (const [key, label] of PHASES)
      console.log(`run ${n}, ${label}:`.padEnd(34) + line(r[key], key === 'rest' || key === 'afterQuiet') + (key === 'after' ? ` (${answers})` : ''));
    return r;
  } finally {
    await api?.stop();
    await database.drop();
  }
}

console.log(machineLine());
console.log(`PostgreSQL, 1 API process (${process.env.API_NODE_OPTIONS ? `NODE_OPTIONS=${process.env.API_NODE_OPTIONS}` : 'no extra Node options'}), ${RUNS} run(s), a fresh database each`);
const results = [];
for (let i = 1; i <= RUNS; i++) results.push(await run(i));
if (RUNS > 1) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [key, label] of PHASES) {
    const m = Object.fromEntries(FIGURES.map((k) => [k, median(results.map((r) => r[key][k]))]));
    console.log(`median, ${label}:`.padEnd(34) + line(m, key === 'rest' || key === 'afterQuiet'));
  }
}

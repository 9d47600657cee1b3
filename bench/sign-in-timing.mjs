// Does an unknown email answer in about the time of a wrong password? And while an email waits
// after repeated failures, do a right password, a wrong one and an unknown (also waiting) email
// answer alike? Starts the built API on a fresh embedded database with the demo, then times each
// kind of sign-in, interleaved.
// Usage: npm run bench:sign-in-timing  (builds the API first). Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const port = 4390;
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));

const server = spawn(process.execPath, ['dist/apps/api/main.js'], {
  env: { ...process.env, PORT: String(port), LATCHKEY_DATA_DIR: dataDir, LATCHKEY_DEMO: '1', LATCHKEY_DEMO_PASSWORD: 'bench-demo-pass', LATCHKEY_SIGN_IN_RATE_LIMIT: '0', LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '0', DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitForHealth() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not start');
}

async function xsrf() {
  const res = await fetch(`${base}/api/v1/auth/state`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie.split(';')[0].slice('XSRF-TOKEN='.length);
}

async function attempt(token, email, password = 'definitely-wrong', expected = 401) {
  const started = process.hrtime.bigint();
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xsrf-token': token, cookie: `XSRF-TOKEN=${token}` },
    body: JSON.stringify({ email, password }),
  });
  await res.text();
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const RIGHT = 'bench-demo-pass';

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

try {
  await waitForHealth();
  const token = await xsrf();
  const wrong = [];
  const unknown = [];
  const emma = 'emma.employee@acme.test';
  for (let i = 0; i < 3; i++) await attempt(token, emma); // warm-up
  await attempt(token, emma, RIGHT, 200);
  for (let i = 0; i < ROUNDS; i++) {
    wrong.push(await attempt(token, emma));
    unknown.push(await attempt(token, `nobody-${i}@acme.test`));
    // Four failures, then the right password clears the count before the email would wait.
    if (i % 4 === 3) await attempt(token, emma, RIGHT, 200);
  }
  const row = (name, xs) => `${name.padEnd(22)} p50 ${pct(xs, 50).toFixed(1)} ms  p90 ${pct(xs, 90).toFixed(1)} ms`;
  console.log(`failed sign-ins, ${ROUNDS} each, interleaved, one client:`);
  console.log(row('wrong password', wrong));
  console.log(row('unknown email', unknown));
  console.log(`unknown / wrong (p50): ${(pct(unknown, 50) / pct(wrong, 50)).toFixed(2)}`);

  // Five failures make an email wait (30 s): known and unknown alike.
  for (let i = 0; i < 5; i++) {
    await attempt(token, emma);
    await attempt(token, 'nobody-waiting@acme.test');
  }
  const waitRight = [];
  const waitWrong = [];
  const waitUnknown = [];
  for (let i = 0; i < ROUNDS; i++) {
    waitRight.push(await attempt(token, emma, RIGHT, 423));
    waitWrong.push(await attempt(token, emma, 'definitely-wrong', 423));
    waitUnknown.push(await attempt(token, 'nobody-waiting@acme.test', 'definitely-wrong', 423));
  }
  console.log(`during the wait (423 for all), ${ROUNDS} each, interleaved:`);
  console.log(row('right password', waitRight));
  console.log(row('wrong password', waitWrong));
  console.log(row('unknown email', waitUnknown));
  console.log(`right / wrong (p50): ${(pct(waitRight, 50) / pct(waitWrong, 50)).toFixed(2)}`);
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

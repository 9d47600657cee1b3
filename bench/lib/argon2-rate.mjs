// Bare argon2id verifications per second: HASH checked against PASSWORD, CONCURRENCY at a time,
// for SECONDS, on this process's libuv pool (UV_THREADPOOL_SIZE). Prints one JSON line.
import { createRequire } from 'node:module';

const argon2 = createRequire(import.meta.url)('argon2');
const { HASH, PASSWORD } = process.env;
const SECONDS = Number(process.env.DURATION ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
for (let i = 0; i < CONCURRENCY; i++) await argon2.verify(HASH, PASSWORD); // warm-up
let count = 0;
const started = process.hrtime.bigint();
const until = Date.now() + SECONDS * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (Date.now() < until) {
    if (!(await argon2.verify(HASH, PASSWORD))) throw new Error('the hash does not verify');
    count++;
  }
}));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ count, seconds, perSecond: count / seconds }) + '\n');

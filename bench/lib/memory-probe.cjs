// Preloaded into each API process by the benchmarks (node -r): samples process.memoryUsage()
// every 100 ms in memory, and writes { pid, now, peak } to $BENCH_MEMORY_DIR/<pid>.json at start
// and on SIGWINCH. SIGPWR runs a full GC first (the process runs with --expose-gc) and starts the
// (Not SIGUSR2 or SIGHUP: Nest's enableShutdownHooks() stops the app on those.)
// peaks again. Off without BENCH_MEMORY_DIR.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_MEMORY_DIR;
if (dir) {
  const file = join(dir, `${process.pid}.json`);
  let peak = null;
  const sample = () => {
    const now = process.memoryUsage();
    peak = peak ? Object.fromEntries(Object.keys(now).map((k) => [k, Math.max(peak[k], now[k])])) : { ...now };
    return now;
  };
  const write = () => writeFileSync(file, JSON.stringify({ pid: process.pid, now: sample(), peak }));
  setInterval(sample, 100).unref();
  write();
  process.on('SIGWINCH', write);
  process.on('SIGPWR', () => {
    if (typeof global.gc === 'function') global.gc();
    peak = null;
    write();
  });
}

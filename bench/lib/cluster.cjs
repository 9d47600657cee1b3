// Runs $BENCH_WORKERS copies of the built API behind node:cluster, all on one port (the primary
// hands connections round-robin). The first worker migrates the database; the others start
// once it listens. SIGTERM stops them all.
'use strict';
const cluster = require('node:cluster');

const workers = Number(process.env.BENCH_WORKERS ?? 2);
cluster.setupPrimary({
  exec: process.env.BENCH_API_MAIN ?? 'dist/apps/api/main.js',
  execArgv: JSON.parse(process.env.BENCH_NODE_ARGS ?? '[]'),
  silent: false,
});
const first = cluster.fork();
first.once('listening', () => {
  for (let i = 1; i < workers; i++) cluster.fork();
});
cluster.on('exit', (worker, code, signal) => {
  if (!stopping) {
    console.error(`API worker ${worker.process.pid} exited (${signal ?? code})`);
    process.exit(1);
  }
});
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
  for (const w of Object.values(cluster.workers)) w.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5000).unref();
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers).length === 0) process.exit(0);
  });
});

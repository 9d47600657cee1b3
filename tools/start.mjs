// `npm start` after the build: the API, then, once its /api/health answers, the sample
// application (apps/sample-app) when the demo is on; with the demo, first Acme's stand-in identity
// provider (tools/demo-provider.mjs), which the API connects for Acme. Ctrl-C or a signal stops
// them all; when the API or the sample application exits, the others are stopped and this exits
// with its code (the stand-in provider is a convenience: its exit stops nothing).
// Run: node tools/start.mjs (from the repository root, after `nx run-many -t build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const api = 'dist/apps/api/main.js';
const sample = 'dist/apps/sample-app/main.js';
if (!existsSync(api)) {
  console.error(`${api} is missing: run \`npm run build\` first (npm start does).`);
  process.exit(1);
}

const env = process.env;
const port = env.PORT?.trim() || '3000';
// The API serves its demo by default with the embedded database (LATCHKEY_DEMO), never with
// DATABASE_URL unless asked; the sample application is the demo's, so it follows the same rule.
const demoFlag = env.LATCHKEY_DEMO?.trim().toLowerCase();
const demo = demoFlag ? ['1', 'true', 'yes', 'on'].includes(demoFlag) : !env.DATABASE_URL?.trim();
const host = env.HOST?.trim();
const healthHost =
  !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
const healthUrl = `http://${healthHost}:${port}/api/health`;

const children = new Set();
let stopping = false;

function run(name, file, childEnv = env, optional = false) {
  const child = spawn(process.execPath, [file], { stdio: 'inherit', env: childEnv });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (optional && !stopping) {
      console.error(`${name} exited (${signal ?? `code ${code}`}); Latchkey goes on without it.`);
    } else if (!stopping) {
      console.error(`${name} exited (${signal ?? `code ${code}`}); stopping.`);
      stop(code ?? 1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  return child;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children) child.kill('SIGTERM');
  // Whatever has not stopped in ten seconds is ended.
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code);
  }, 10_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));

const demoProvider = 'tools/demo-provider.mjs';
const apiEnv = { ...env };
if (demo && existsSync(demoProvider)) {
  const providerPort = env.DEMO_PROVIDER_PORT?.trim() || '3002';
  const publicUrl = (env.LATCHKEY_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  run(
    "Acme's stand-in identity provider",
    demoProvider,
    {
      ...env,
      DEMO_PROVIDER_PORT: providerPort,
      LATCHKEY_CALLBACK: `${publicUrl}/api/v1/auth/upstream/callback`,
    },
    true,
  );
  apiEnv.LATCHKEY_DEMO_PROVIDER_URL ??= `http://localhost:${providerPort}`;
}

run('The API', api, apiEnv);

if (demo) {
  if (!existsSync(sample)) {
    console.error(`${sample} is missing: the sample application is not started (npm run build builds it).`);
  } else {
    // The first start migrates the database and hashes the demo's passwords: give it time.
    const deadline = Date.now() + 180_000;
    let up = false;
    while (!stopping && !up && Date.now() < deadline) {
      try {
        up = (await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {
        // not listening yet
      }
      if (!up) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (up && !stopping) run('The sample application', sample);
    else if (!stopping) console.error(`No answer from ${healthUrl}: the sample application is not started.`);
  }
}

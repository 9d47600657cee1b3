// A floor for the second-factor step (issue 14): the TOTP step of bench:second-factor written as
// plainly as possible — node:http, pg, no framework — against the same schema and the same
// pending sessions (made by Latchkey's own password step), so that Latchkey's rate can be read
// against what this machine can do for this work.
//
// One request, POST /api/v1/auth/totp { code }:
//   1. the cookie check: the session cookie unsigned as express-session does it (its own copy of
//      cookie-signature, HMAC-SHA256 with the session secret), and the signed double-submit
//      XSRF token (cookie = header, HMAC valid), as the API's xsrf middleware;
//   2. ONE query (READ below): the session row (not expired; its JSON at the 'totp' stage, not
//      past its expiresAt) joined with the login (active, not waiting, not locked), its tenant
//      (not suspended), identity, user type and active TOTP devices; the same statement reserves
//      the attempt (+1, and the wait or hard lock that count reaches: DESIGN's lockout rules, an
//      attempt is reserved before its guess is evaluated), so a guess never runs unreserved;
//   3. the code checked with otplib 13 (`verify`, one step either side, as apps/api totp.ts), the
//      device's secret opened from the API's sealed format (AES-256-GCM bound to tenant/device);
//   4. ONE statement (WRITE below; a single statement is one transaction): the used step (its
//      unique key decides a replay), the device's last use, the login (last second factor, the
//      count, wait and lock cleared, the flow's enrolment grant released, only while active and
//      enrolled), the old session row deleted and the rotated one inserted, the audit event.
//      If the login's write did not hold, the statement fails (1/0) and nothing commits.
//   5. 200 { state: 'signed-in', me } with the rotated session's cookie.
// Refusals follow the API: 401 no pending step or a wrong code (counted, audited), 423 locked,
// 401 a replay (the attempt given back, audited), 409 the factor gone meanwhile. Not covered:
// backup codes, "remember this browser", an application's sign-in under way, security headers.
//
// `serveFloor()` runs the server in this process; `startFloor()` runs it in a child process (or
// N behind node:cluster), so that it does not share a thread with the load generator, as the API
// does not. `node bench/second-factor-floor.mjs` is that child (settings from the environment).
import cluster from 'node:cluster';
import { spawn } from 'node:child_process';
import { createDecipheriv, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { verify } from 'otplib';

const require = createRequire(import.meta.url);
const pg = require('pg');
// The copy express-session itself signs and unsigns its cookie with.
const signature = createRequire(require.resolve('express-session'))('cookie-signature');

const SESSION_COOKIE = 'latchkey.sid';
const XSRF_COOKIE = 'XSRF-TOKEN';
const SIGNED_IN_IDLE_MS = 8 * 60 * 60 * 1000;
const TOTP_PERIOD = 30;
const ACCEPT_SECONDS = 30;
const DRIFT_SECONDS = 10 * 60;
const FREE_FAILURES = 5;
const HARD_CAP = 20;
const EXPIRED = 'Your sign-in expired. Please sign in again.';

// Read, and reserve the attempt, in one statement. $1 session id, $2 now (epoch ms).
const READ = `
WITH s AS (
  SELECT id, data::jsonb -> 'signIn' AS sign_in FROM session WHERE id = $1 AND expires_at > now()
), r AS (
  UPDATE login l SET
    failed_attempts = l.failed_attempts + 1,
    locked_until = CASE WHEN l.failed_attempts + 1 < ${FREE_FAILURES} THEN l.locked_until
      ELSE now() + LEAST(interval '15 minutes', interval '30 seconds' * power(2, l.failed_attempts + 1 - ${FREE_FAILURES})) END,
    locked_out = l.locked_out OR l.failed_attempts + 1 >= ${HARD_CAP}
  FROM s, tenant t
  WHERE s.sign_in ->> 'stage' = 'totp' AND (s.sign_in ->> 'expiresAt')::bigint > $2
    AND l.tenant_id = s.sign_in ->> 'tenantId' AND l.id = s.sign_in ->> 'loginId'
    AND l.identity_id = s.sign_in ->> 'identityId' AND l.deactivated_at IS NULL
    AND NOT l.locked_out AND (l.locked_until IS NULL OR l.locked_until <= now())
    AND t.id = l.tenant_id AND t.suspended_at IS NULL
  RETURNING l.tenant_id, l.id, l.identity_id, l.user_type_id, l.display_name, l.role, l.failed_attempts, l.locked_until,
    t.name AS tenant_name, t.kind AS tenant_kind, s.sign_in ->> 'flowId' AS flow_id
)
SELECT r.*, i.email, ut.name AS user_type_name, d.id AS device_id, d.secret_enc
FROM r
JOIN identity i ON i.id = r.identity_id
JOIN user_type ut ON ut.tenant_id = r.tenant_id AND ut.id = r.user_type_id
LEFT JOIN totp_device d ON d.tenant_id = r.tenant_id AND d.login_id = r.id AND d.confirmed_at IS NOT NULL
ORDER BY d.created_at`;

// Every write of a passed step, in one statement. $1 tenant, $2 device, $3 step, $4 login,
// $5 flow, $6 old session, $7 new session, $8 its data, $9 its expiry, $10 identity,
// $11 audit id, $12 audit tenant (null on the platform), $13 email, $14 display name,
// $15 audit details, $16 address.
const WRITE = `
WITH used AS (
  INSERT INTO totp_used_step (tenant_id, device_id, step, used_at) VALUES ($1, $2, $3, now()) RETURNING 1
), device AS (
  UPDATE totp_device SET last_used_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING 1
), marked AS (
  UPDATE login SET last_second_factor_at = now(), failed_attempts = 0, locked_until = NULL, locked_out = false,
    enrolment_grant_flow = CASE WHEN enrolment_grant_flow = $5 THEN NULL ELSE enrolment_grant_flow END,
    enrolment_grant_expires_at = CASE WHEN enrolment_grant_flow = $5 THEN NULL ELSE enrolment_grant_expires_at END
  WHERE tenant_id = $1 AND id = $4 AND deactivated_at IS NULL AND totp_enrolled_at IS NOT NULL
  RETURNING 1
), old AS (
  DELETE FROM session WHERE id = $6 RETURNING 1
), rotated AS (
  INSERT INTO session (id, data, expires_at, identity_id, tenant_id, login_id)
  SELECT $7, $8, $9, $10, $1, $4 FROM marked RETURNING 1
), audit AS (
  INSERT INTO audit_event (id, tenant_id, created_at, action, actor_identity_id, actor_login_id, actor_label,
    target_type, target_id, target_label, before, after, address)
  SELECT $11, $12, now(), 'sign-in.succeeded', $10, $4, $13, 'login', $4, $14, NULL, $15, $16 FROM marked RETURNING 1
)
SELECT 1 / (SELECT count(*)::int FROM marked) AS ok`;

// Refusal paths (not measured): why no row came back, a wrong guess's audit, a replay's release.
const WHY = `
SELECT l.locked_out, l.locked_until FROM session s
JOIN login l ON l.tenant_id = (s.data::jsonb #>> '{signIn,tenantId}') AND l.id = (s.data::jsonb #>> '{signIn,loginId}')
WHERE s.id = $1 AND s.expires_at > now() AND (s.data::jsonb #>> '{signIn,stage}') = 'totp'
  AND (s.data::jsonb #>> '{signIn,expiresAt}')::bigint > $2 AND l.deactivated_at IS NULL
  AND (l.locked_out OR l.locked_until > now())`;
const AUDIT = `
INSERT INTO audit_event (id, tenant_id, created_at, action, actor_identity_id, actor_login_id, actor_label,
  target_type, target_id, target_label, after, address)
SELECT x.id, $1, now(), x.action, $2, $3, $4, 'login', $3, $4, x.after, $5
FROM unnest($6::text[], $7::text[], $8::text[]) AS x(id, action, after)`;
const RELEASE = `
UPDATE login SET failed_attempts = failed_attempts - 1,
  locked_until = CASE WHEN failed_attempts - 1 < ${FREE_FAILURES} THEN NULL ELSE locked_until END,
  locked_out = CASE WHEN failed_attempts - 1 < ${HARD_CAP} THEN false ELSE locked_out END
WHERE tenant_id = $1 AND id = $2 AND failed_attempts > 0`;

/**
 * Starts the floor on 127.0.0.1:port in this process. `sessionSecret` is the API's
 * SESSION_SECRET, `key` its LATCHKEY_SECRET_KEY (32 bytes). Answers { server, close }.
 */
export async function serveFloor({ port, databaseUrl, sessionSecret, key, poolSize = 10 }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, idleTimeoutMillis: 0 });
  // Every connection open before the first request, as the API's pool is after its warm-up.
  const clients = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
  for (const c of clients) c.release();
  const xsrfMac = (nonce) => createHmac('sha256', sessionSecret).update(nonce).digest('base64url');

  async function step(req, res) {
    // 1. The cookie check.
    const cookies = parseCookies(req.headers.cookie);
    const signed = cookies[SESSION_COOKIE];
    const sid = signed?.startsWith('s:') ? signature.unsign(signed.slice(2), sessionSecret) : false;
    const xsrf = cookies[XSRF_COOKIE];
    if (!validXsrf(xsrf, xsrfMac) || req.headers['x-xsrf-token'] !== xsrf)
      return answer(res, 403, { statusCode: 403, error: 'Forbidden', message: 'Missing or invalid x-xsrf-token header' });
    if (!sid) return answer(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'No sign-in is waiting for this step' });
    const body = await readJson(req);
    const code = typeof body?.code === 'string' ? body.code : '';
    if (!/^\d{6}$/.test(code))
      return answer(res, 400, { statusCode: 400, error: 'Bad Request', message: 'code must be the 6 digits your app shows' });

    // 2. One query: the session, login, identity, tenant, user type, devices; the attempt reserved.
    const now = Date.now();
    const { rows } = await pool.query({ name: 'floor-read', text: READ, values: [sid, now] });
    if (rows.length === 0) {
      const { rows: locked } = await pool.query({ name: 'floor-why', text: WHY, values: [sid, now] });
      return locked.length
        ? answer(res, 423, { statusCode: 423, error: 'Locked', reason: 'locked', message: 'Too many failed attempts' })
        : answer(res, 401, { statusCode: 401, error: 'Unauthorized', message: EXPIRED });
    }
    const v = rows[0];
    const address = req.socket.remoteAddress ?? null;

    // 3. The code, against each active device.
    const epoch = Math.floor(now / 1000);
    let match = null;
    for (const r of rows) {
      if (!r.device_id) continue;
      const secret = open(key, r.secret_enc, `${r.tenant_id}/${r.device_id}`);
      const near = await verify({ secret, token: code, epoch, epochTolerance: ACCEPT_SECONDS });
      if (near.valid) {
        match = { deviceId: r.device_id, step: Math.floor(epoch / TOTP_PERIOD) + near.delta };
        break;
      }
    }
    if (!match) {
      // A wrong guess stays counted; it and the wait it may start are audited.
      let drift = false;
      for (const r of rows) {
        if (!r.device_id) continue;
        const secret = open(key, r.secret_enc, `${r.tenant_id}/${r.device_id}`);
        if ((await verify({ secret, token: code, epoch, epochTolerance: DRIFT_SECONDS })).valid) drift = true;
      }
      const failures = v.failed_attempts;
      const events = [['factor.failed', { kind: 'totp', failedAttempts: failures }]];
      if (failures >= FREE_FAILURES)
        events.push(['login.locked', { failedAttempts: failures, until: failures >= HARD_CAP ? 'unlocked by an owner' : v.locked_until.toISOString() }]);
      await audit(pool, v, address, events);
      return answer(res, 401, {
        statusCode: 401, error: 'Unauthorized', reason: drift ? 'clock-drift' : 'incorrect', message: 'Incorrect code',
        ...(HARD_CAP - failures <= 3 ? { attemptsLeft: Math.max(0, HARD_CAP - failures) } : {}),
      });
    }

    // 4. Every write in one statement.
    const newSid = randomBytes(24).toString('base64url'); // what express-session's uid-safe(24) makes
    const expires = new Date(now + SIGNED_IN_IDLE_MS);
    const platform = v.tenant_kind === 'platform';
    const data = JSON.stringify({
      cookie: { originalMaxAge: SIGNED_IN_IDLE_MS, expires: expires.toISOString(), secure: false, httpOnly: true, path: '/', sameSite: 'lax' },
      signIn: {
        stage: 'signed-in', flowId: v.flow_id, identityId: v.identity_id, email: v.email, loginId: v.id,
        tenantId: v.tenant_id, role: v.role, signedInAt: now, factor: 'authenticator',
      },
    });
    try {
      await pool.query({
        name: 'floor-write',
        text: WRITE,
        values: [
          v.tenant_id, match.deviceId, match.step, v.id, v.flow_id, sid, newSid, data, expires, v.identity_id,
          randomUUID(), platform ? null : v.tenant_id, v.email, v.display_name,
          JSON.stringify({ role: v.role, userType: v.user_type_name }), address,
        ],
      });
    } catch (e) {
      // Nothing committed: not a guess, the attempt is given back.
      await pool.query({ name: 'floor-release', text: RELEASE, values: [v.tenant_id, v.id] });
      if (e.code === '23505') {
        await audit(pool, v, address, [['factor.replay-refused', { kind: 'totp' }]]);
        return answer(res, 401, { statusCode: 401, error: 'Unauthorized', reason: 'replayed', message: 'This code has been used already: wait for the next one' });
      }
      if (e.code === '22012' || e.code === '23503')
        return answer(res, 409, { statusCode: 409, error: 'Conflict', message: 'This login was reset meanwhile: sign in again' });
      throw e;
    }

    // 5. The answer and the rotated session's cookie.
    res.setHeader('set-cookie',
      `${SESSION_COOKIE}=${encodeURIComponent(`s:${signature.sign(newSid, sessionSecret)}`)}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax`);
    return answer(res, 200, {
      state: 'signed-in',
      me: {
        identityId: v.identity_id, loginId: v.id, email: v.email, displayName: v.display_name, role: v.role,
        tenantId: platform ? null : v.tenant_id, tenantName: platform ? null : v.tenant_name,
        userTypeName: platform ? null : v.user_type_name,
      },
    });
  }

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/health') return answer(res, 200, { status: 'ok' });
    if (req.method !== 'POST' || req.url !== '/api/v1/auth/totp') return answer(res, 404, { statusCode: 404 });
    step(req, res).catch((e) => {
      console.error('floor:', e);
      if (!res.headersSent) answer(res, 500, { statusCode: 500 });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections?.();
      await pool.end();
    },
  };
}

/**
 * Starts the floor in a child process on 127.0.0.1:port (with `workers` > 1, that many behind
 * node:cluster on one port, each with its own pool). Answers { base, pids(), stop() }, the shape
 * the harness's `meter()` reads.
 */
export async function startFloor({ port, databaseUrl, sessionSecret, key, workers = 1, poolSize = 10 }) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      FLOOR_PORT: String(port),
      FLOOR_WORKERS: String(workers),
      FLOOR_POOL_SIZE: String(poolSize),
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: sessionSecret,
      LATCHKEY_SECRET_KEY: key.toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const pids = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.pids));
    child.once('exit', (code) => reject(new Error(`the floor did not start (exit ${code})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    workers,
    pids: () => pids,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
    },
  };
}

// ---------- small pieces ----------
function parseCookies(header) {
  const out = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (out[name] !== undefined) continue;
    const value = part.slice(i + 1).trim();
    try { out[name] = value.includes('%') ? decodeURIComponent(value) : value; } catch { out[name] = value; }
  }
  return out;
}
function validXsrf(token, mac) {
  if (typeof token !== 'string') return false;
  const [nonce, given] = token.split('.');
  if (!nonce || !given) return false;
  const expected = Buffer.from(mac(nonce));
  const g = Buffer.from(given);
  return expected.length === g.length && timingSafeEqual(expected, g);
}
/** The API's sealed-secret format: v1.iv.tag.body, AES-256-GCM, bound to tenant/device. */
function open(key, sealed, boundTo) {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unreadable sealed secret');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(boundTo));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
}
function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch { resolve(null); }
    });
    req.on('error', reject);
  });
}
function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
function audit(pool, v, address, events) {
  return pool.query({
    name: 'floor-audit',
    text: AUDIT,
    values: [
      v.tenant_id, v.identity_id, v.id, v.email, address,
      events.map(() => randomUUID()), events.map(([action]) => action), events.map(([, after]) => JSON.stringify(after)),
    ],
  });
}

// ---------- the child process of startFloor ----------
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const workers = Number(process.env.FLOOR_WORKERS ?? 1);
  if (workers > 1 && cluster.isPrimary) {
    const pids = [];
    let stopping = false;
    for (let i = 0; i < workers; i++) {
      const w = cluster.fork();
      w.once('message', (m) => {
        pids.push(m.pid);
        if (pids.length === workers) process.send?.({ pids });
      });
    }
    cluster.on('exit', () => { if (!stopping) process.exit(1); });
    process.on('SIGTERM', () => {
      stopping = true;
      for (const w of Object.values(cluster.workers)) w.kill('SIGTERM');
      setTimeout(() => process.exit(0), 3000).unref();
      cluster.on('exit', () => { if (Object.keys(cluster.workers).length === 0) process.exit(0); });
    });
  } else {
    const floor = await serveFloor({
      port: Number(process.env.FLOOR_PORT),
      databaseUrl: process.env.DATABASE_URL,
      sessionSecret: process.env.SESSION_SECRET,
      key: Buffer.from(process.env.LATCHKEY_SECRET_KEY, 'base64'),
      poolSize: Number(process.env.FLOOR_POOL_SIZE ?? 10),
    });
    process.send?.(cluster.isWorker ? { pid: process.pid } : { pids: [process.pid] });
    process.on('SIGTERM', () => floor.close().finally(() => process.exit(0)));
  }
}

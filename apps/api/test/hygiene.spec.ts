import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import { ApiPaths, SESSION_COOKIE, XSRF_COOKIE } from '@latchkey/contracts';
import { CSP_NONCE_PLACEHOLDER } from '../src/app/security-headers';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { secretOf, totpAt } from './totp-vectors';
import { startTestApp, type TestApp } from './harness';

/** Cookies, security headers and the CSP the console runs under; revocation of old sessions. */
describe('session hygiene and security headers', () => {
  let t: TestApp;
  let server: Server;

  beforeAll(async () => {
    // A stand-in console build: index.html carries the nonce placeholder, as the real one does.
    const consoleDir = join(process.env['TMPDIR'] ?? '/tmp', `latchkey-console-${process.pid}-${Date.now()}`);
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(
      join(consoleDir, 'index.html'),
      `<!doctype html><html><head><style nonce="${CSP_NONCE_PLACEHOLDER}"></style></head>` +
        `<body><app-root ngCspNonce="${CSP_NONCE_PLACEHOLDER}"></app-root>` +
        `<script src="main-ABCDEFGH.js" type="module" nonce="${CSP_NONCE_PLACEHOLDER}"></script></body></html>`,
    );
    writeFileSync(join(consoleDir, 'main-ABCDEFGH.js'), 'console.log("console")');
    t = await startTestApp({ LATCHKEY_CONSOLE_DIR: consoleDir, LATCHKEY_TRUST_PROXY: '1' });
    await seedFixtures(t);
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  const cspOf = (header: unknown) =>
    new Map(
      String(header)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values] as const),
    );

  it('serves console pages with a strict CSP whose nonce is new each time and matches the page', async () => {
    const first = await request(server).get('/users');
    const second = await request(server).get('/');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/text\/html/);
    expect(first.headers['cache-control']).toBe('no-store');

    const csp = cspOf(first.headers['content-security-policy']);
    const nonce = csp.get('script-src')?.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    // Nothing inline may run: no 'unsafe-inline' or 'unsafe-eval' anywhere in the console's policy.
    expect(String(first.headers['content-security-policy'])).not.toMatch(/unsafe/);

    expect(first.text).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(first.text.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`]);
    expect(first.text).toContain(`ngCspNonce="${nonce}"`);
    const secondNonce = cspOf(second.headers['content-security-policy']).get('script-src')?.[1];
    expect(secondNonce).not.toBe(`'nonce-${nonce}'`);
    expect(second.text).toContain(`ngCspNonce="${secondNonce?.slice(7, -1)}"`);
  });

  it('serves hashed console files as immutable, and index.html never raw', async () => {
    const asset = await request(server).get('/main-ABCDEFGH.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const index = await request(server).get('/index.html');
    expect(index.text).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect((await request(server).get('/missing-file.js')).status).toBe(404);
  });

  it("sends helmet's headers on API answers too", async () => {
    const res = await request(server).get(ApiPaths.state);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(cspOf(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
  });

  const cookieLine = (res: request.Response, name: string) =>
    ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

  it('marks cookies Secure behind an HTTPS proxy, and httpOnly/SameSite always', async () => {
    const plain = new TestClient(server);
    const plainState = await plain.get(ApiPaths.state);
    expect(cookieLine(plainState, XSRF_COOKIE)).not.toMatch(/;\s*Secure/i);

    const https = { 'X-Forwarded-Proto': 'https' };
    const xsrf = await request(server).get(ApiPaths.state).set(https);
    const xsrfCookie = cookieLine(xsrf, XSRF_COOKIE);
    expect(xsrfCookie).toMatch(/;\s*Secure/i);
    expect(xsrfCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(xsrfCookie).not.toMatch(/HttpOnly/i);

    const token = decodeURIComponent(String(xsrfCookie).split(';')[0].split('=')[1]);
    const signIn = await request(server)
      .post(ApiPaths.login)
      .set(https)
      .set('Cookie', `${XSRF_COOKIE}=${token}`)
      .set('X-XSRF-TOKEN', token)
      .send({ email: 'emma@acme.test', password: PASSWORD });
    expect(signIn.status).toBe(200);
    const session = cookieLine(signIn, SESSION_COOKIE);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);

    const plainSignIn = await new TestClient(server).signIn('emma@acme.test', PASSWORD);
    expect(cookieLine(plainSignIn, SESSION_COOKIE)).not.toMatch(/;\s*Secure/i);
  });

  it('ends every session of the login on sign-out-everywhere, the caller’s own included', async () => {
    const laptop = new TestClient(server);
    const phone = new TestClient(server);
    await laptop.signIn('emma@acme.test', PASSWORD);
    await phone.signIn('emma@acme.test', PASSWORD);
    const other = new TestClient(server);
    await other.signIn('olivia@acme.test', PASSWORD);
    expect((await phone.get(ApiPaths.me)).status).toBe(200);

    expect((await laptop.post(ApiPaths.signOutEverywhere)).status).toBeLessThan(300);
    expect((await phone.get(ApiPaths.me)).status).toBe(401);
    expect((await laptop.get(ApiPaths.me)).status).toBe(401);
    // Another person's session is untouched.
    expect((await other.get(ApiPaths.me)).status).toBe(200);
  });
});

describe('requests Node refuses before the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => t.close());

  it('answers oversized headers with 431 in the usual error shape', async () => {
    const { port } = t.app.getHttpServer().address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}${ApiPaths.state}`, { headers: { 'X-Big': 'x'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ statusCode: 431, message: expect.stringContaining('too large') });
  });
});

describe('session ids and revocation across the second-factor steps', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, { manager: { method: 'authenticator' }, employee: { method: 'pin' } });
  });
  afterAll(() => t.close());

  /** Each step's answer, with the session id before and after it. */
  async function step(c: TestClient, path: string, body?: unknown) {
    const before = c.sessionId;
    const res = await c.post(path, body);
    expect(res.status).toBe(200);
    return { before, after: c.sessionId, state: res.body.state as string };
  }

  /** A copy of the client holding an old session id: it must be worth nothing now. */
  async function expectWorthless(sid: string | undefined) {
    const stale = await new TestClient(server).begin();
    stale.cookies.set(SESSION_COOKIE, sid as string);
    expect((await stale.get(ApiPaths.state)).body.state).toBe('signed-out');
    expect((await stale.get(ApiPaths.me)).status).toBe(401);
  }

  it('changes the session id at every step: password, pick, enrolment, code, PIN set-up, PIN', async () => {
    const seen = new Set<string>();
    const walk = async (c: TestClient, path: string, body: unknown, state: string) => {
      const s = await step(c, path, body);
      expect(s.state).toBe(state);
      expect(s.after).toBeDefined();
      expect(s.after).not.toBe(s.before);
      expect(seen.has(s.after as string)).toBe(false);
      seen.add(s.after as string);
      if (s.before) await expectWorthless(s.before);
    };

    const sam = await new TestClient(server).begin();
    await walk(sam, ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD }, 'pick-login');
    await walk(sam, ApiPaths.pick, { loginId: f.sam.managerLogin }, 'totp-enrol');
    const secret = secretOf((await sam.post(ApiPaths.totpEnrol)).body.otpauthUri);
    await walk(sam, ApiPaths.totpEnrolConfirm, { code: totpAt(secret, now()) }, 'signed-in');

    const again = await new TestClient(server).begin();
    await walk(again, ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD }, 'pick-login');
    await walk(again, ApiPaths.pick, { loginId: f.sam.managerLogin }, 'totp');
    await walk(again, ApiPaths.totp, { code: totpAt(secret, now() + 30) }, 'signed-in');

    const emma = await new TestClient(server).begin();
    await walk(emma, ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD }, 'pin-setup');
    await walk(emma, ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' }, 'signed-in');
    const emmaAgain = await new TestClient(server).begin();
    await walk(emmaAgain, ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD }, 'pin');
    await walk(emmaAgain, ApiPaths.pin, { pin: '480263' }, 'signed-in');
  });

  it('ends the sessions of a user type when its policy is raised with sign-out, and asks for the new factor', async () => {
    const raised = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.administrator), {
      method: 'off',
      graceDays: 0,
    });
    expect(raised.status).toBe(200);
    const admin = new TestClient(server);
    expect((await admin.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    const employee = new TestClient(server);
    await employee.signIn('emma@acme.test', PASSWORD);
    const emmaPin = await employee.post(ApiPaths.pin, { pin: '480263' });
    expect(emmaPin.body.state).toBe('signed-in');

    // Employees go from PIN to the authenticator; their sessions end now, the owner's do not.
    const raise = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'authenticator',
      graceDays: 0,
      signOutAffected: true,
    });
    expect(raise.status).toBe(200);
    expect((await employee.get(ApiPaths.me)).status).toBe(401);
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
    expect((await admin.get(ApiPaths.me)).status).toBe(200);
    const next = await new TestClient(server).signIn('emma@acme.test', PASSWORD);
    expect(next.body.state).toBe('totp-enrol');
  });
});

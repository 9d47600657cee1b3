import type { Server } from 'node:http';
import { ApiPaths, SESSION_COOKIE } from '@latchkey/contracts';
import { Login } from '../src/directory/login.entity';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { SessionRow } from '../src/database/session.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

describe('password sign-in (HTTP, real database)', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  const client = () => new TestClient(server).begin();

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  const auditRows = (action: string) => t.dataSource.getRepository(AuditEvent).findBy({ action });

  it('signs a one-login user straight in, with an httpOnly SameSite session cookie', async () => {
    const c = await client();
    const res = await c.post(ApiPaths.login, { email: 'Emma@Acme.test ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'signed-in',
      me: {
        email: 'emma@acme.test',
        loginId: f.emma.login,
        role: 'user',
        tenantName: 'Acme',
        userTypeName: 'Employee',
      },
    });
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((l) =>
      l.startsWith(SESSION_COOKIE),
    );
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await c.get(ApiPaths.me);
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe('Emma');
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await (
      await client()
    ).post(ApiPaths.login, { email: 'emma@acme.test', password: 'not-it' });
    const unknown = await (
      await client()
    ).post(ApiPaths.login, { email: 'nobody@acme.test', password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Incorrect email or password',
      code: 'sign-in.wrong-credentials',
      params: {},
    });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain(SESSION_COOKIE);
  });

  it('writes an audit event for every failure, under the tenant of the login when there is one', async () => {
    await (await client()).post(ApiPaths.login, { email: 'olivia@acme.test', password: 'nope-nope' });
    await (await client()).post(ApiPaths.login, { email: 'ghost@nowhere.test', password: 'nope-nope' });
    const failed = await auditRows('sign-in.failed');
    const forOlivia = failed.find((e) => e.actorIdentityId === f.olivia.identityId);
    expect(forOlivia).toMatchObject({ tenantId: f.acme.id, after: { reason: 'wrong-password' } });
    expect(forOlivia?.address).toBeTruthy();
    const forGhost = failed.find((e) => e.actorLabel === 'ghost@nowhere.test');
    expect(forGhost).toMatchObject({
      tenantId: null,
      actorIdentityId: null,
      after: { reason: 'unknown-email' },
    });
  });

  it('shows the picker only after a matching password, listing only that email’s logins', async () => {
    const c = await client();
    const res = await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('pick-login');
    const ids = res.body.logins.map((l: { loginId: string }) => l.loginId).sort();
    expect(ids).toEqual([f.sam.employeeLogin, f.sam.managerLogin].sort());
    expect(res.body.logins.map((l: { userTypeName: string }) => l.userTypeName).sort()).toEqual([
      'Employee',
      'Manager',
    ]);

    const state = await c.get(ApiPaths.state);
    expect(state.body.state).toBe('pick-login');
    expect(state.body.logins).toHaveLength(2);

    const wrong = await (
      await client()
    ).post(ApiPaths.login, { email: 'sam@acme.test', password: 'wrong-one' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.logins).toBeUndefined();
  });

  it('refuses to pick a login of another email, and stays pending', async () => {
    const c = await client();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const foreign = await c.post(ApiPaths.pick, { loginId: f.emma.login });
    expect(foreign.status).toBe(404);
    expect((await c.get(ApiPaths.me)).status).toBe(401);
    expect((await c.get(ApiPaths.state)).body.state).toBe('pick-login');
    const refused = await auditRows('sign-in.pick-refused');
    expect(refused.some((e) => e.targetId === f.emma.login && e.actorIdentityId === f.sam.identityId)).toBe(
      true,
    );
  });

  it('rotates the session id at each step, so an id from before a step is worthless', async () => {
    const c = await client();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const pendingSid = c.sessionId;
    expect(pendingSid).toBeDefined();

    const picked = await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(picked.body).toMatchObject({
      state: 'signed-in',
      me: { loginId: f.sam.managerLogin, userTypeName: 'Manager' },
    });
    expect(c.sessionId).toBeDefined();
    expect(c.sessionId).not.toBe(pendingSid);

    const stale = new TestClient(server);
    stale.cookies.set(SESSION_COOKIE, pendingSid as string);
    await stale.begin();
    expect((await stale.get(ApiPaths.me)).status).toBe(401);
    expect((await stale.post(ApiPaths.pick, { loginId: f.sam.employeeLogin })).status).toBe(401);
    expect((await c.get(ApiPaths.me)).body.loginId).toBe(f.sam.managerLogin);

    const succeeded = await auditRows('sign-in.succeeded');
    expect(succeeded.some((e) => e.actorLoginId === f.sam.managerLogin && e.tenantId === f.acme.id)).toBe(
      true,
    );
  });

  it('signs out: the session is deleted server-side and its cookie no longer works', async () => {
    const c = await client();
    await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    const sid = c.sessionId as string;
    expect(await t.dataSource.getRepository(SessionRow).countBy({ loginId: f.emma.login })).toBeGreaterThan(
      0,
    );

    const out = await c.post(ApiPaths.logout);
    expect(out.body).toEqual({ state: 'signed-out' });

    const replay = new TestClient(server);
    replay.cookies.set(SESSION_COOKIE, sid);
    expect((await replay.get(ApiPaths.me)).status).toBe(401);
    const rawId = decodeURIComponent(sid).slice(2).split('.')[0];
    expect(await t.dataSource.getRepository(SessionRow).countBy({ id: rawId })).toBe(0);
    expect((await auditRows('sign-out')).some((e) => e.actorLoginId === f.emma.login)).toBe(true);
  });

  it('holds a super user to the authenticator: enrolment first, postponed only within the grace', async () => {
    const c = await client();
    const res = await c.post(ApiPaths.login, { email: 'root@latchkey.test', password: PASSWORD });
    expect(res.body.state).toBe('totp-enrol');
    const days = (Date.parse(res.body.deadline) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    expect((await c.get(ApiPaths.me)).status).toBe(401);
    const postponed = await c.post(ApiPaths.postpone);
    expect(postponed.body).toMatchObject({ state: 'signed-in', me: { role: 'super', tenantId: null } });
  });

  it('expires a pending sign-in after its time', async () => {
    const c = await client();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const id = decodeURIComponent(c.sessionId as string)
      .slice(2)
      .split('.')[0];
    const rows = t.dataSource.getRepository(SessionRow);
    const row = await rows.findOneByOrFail({ id });
    const data = JSON.parse(row.data);
    data.signIn.expiresAt = Date.now() - 1000;
    await rows.update({ id }, { data: JSON.stringify(data) });

    const late = await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/expired/i);
    expect((await c.get(ApiPaths.state)).body).toEqual({ state: 'signed-out' });
  });

  it('refuses state-changing calls without the XSRF header', async () => {
    const c = await client();
    const res = await c.send(
      'POST',
      ApiPaths.login,
      { email: 'emma@acme.test', password: PASSWORD },
      { 'X-XSRF-TOKEN': 'forged.token' },
    );
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/XSRF/);
  });
});

describe('wrong passwords make the email wait, and never lock its logins', () => {
  let t: TestApp;
  let f: Fixtures;
  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
  });
  afterAll(() => t.close());

  it('answers a right password during the wait exactly like a wrong one, and leaves the logins unlocked', async () => {
    const server = t.app.getHttpServer();
    for (let i = 0; i < 5; i++) {
      const c = await new TestClient(server).begin();
      expect((await c.post(ApiPaths.login, { email: 'emma@acme.test', password: 'guess-' + i })).status).toBe(
        401,
      );
    }
    const right = await new TestClient(server).begin();
    const wrong = await new TestClient(server).begin();
    const [a, b] = await Promise.all([
      right.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD }),
      wrong.post(ApiPaths.login, { email: 'emma@acme.test', password: 'guess-again' }),
    ]);
    expect(a.status).toBe(423);
    expect(a.body).toMatchObject({ reason: 'locked' });
    expect(Date.parse(a.body.lockedUntil)).toBeGreaterThan(Date.now());
    expect([b.status, b.body]).toEqual([a.status, a.body]);
    expect((await right.get(ApiPaths.me)).status).toBe(401);
    const login = await t.dataSource.getRepository(Login).findOneByOrFail({ tenantId: f.acme.id, id: f.emma.login });
    expect([login.failedAttempts, login.lockedOut, login.lockedUntil]).toEqual([0, false, null]);
    const failed = await t.dataSource.getRepository(AuditEvent).findBy({ action: 'sign-in.failed' });
    expect(failed.map((e) => e.after?.['failures']).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(failed.find((e) => e.after?.['failures'] === 5)?.after?.['waitUntil']).toBeDefined();
  });
});

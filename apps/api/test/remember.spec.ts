import type { Server } from 'node:http';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** "Remember this browser", sign-out everywhere, and the super user's own security page. */
describe('remembered browsers', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  /** Emma (Employee, PIN) through the password step, in a browser that keeps its cookies. */
  const emmaAt = async (browser: TestClient) => {
    for (const name of [...browser.cookies.keys()]) if (name === 'latchkey.sid') browser.cookies.delete(name);
    await browser.begin();
    return (await browser.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body;
  };
  const setEmployee = (method: string, rememberDays: number) =>
    owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method,
      graceDays: 0,
      rememberDays,
    });

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    const root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
    owner = new TestClient(server);
    await owner.signIn('olivia@acme.test', PASSWORD);
    await setEmployee('pin', 30);
    const setup = await new TestClient(server).begin();
    await setup.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    await setup.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' });
  });
  afterAll(() => t.close());

  it('offers to remember the browser, then skips the PIN in it, and only in it', async () => {
    const browser = new TestClient(server);
    expect(await emmaAt(browser)).toMatchObject({ state: 'pin', deadline: null, rememberDays: 30 });
    const ok = await browser.post(ApiPaths.pin, { pin: '480263', rememberBrowser: true });
    expect(ok.body.state).toBe('signed-in');
    const cookie = (ok.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`lk_rb_${f.emma.login}=`),
    );
    expect(cookie).toMatch(/HttpOnly/i);

    expect((await emmaAt(browser)).state).toBe('signed-in');
    expect((await emmaAt(new TestClient(server))).state).toBe('pin');
  });

  it('forgets the browser when the policy is raised, and when the owner resets the login', async () => {
    const browser = new TestClient(server);
    await emmaAt(browser);
    await browser.post(ApiPaths.pin, { pin: '480263', rememberBrowser: true });
    expect((await emmaAt(browser)).state).toBe('signed-in');

    await setEmployee('authenticator', 30);
    expect((await emmaAt(browser)).state).toBe('totp-enrol');
    await setEmployee('pin', 30);
    expect((await emmaAt(browser)).state).toBe('pin');
    await browser.post(ApiPaths.pin, { pin: '480263', rememberBrowser: true });
    expect((await emmaAt(browser)).state).toBe('signed-in');

    await owner.post(ApiPaths.reset(f.acme.id, f.emma.login));
    expect((await emmaAt(browser)).state).toBe('handover');
  });

  it('does not remember where the user type allows 0 days, and sign-out everywhere ends every session', async () => {
    await t.dataSource.query(`UPDATE login SET handover_hash = NULL, handover_expires_at = NULL`);
    await setEmployee('off', 0);
    const a = new TestClient(server);
    const b = new TestClient(server);
    expect((await emmaAt(a)).state).toBe('signed-in');
    expect((await emmaAt(b)).state).toBe('signed-in');
    expect((await a.post(ApiPaths.signOutEverywhere)).status).toBe(204);
    expect((await a.get(ApiPaths.me)).status).toBe(401);
    expect((await b.get(ApiPaths.me)).status).toBe(401);
  });

  it('serves a super user their own security page', async () => {
    const root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    const res = await root.get(ApiPaths.mySecurity);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      effective: { method: 'authenticator', reason: { layer: 'super-user' } },
      canOptIn: false,
    });
  });
});

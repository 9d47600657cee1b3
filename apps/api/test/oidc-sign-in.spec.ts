import type { Server } from 'node:http';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ACR_OF_METHOD, ApiPaths } from '@latchkey/contracts';
import { DirectoryService } from '../src/directory/directory.service';
import type { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, type Fixtures } from './fixtures';
import type { TestApp } from './harness';
import { authorizationOf, listeningProvider, OidcBrowser, redeem, registeredClient } from './oidc-browser';
import { secretOf, totpAt } from './totp-vectors';

/**
 * Applications sign in through Latchkey (DESIGN §10): a real OpenID client (`openid-client`)
 * and a cookie-keeping browser, through the API's own sign-in steps, for each method.
 */
describe('Signing in to an application through Latchkey', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let base: string;
  let owner: TestClient;
  let hr: client.Configuration;
  let tickets: client.Configuration;
  const callback = 'https://hr.example.com/auth/callback';
  const ticketsCallback = 'http://localhost:4300/callback';
  const signedOutPage = 'https://hr.example.com/';

  beforeAll(async () => {
    let issuer: URL;
    ({ t, f, server, base, issuer } = await listeningProvider());
    owner = await acmeWithPolicy(server, f, {
      employee: { method: 'pin' },
      manager: { method: 'authenticator' },
    });
    hr = await registeredClient(owner, f.acme.id, issuer, {
      name: 'HR portal',
      kind: 'confidential',
      redirectUris: [callback],
      postLogoutRedirectUris: [signedOutPage],
    });
    tickets = await registeredClient(owner, f.acme.id, issuer, {
      name: 'Tickets',
      kind: 'public',
      redirectUris: [ticketsCallback],
    });
  });
  afterAll(() => t.close());

  const browser = () => new OidcBrowser(server, base);

  async function verifiedIdToken(idToken: string | undefined): Promise<Record<string, unknown>> {
    const jwks = createRemoteJWKSet(new URL(`${base}/oidc/jwks`));
    const { payload } = await jwtVerify(String(idToken), jwks, {
      issuer: `${base}/oidc`,
      audience: hr.clientMetadata().client_id,
    });
    return payload;
  }

  it('signs in a login whose type asks for no factor, and says so in the signed ID token', async () => {
    const b = browser();
    const a = await authorizationOf(hr, callback);
    const page = await b.start(a);
    expect(page.pathname).toBe('/sign-in');
    // The sign-in pages name the application the sign-in returns to.
    expect((await b.get(ApiPaths.state)).body).toEqual({
      state: 'signed-out',
      app: { applicationName: 'HR portal', tenantName: 'Acme' },
    });
    const answer = await b.password('olivia@acme.test', PASSWORD);
    expect(answer.body.state).toBe('signed-in');
    const back = await b.back(answer.body.redirectTo);
    expect(`${back.origin}${back.pathname}`).toBe(callback);
    const tokens = await redeem(hr, back, a);
    const claims = await verifiedIdToken(tokens.id_token);
    expect(claims).toMatchObject({
      sub: f.olivia.login,
      tenant: f.acme.id,
      tenant_name: 'Acme',
      user_type: 'Administrator',
      email: 'olivia@acme.test',
      name: 'Olivia',
      amr: ['pwd'],
      acr: ACR_OF_METHOD.off,
    });
    expect(typeof claims['auth_time']).toBe('number');
    const info = await client.fetchUserInfo(hr, tokens.access_token, f.olivia.login);
    expect(info).toMatchObject({
      sub: f.olivia.login,
      tenant: f.acme.id,
      user_type: 'Administrator',
      amr: ['pwd'],
    });
  });

  it('asks a PIN user to choose a PIN, then answers pin in amr and acr', async () => {
    const b = browser();
    const a = await authorizationOf(tickets, ticketsCallback);
    await b.start(a);
    expect((await b.password('emma@acme.test', PASSWORD)).body.state).toBe('pin-setup');
    const done = await b.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' });
    expect(done.body.state).toBe('signed-in');
    const tokens = await redeem(tickets, await b.back(done.body.redirectTo), a);
    expect(tokens.claims()).toMatchObject({
      sub: f.emma.login,
      amr: ['pwd', 'pin', 'mfa'],
      acr: ACR_OF_METHOD.pin,
    });
  });

  it('enrols an authenticator user (picking the Manager login), then answers otp', async () => {
    const b = browser();
    const a = await authorizationOf(hr, callback);
    await b.start(a);
    const picker = await b.password('sam@acme.test', PASSWORD);
    expect(picker.body.state).toBe('pick-login');
    expect(picker.body.app).toEqual({ applicationName: 'HR portal', tenantName: 'Acme' });
    const enrol = await b.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(enrol.body).toMatchObject({ state: 'totp-enrol', deadline: null });
    const secret = secretOf((await b.post(ApiPaths.totpEnrol)).body.otpauthUri);
    const confirmed = await b.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, Date.now() / 1000) });
    expect(confirmed.body.state).toBe('signed-in');
    expect(confirmed.body.backupCodes).toHaveLength(10);
    const tokens = await redeem(hr, await b.back(confirmed.body.redirectTo), a);
    expect(tokens.claims()).toMatchObject({
      sub: f.sam.managerLogin,
      user_type: 'Manager',
      amr: ['pwd', 'otp', 'mfa'],
      acr: ACR_OF_METHOD.authenticator,
    });
  });

  it('steps up: an application asking for the authenticator gets it from a PIN user, never less', async () => {
    const b = browser();
    const a = await authorizationOf(hr, callback, { acr_values: ACR_OF_METHOD.authenticator });
    await b.start(a);
    // Emma's type asks for a PIN; the application asks for more: she enrols, with no postponing.
    const step = await b.password('emma@acme.test', PASSWORD);
    expect(step.body).toMatchObject({ state: 'totp-enrol', deadline: null });
    expect((await b.post(ApiPaths.postpone)).status).toBe(403);
    const secret = secretOf((await b.post(ApiPaths.totpEnrol)).body.otpauthUri);
    const confirmed = await b.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, Date.now() / 1000) });
    const tokens = await redeem(hr, await b.back(confirmed.body.redirectTo), a);
    expect(tokens.claims()).toMatchObject({ sub: f.emma.login, acr: ACR_OF_METHOD.authenticator });
  });

  it('signs a browser already signed in straight back (single sign-on), unless max_age has passed or prompt=login', async () => {
    const b = browser();
    const first = await authorizationOf(hr, callback);
    await b.start(first);
    const answer = await b.password('olivia@acme.test', PASSWORD);
    const firstTokens = await redeem(hr, await b.back(answer.body.redirectTo), first);

    const again = await authorizationOf(tickets, ticketsCallback);
    const back = await b.start(again);
    expect(`${back.origin}${back.pathname}`).toBe(ticketsCallback);
    const tokens = await redeem(tickets, back, again);
    // The same sign-in: its time, not a new one.
    expect(tokens.claims()?.auth_time).toBe(firstTokens.claims()?.auth_time);

    // A max_age the sign-in is older than asks again, as prompt=login does.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tooOld = await authorizationOf(hr, callback, { max_age: '1' });
    expect((await b.start(tooOld)).pathname).toBe('/sign-in');
    const again2 = await b.password('olivia@acme.test', PASSWORD);
    expect(again2.body.state).toBe('signed-in');
    await b.back(again2.body.redirectTo);

    const forced = await authorizationOf(hr, callback, { prompt: 'login' });
    expect((await b.start(forced)).pathname).toBe('/sign-in');
    expect((await b.get(ApiPaths.state)).body.state).toBe('signed-out');
  });

  it('signs in only logins of the application’s tenant: the picker leaves the others out', async () => {
    const directory = t.app.get(DirectoryService);
    await directory.createLogin({
      tenantId: f.globex.id,
      identityId: f.sam.identityId,
      userTypeId: f.globex.employee,
      displayName: 'Sam at Globex',
      role: 'user',
    });
    const b = browser();
    await b.start(await authorizationOf(hr, callback));
    const picker = await b.password('sam@acme.test', PASSWORD);
    const tenants = (picker.body.logins as Array<{ tenantName: string; loginId: string }>).map(
      (l) => l.tenantName,
    );
    expect(tenants).toEqual(['Acme', 'Acme']);
    // A Globex login cannot be picked by hand either.
    const globexLogin = (await directory.loginsOf(f.sam.identityId)).find(
      (v) => v.login.tenantId === f.globex.id,
    );
    expect((await b.post(ApiPaths.pick, { loginId: String(globexLogin?.login.id) })).status).toBe(404);

    const g = browser();
    await g.start(await authorizationOf(hr, callback));
    const refused = await g.password('gail@globex.test', PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('HR portal');
  });

  it('signs out of the application and of Latchkey when the application asks and the user confirms', async () => {
    const b = browser();
    const a = await authorizationOf(hr, callback);
    await b.start(a);
    const answer = await b.password('olivia@acme.test', PASSWORD);
    const tokens = await redeem(hr, await b.back(answer.body.redirectTo), a);

    const end = client.buildEndSessionUrl(hr, {
      id_token_hint: String(tokens.id_token),
      post_logout_redirect_uri: signedOutPage,
    });
    const confirmPage = await b.get(`${end.pathname}${end.search}`);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('Sign out of HR portal and of Latchkey?');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmPage.text)?.[1];
    const confirmed = await b.send('POST', '/oidc/session/end/confirm', `xsrf=${xsrf}&logout=yes`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers['location']).toBe(signedOutPage);
    // The console's session ended too: the next sign-in to any application asks again.
    expect((await b.get(ApiPaths.state)).body.state).toBe('signed-out');
    expect((await b.start(await authorizationOf(tickets, ticketsCallback))).pathname).toBe('/sign-in');
  });

  it('refuses the hand-over to a browser that did not start the sign-in (no login planted in another’s)', async () => {
    const starter = browser();
    const { url } = await authorizationOf(hr, callback);
    const authorize = await starter.get(`${url.pathname}${url.search}`);
    expect(authorize.status).toBe(303);
    const handOver = String(authorize.headers['location']);
    expect(handOver).toMatch(/^\/api\/v1\/auth\/interaction\//);

    // Someone else opens the link: no interaction cookie, so no sign-in of theirs can finish it.
    const other = browser();
    await other.begin();
    const refused = await other.get(handOver);
    expect(refused.status).toBe(303);
    expect(refused.headers['location']).toBe('/sign-in?notice=app-link-expired');
    expect((await other.get(ApiPaths.state)).body).toEqual({ state: 'signed-out' });
  });
});

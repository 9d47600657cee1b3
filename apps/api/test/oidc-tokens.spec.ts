import type { Server } from 'node:http';
import * as client from 'openid-client';
import { ApiPaths } from '@latchkey/contracts';
import type { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, type Fixtures } from './fixtures';
import type { TestApp } from './harness';
import { authorizationOf, listeningProvider, OidcBrowser, redeem, registeredClient } from './oidc-browser';

/**
 * What an application holds after a sign-in through Latchkey: codes spent once and by their own
 * client only, refresh tokens rotated, and everything ended by an owner's reset or a sign-out
 * everywhere (DESIGN §10), over real HTTP with `openid-client`.
 */
describe('Tokens of the applications', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let base: string;
  let owner: TestClient;
  let hr: client.Configuration;
  let payroll: client.Configuration;
  const callback = 'https://hr.example.com/auth/callback';
  const payrollCallback = 'https://payroll.example.com/cb';

  beforeAll(async () => {
    let issuer: URL;
    ({ t, f, server, base, issuer } = await listeningProvider());
    owner = await acmeWithPolicy(server, f, { employee: { method: 'pin' } });
    const confidential = (name: string, uri: string) =>
      registeredClient(owner, f.acme.id, issuer, { name, kind: 'confidential', redirectUris: [uri] });
    hr = await confidential('HR portal', callback);
    payroll = await confidential('Payroll', payrollCallback);
  });
  afterAll(() => t.close());

  /** Signs Emma in to HR with her PIN (set up on her first sign-in); answers the callback URL. */
  async function emmaSignsIn(extra: Record<string, string> = {}) {
    const b = new OidcBrowser(server, base);
    const a = await authorizationOf(hr, callback, extra);
    await b.start(a);
    let answer = await b.password('emma@acme.test', PASSWORD);
    if (answer.body.state === 'pin-setup')
      answer = await b.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' });
    else answer = await b.post(ApiPaths.pin, { pin: '480263' });
    expect(answer.body.state).toBe('signed-in');
    return { back: await b.back(answer.body.redirectTo), a, browser: b };
  }

  it('spends a code once, whoever asks first, and never for another application', async () => {
    const { back, a } = await emmaSignsIn();
    const code = String(back.searchParams.get('code'));
    // Another application presenting HR's code: refused (and the code is not spent by it).
    await expect(
      client.authorizationCodeGrant(payroll, new URL(`${payrollCallback}?${back.searchParams}`), {
        pkceCodeVerifier: a.verifier,
        expectedState: a.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    // Ten redemptions of the same code at once: one gets tokens.
    const tokenRequest = () =>
      fetch(`${base}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${hr.clientMetadata().client_id}:${String(hr.clientMetadata().client_secret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: callback,
          code_verifier: a.verifier,
        }),
      });
    const answers = await Promise.all(Array.from({ length: 10 }, tokenRequest));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of answers.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    }
  });

  const userinfoStatus = async (accessToken: string) =>
    (await fetch(`${base}/oidc/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

  it('rotates refresh tokens: the new one works; the old one, replayed, ends the grant', async () => {
    const { back, a } = await emmaSignsIn();
    const tokens = await redeem(hr, back, a);
    const first = String(tokens.refresh_token);
    const renewed = await client.refreshTokenGrant(hr, first);
    expect(renewed.refresh_token).toBeDefined();
    expect(renewed.refresh_token).not.toBe(first);
    expect((await client.fetchUserInfo(hr, renewed.access_token, f.emma.login)).sub).toBe(f.emma.login);
    // A spent refresh token presented again is a stolen one: refused, and the grant ends with it.
    await expect(client.refreshTokenGrant(hr, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await userinfoStatus(renewed.access_token)).toBe(401);
    await expect(client.refreshTokenGrant(hr, String(renewed.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('ends them when the user signs out everywhere', async () => {
    const { back, a, browser } = await emmaSignsIn();
    const tokens = await redeem(hr, back, a);
    expect((await browser.post(ApiPaths.signOutEverywhere)).status).toBe(204);
    await expect(client.refreshTokenGrant(hr, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await userinfoStatus(tokens.access_token)).toBe(401);
  });

  it('ends them when the owner raises the user type’s policy and signs its users out now', async () => {
    const { back, a } = await emmaSignsIn();
    const tokens = await redeem(hr, back, a);
    const raise = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'authenticator',
      graceDays: 7,
      signOutAffected: true,
    });
    expect(raise.status).toBe(200);
    await expect(client.refreshTokenGrant(hr, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await userinfoStatus(tokens.access_token)).toBe(401);
    // Back to the PIN for the tests that follow.
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'pin',
      graceDays: 0,
    });
  });

  it('ends refresh and access tokens when an owner resets the login', async () => {
    const { back, a } = await emmaSignsIn();
    const tokens = await redeem(hr, back, a);
    expect((await client.fetchUserInfo(hr, tokens.access_token, f.emma.login)).sub).toBe(f.emma.login);

    expect((await owner.post(ApiPaths.reset(f.acme.id, f.emma.login))).status).toBe(200);
    await expect(client.refreshTokenGrant(hr, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await userinfoStatus(tokens.access_token)).toBe(401);
  });

  it('ends every token of a tenant the super user suspends', async () => {
    const b = new OidcBrowser(server, base);
    const a = await authorizationOf(hr, callback);
    await b.start(a);
    const answer = await b.password('olivia@acme.test', PASSWORD);
    const tokens = await redeem(hr, await b.back(answer.body.redirectTo), a);
    const root = new OidcBrowser(server, base);
    await root.signIn('root@latchkey.test', PASSWORD);
    expect((await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { suspended: true })).status).toBe(
      200,
    );
    await expect(client.refreshTokenGrant(hr, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await userinfoStatus(tokens.access_token)).toBe(401);
  });
});

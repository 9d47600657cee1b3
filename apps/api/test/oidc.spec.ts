import * as client from 'openid-client';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';
import { freePort } from './oidc-browser';

/**
 * The OpenID provider (DESIGN §10), talked to by a real client (`openid-client`) over HTTP:
 * discovery, keys, and what it refuses before anyone signs in (oidc-sign-in.spec.ts signs in).
 */
describe('OpenID provider', () => {
  let t: TestApp;
  let f: Fixtures;
  let base: string;
  let issuer: URL;
  let confidential: { id: string; secret: string };
  let publicApp: string;
  const callback = 'https://hr.example.com/auth/callback';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = new URL(`${base}/oidc`);
    t = await startTestApp({ LATCHKEY_PUBLIC_URL: base });
    f = await seedFixtures(t);
    await t.app.listen(port, '127.0.0.1');
    const owner = new TestClient(t.app.getHttpServer());
    await owner.signIn('olivia@acme.test', PASSWORD);
    const made = await owner.post(ApiPaths.applications(f.acme.id), {
      name: 'HR portal',
      kind: 'confidential',
      redirectUris: [callback],
    });
    confidential = { id: made.body.application.id, secret: made.body.clientSecret };
    const spa = await owner.post(ApiPaths.applications(f.acme.id), {
      name: 'Ticket app',
      kind: 'public',
      redirectUris: ['http://localhost:4300/callback'],
    });
    publicApp = spa.body.application.id;
  });
  afterAll(() => t.close());

  const discover = (clientId: string, secret?: string) =>
    client.discovery(issuer, clientId, secret, undefined, { execute: [client.allowInsecureRequests] });
  const authorize = (params: Record<string, string>) =>
    fetch(`${base}/oidc/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });

  it('publishes its discovery document at the issuer, with PKCE and no shared-key signing', async () => {
    const config = await discover(confidential.id, confidential.secret);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(`${base}/oidc`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    // The algorithms of the configured keys only: never a secret-keyed HS256.
    expect(meta.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'none']),
    );
    expect(meta.token_endpoint_auth_methods_supported).not.toContain('client_secret_jwt');
    expect(meta.revocation_endpoint).toBe(`${base}/oidc/token/revocation`);
    expect(meta.end_session_endpoint).toBe(`${base}/oidc/session/end`);
  });

  it('publishes the configured signing key, and no private part of it', async () => {
    const meta = (await discover(confidential.id, confidential.secret)).serverMetadata();
    const jwks = (await (await fetch(String(meta.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: 'test-key-1', kty: 'RSA', use: 'sig' });
    for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(part);
  });

  it('sends a valid request of a public client, with PKCE, to the sign-in pages', async () => {
    const config = await discover(publicApp);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://localhost:4300/callback',
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/api\/v1\/auth\/interaction\/[\w-]+$/);
  });

  it('refuses an unknown client without redirecting anywhere', async () => {
    const res = await authorize({
      client_id: 'no-such-client',
      redirect_uri: 'https://evil.example/cb',
      response_type: 'code',
      scope: 'openid',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const page = await res.text();
    expect(page).toContain('invalid_client');
    expect(page).not.toContain('evil.example');
  });

  it('never redirects to a URI the application did not register', async () => {
    const res = await authorize({
      client_id: confidential.id,
      redirect_uri: 'https://evil.example/cb',
      response_type: 'code',
      scope: 'openid',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses a public client without PKCE, answering at its registered URI', async () => {
    const res = await authorize({
      client_id: publicApp,
      redirect_uri: 'http://localhost:4300/callback',
      response_type: 'code',
      scope: 'openid',
    });
    expect(res.status).toBe(303);
    const location = new URL(String(res.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:4300/callback');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('PKCE');
  });

  it('checks a confidential client by the hash of its secret', async () => {
    const token = (secret: string) =>
      fetch(`${base}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${confidential.id}:${secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'no-such-code',
          redirect_uri: callback,
        }),
      });
    const wrong = await token(`${confidential.secret}x`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    // The right secret gets past client authentication: the code is what is refused now.
    const right = await token(confidential.secret);
    expect(right.status).toBe(400);
    expect(((await right.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

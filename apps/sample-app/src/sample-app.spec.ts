import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ACR, DEFAULT_PORT, DEMO_CLIENT_ID, SCOPE } from './config';
import { homeSignedIn } from './pages';
import { createSampleApp, SESSION_COOKIE } from './sample-app';

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/**
 * What is the sample application's own: the authorization request it sends (PKCE S256, state,
 * nonce, acr_values on step-up), the checks on the way back, and its pages. The issuer is only a
 * discovery document served here; the whole journey through Latchkey is the browser tests'.
 */
describe('the sample application', () => {
  let issuerServer: Server;
  let appServer: Server;
  let issuer: string;
  let app: string;
  const clientId = 'sample-client';
  let tokenCalls = 0;

  beforeAll(async () => {
    issuerServer = createHttpServer((req, res) => {
      if (req.method === 'POST' && req.url === '/oidc/token') tokenCalls++;
      if (req.method === 'GET' && req.url === '/oidc/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            end_session_endpoint: `${issuer}/session/end`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            code_challenge_methods_supported: ['S256'],
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    issuer = `http://127.0.0.1:${await listen(issuerServer)}/oidc`;
    const port = await freePort();
    app = `http://localhost:${port}`;
    appServer = createSampleApp({ issuer, clientId, baseUrl: app }).listen(port, '127.0.0.1');
    await new Promise((resolve) => appServer.once('listening', resolve));
  });
  afterAll(async () => {
    await close(appServer);
    await close(issuerServer);
  });

  const get = (path: string, cookie?: string) =>
    fetch(`${app.replace('localhost', '127.0.0.1')}${path}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
  const sessionCookie = (res: Response) => {
    const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(header).toBeDefined();
    return { cookie: String(header).split(';')[0], header: String(header) };
  };

  /** Starts a sign-in: the parameters sent to Latchkey and the browser's session cookie. */
  async function login(path = '/login') {
    const res = await get(path);
    expect(res.status).toBe(303);
    const location = new URL(String(res.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/auth`);
    return { params: location.searchParams, ...sessionCookie(res) };
  }

  it('sends the browser to Latchkey with PKCE S256, a state and a nonce, new each time', async () => {
    const first = await login();
    expect(Object.fromEntries(first.params)).toEqual({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: `${app}/callback`,
      scope: SCOPE,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
    });
    expect(first.params.get('state')).not.toBe(first.params.get('nonce'));
    expect(first.header).toMatch(/HttpOnly/i);
    expect(first.header).toMatch(/SameSite=Lax/i);

    const second = await login();
    for (const name of ['state', 'nonce', 'code_challenge'])
      expect(second.params.get(name)).not.toBe(first.params.get(name));
  });

  it('asks for the authenticator with acr_values on step-up, and only then', async () => {
    expect((await login('/login?step_up=1')).params.get('acr_values')).toBe(ACR.authenticator);
    expect((await login('/login')).params.has('acr_values')).toBe(false);
  });

  it('sends a browser without an authenticator sign-in from the payroll page through step-up', async () => {
    const res = await get('/payroll');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?step_up=1');
  });

  it('refuses a callback whose state it did not send, before asking for tokens, and only once', async () => {
    const { params, cookie } = await login();
    const wrong = await get(`/callback?code=some-code&state=not-${params.get('state')}`, cookie);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('state');
    expect(tokenCalls).toBe(0);

    // The sign-in under way is spent: its own state is no longer accepted either.
    const again = await get(`/callback?code=some-code&state=${params.get('state')}`, cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('No sign-in under way');
    expect(tokenCalls).toBe(0);
  });

  it("shows Latchkey's refusal, escaped, under a strict content security policy", async () => {
    const { params, cookie } = await login('/login?step_up=1');
    const res = await get(
      `/callback?${new URLSearchParams({
        error: 'access_denied',
        error_description: '<script>alert(1)</script>',
        state: String(params.get('state')),
      })}`,
      cookie,
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('access_denied: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(issuer).origin}`,
    );
  });

  it('offers a signed-out visitor the sign-in, and escapes the claims it shows', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(
      '<a class="button" href="/login" data-testid="sign-in">Sign in with Latchkey</a>',
    );

    const page = homeSignedIn(
      { issuer, clientId, signedIn: true },
      {
        name: '<img src=x onerror=alert(1)>',
        tenant: 't-1',
        user_type: 'Manager',
        amr: ['pwd', 'otp'],
        acr: ACR.authenticator,
      },
    );
    expect(page).toContain('Hello, &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
    expect(page).toContain('<code>otp</code> one-time code');
  });

  it('says so when Latchkey does not answer its discovery', async () => {
    const port = await freePort();
    const closed = createSampleApp({
      issuer: `http://127.0.0.1:${port}/oidc`,
      clientId,
      baseUrl: 'http://localhost:1',
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(closed.address() as AddressInfo).port}/login`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('Latchkey is not reachable');
    } finally {
      await close(closed);
    }
  });

  it('defaults to the client id and address the embedded demo registers', () => {
    // The seed is the API's; read as text, since the sample imports nothing of Latchkey's.
    const seed = readFileSync(join(__dirname, '../../api/src/seed/demo-data.ts'), 'utf8');
    const registered = /DEMO_SAMPLE_APP = \{\s*id: '([^']+)',[\s\S]*?url: '([^']+)'/.exec(seed);
    expect(registered?.slice(1)).toEqual([DEMO_CLIENT_ID, `http://localhost:${DEFAULT_PORT}`]);
  });
});

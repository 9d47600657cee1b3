import { createServer, type Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import * as client from 'openid-client';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';
import { seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** A port nobody listens on now: the issuer must name the address the provider is reached at. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: NetServer = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The app listening on a free port, with the issuer naming that address, and the fixtures. */
export interface ListeningProvider {
  t: TestApp;
  f: Fixtures;
  server: Server;
  base: string;
  issuer: URL;
}

export async function listeningProvider(env: Record<string, string> = {}): Promise<ListeningProvider> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ LATCHKEY_PUBLIC_URL: base, ...env });
  const f = await seedFixtures(t);
  await t.app.listen(port, '127.0.0.1');
  return { t, f, server: t.app.getHttpServer(), base, issuer: new URL(`${base}/oidc`) };
}

/**
 * An owner registers an application (`body` as the console sends it); answers the client's view
 * of it from discovery, as the application's own `openid-client` would have it.
 */
export async function registeredClient(
  owner: TestClient,
  tenantId: string,
  issuer: URL,
  body: {
    name: string;
    kind: 'public' | 'confidential';
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
  },
): Promise<client.Configuration> {
  const made = await owner.post(ApiPaths.applications(tenantId), body);
  if (made.status !== 201) throw new Error(`registering ${body.name}: ${made.status} ${made.text}`);
  return client.discovery(issuer, made.body.application.id, made.body.clientSecret ?? undefined, undefined, {
    execute: [client.allowInsecureRequests],
  });
}

/** The application's side of the callback: the code for tokens, with state, nonce and PKCE checked. */
export function redeem(config: client.Configuration, back: URL, a: Authorization) {
  return client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: a.verifier,
    expectedState: a.state,
    expectedNonce: a.nonce,
  });
}

/** One authorization request of an application, with what it must check on the way back. */
export interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationOf(
  config: client.Configuration,
  redirectUri: string,
  extra: Record<string, string> = {},
): Promise<Authorization> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

/**
 * A browser on the listening server: it keeps every cookie (the provider's among them) and follows
 * redirects until one leaves Latchkey (back to an application) or reaches the console's sign-in
 * page, as a browser would show it.
 */
export class OidcBrowser extends TestClient {
  constructor(
    server: Server,
    private readonly base: string,
  ) {
    super(server);
  }

  /** Follows redirects from `url`; answers where the browser ends: an application's URL or a console page. */
  async visit(url: string | URL): Promise<URL> {
    let next = new URL(String(url), this.base);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== this.base || !/^\/(oidc|api)\//.test(next.pathname)) return next;
      const res = await this.get(`${next.pathname}${next.search}`);
      if (res.status < 300 || res.status >= 400)
        throw new Error(`${next.pathname}: ${res.status} ${res.text}`);
      next = new URL(String(res.headers['location']), next);
    }
    throw new Error('too many redirects');
  }

  /** Starts an application's sign-in: answers the console page it reaches, or the application's URL. */
  async start(authorization: Authorization): Promise<URL> {
    if (!this.cookies.size) await this.begin();
    return this.visit(authorization.url);
  }

  /** Follows a finished sign-in's `redirectTo` back to the application. */
  async back(redirectTo: unknown): Promise<URL> {
    if (typeof redirectTo !== 'string') throw new Error(`no redirectTo: ${String(redirectTo)}`);
    return this.visit(redirectTo);
  }

  /** The password step of an application's sign-in. */
  password(email: string, password: string) {
    return this.post(ApiPaths.login, { email, password });
  }
}

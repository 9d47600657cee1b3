import { createServer, type Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import * as client from 'openid-client';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';

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
      if (res.status < 300 || res.status >= 400) throw new Error(`${next.pathname}: ${res.status} ${res.text}`);
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

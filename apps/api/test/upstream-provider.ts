import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from './oidc-browser';

/** What the upstream provider says of the next sign-in: the test sets it per case. */
export interface UpstreamAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  amr?: string[];
  acr?: string;
  /** Epoch seconds of the sign-in at the provider. */
  authTime?: number;
}

export const UPSTREAM_CLIENT = { id: 'latchkey', secret: 'upstream-client-secret' };

/**
 * A tenant's own OpenID provider for the tests: a real `oidc-provider` on a free port, whose
 * sign-in page signs in at once as `account` (with the `amr`, `acr` and `auth_time` the test set),
 * so a test drives the whole code flow without a browser.
 */
export class UpstreamProvider {
  account: UpstreamAccount = { sub: 'nobody' };
  private constructor(
    readonly issuer: string,
    private readonly server: Server,
  ) {}

  static async start(latchkeyCallback: string): Promise<UpstreamProvider> {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let upstream: UpstreamProvider | null = null;
    const configuration: Configuration = {
      clients: [
        {
          client_id: UPSTREAM_CLIENT.id,
          client_secret: UPSTREAM_CLIENT.secret,
          redirect_uris: [latchkeyCallback],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: {
        keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'upstream-1', alg: 'RS256', use: 'sig' }],
      },
      cookies: { keys: ['upstream-cookie-key'] },
      features: { devInteractions: { enabled: false } },
      claims: {
        openid: ['sub', 'amr', 'acr', 'auth_time'],
        email: ['email', 'email_verified'],
        profile: ['name'],
      },
      conformIdTokenClaims: false,
      acrValues: ['urn:test:mfa', 'urn:test:pwd'],
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => ({
        accountId: sub,
        claims: () => {
          const a = upstream?.account;
          return {
            sub,
            ...(a?.email !== undefined ? { email: a.email } : {}),
            ...(a?.emailVerified !== undefined ? { email_verified: a.emailVerified } : {}),
            ...(a?.name !== undefined ? { name: a.name } : {}),
          };
        },
      }),
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client?.clientId,
          accountId: ctx.oidc.session?.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    };
    const provider = new Provider(issuer, configuration);
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        const a = upstream?.account ?? { sub: 'nobody' };
        void provider.interactionFinished(
          req,
          res,
          { login: { accountId: a.sub, amr: a.amr, acr: a.acr, ts: a.authTime } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      void provider.callback()(req, res);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    upstream = new UpstreamProvider(issuer, server);
    return upstream;
  }

  /**
   * A browser at the provider (its own cookie jar): from the authorization URL Latchkey sent it
   * to, through the provider's sign-in, to the address of the way back to Latchkey.
   */
  async signInAt(authorizationUrl: string): Promise<URL> {
    const cookies = new Map<string, string>();
    let next = new URL(authorizationUrl);
    for (let hops = 0; hops < 8; hops++) {
      if (next.origin !== this.issuer) return next;
      const res = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
      next = new URL(location, next);
    }
    throw new Error('too many redirects at the provider');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

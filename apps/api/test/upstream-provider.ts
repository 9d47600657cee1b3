import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/**
 * How the provider's token endpoint misbehaves for the next code redeemed: an ID token signed by
 * a key not in its JWKS, for another client, with another nonce, or an answer after Latchkey's
 * time limit.
 */
export type Tampering = 'bad-signature' | 'wrong-audience' | 'wrong-nonce' | 'slow';

/** A slow answer: past Latchkey's limit for a provider (UPSTREAM_TIMEOUT_SECONDS). */
const SLOW_MS = 6_500;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWS of `payload` under `header`, signed with `key`. */
function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export const UPSTREAM_CLIENT = { id: 'latchkey', secret: 'upstream-client-secret' };

/**
 * A tenant's own OpenID provider for the tests: a real `oidc-provider` on a free port, whose
 * sign-in page signs in at once as `account` (with the `amr`, `acr` and `auth_time` the test set),
 * so a test drives the whole code flow without a browser.
 */
export class UpstreamProvider {
  account: UpstreamAccount = { sub: 'nobody' };
  /** Set by a test: the next token answer misbehaves so (then it is cleared). */
  tampering: Tampering | null = null;
  private server!: Server;
  private constructor(
    readonly issuer: string,
    private readonly signingKey: KeyObject,
  ) {}

  static async start(latchkeyCallback: string): Promise<UpstreamProvider> {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const upstream = new UpstreamProvider(issuer, privateKey);
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
          const a = upstream.account;
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
      if (req.url === '/token' && upstream.tampering && !req.headers['x-untampered']) {
        const tampering = upstream.tampering;
        upstream.tampering = null;
        void upstream.tamperedToken(req, res, tampering);
        return;
      }
      if (req.url?.startsWith('/interaction/')) {
        const a = upstream.account;
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
    upstream.server = server;
    return upstream;
  }

  /** The provider's own token answer, then changed as `tampering` says. */
  private async tamperedToken(req: IncomingMessage, res: ServerResponse, tampering: Tampering) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const forwarded: Record<string, string> = { 'x-untampered': '1' };
    for (const name of ['authorization', 'content-type', 'accept', 'dpop'])
      if (typeof req.headers[name] === 'string') forwarded[name] = req.headers[name] as string;
    const answer = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: forwarded,
      body: Buffer.concat(chunks),
    });
    const body = (await answer.json()) as Record<string, unknown>;
    if (typeof body['id_token'] === 'string') {
      const [header, payload] = body['id_token']
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
      if (tampering === 'bad-signature') {
        const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        body['id_token'] = signJwt(header, payload, stranger);
      } else if (tampering === 'wrong-audience') {
        body['id_token'] = signJwt(header, { ...payload, aud: 'another-client' }, this.signingKey);
      } else if (tampering === 'wrong-nonce') {
        body['id_token'] = signJwt(header, { ...payload, nonce: 'not-the-nonce' }, this.signingKey);
      }
    }
    if (tampering === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
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
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}

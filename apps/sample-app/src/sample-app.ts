import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import * as client from 'openid-client';
import { ACR, SCOPE, type SampleAppOptions } from './config';
import * as pages from './pages';

/** What the app keeps per browser: a sign-in under way, then the ID token and its claims. */
declare module 'express-session' {
  interface SessionData {
    pending?: { state: string; nonce: string; verifier: string; stepUp: boolean };
    user?: { claims: pages.Claims; idToken: string };
  }
}

/** Its own name: cookies do not tell ports apart, and Latchkey runs on the same host. */
export const SESSION_COOKIE = 'acme_hr.sid';

/** Discovery failed: Latchkey is down or the issuer is wrong. */
class IssuerUnreachable extends Error {}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** An OAuth error answered by Latchkey, or what went wrong, in one line. */
function describe(e: unknown): string {
  const oauth = e as { error?: unknown; error_description?: unknown };
  if (typeof oauth.error === 'string')
    return typeof oauth.error_description === 'string'
      ? `${oauth.error}: ${oauth.error_description}`
      : oauth.error;
  if (!(e instanceof Error)) return String(e);
  // openid-client names the check that failed in the cause ("unexpected "state" …").
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
}

const promised = (run: (done: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => run((err) => (err ? reject(err) : resolve())));

/**
 * The sample application (DESIGN §10): signs in through Latchkey with `openid-client`, exactly as
 * a customer's app would (authorization code, PKCE S256, state and nonce, a public client), shows
 * the ID token's claims, and has one page that needs the authenticator (step-up with
 * `acr_values`). Tests build it with their own issuer and address.
 */
export function createSampleApp(options: SampleAppOptions & { sessionSecret?: string }): Express {
  const issuer = new URL(options.issuer);
  const callbackUrl = `${options.baseUrl}/callback`;
  const frame = (req: Request): pages.Frame => ({
    issuer: options.issuer,
    clientId: options.clientId,
    signedIn: !!req.session?.user,
  });

  // Discovered once, on first use (Latchkey may start after the app); retried after a failure.
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(issuer, options.clientId, undefined, client.None(), {
        // Plain http only for a Latchkey on this machine.
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((e: unknown) => {
        discovered = null;
        throw new IssuerUnreachable(`Latchkey answers no discovery at ${options.issuer}: ${describe(e)}`);
      });
    return discovered;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${issuer.origin}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    next();
  });
  app.get('/style.css', (_req, res) => {
    res.type('css').set('Cache-Control', 'max-age=300').send(pages.STYLE);
  });
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: options.sessionSecret ?? randomBytes(32).toString('base64url'),
      resave: false,
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.baseUrl.startsWith('https:'),
        maxAge: 8 * 60 * 60 * 1000,
      },
    }),
  );

  app.get('/', (req, res) => {
    const user = req.session.user;
    res.send(user ? pages.homeSignedIn(frame(req), user.claims) : pages.homeSignedOut(frame(req)));
  });

  // To Latchkey: a new state, nonce and PKCE verifier kept in the session; on step-up, the level
  // the page needs in acr_values.
  app.get('/login', async (req, res) => {
    const config = await configuration();
    const stepUp = req.query['step_up'] === '1';
    const verifier = client.randomPKCECodeVerifier();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier, stepUp };
    const parameters: Record<string, string> = {
      redirect_uri: callbackUrl,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    };
    if (stepUp) parameters['acr_values'] = ACR.authenticator;
    req.session.pending = pending;
    await promised((done) => req.session.save(done));
    res.redirect(303, client.buildAuthorizationUrl(config, parameters).href);
  });

  // Back from Latchkey: the code for tokens (state, nonce and PKCE checked by openid-client).
  app.get('/callback', async (req, res) => {
    const pending = req.session.pending;
    if (!pending) {
      res
        .status(400)
        .send(
          pages.problem(
            frame(req),
            'No sign-in under way',
            'This browser started no sign-in here: sign in again.',
          ),
        );
      return;
    }
    delete req.session.pending;
    const config = await configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, new URL(req.originalUrl, options.baseUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      await promised((done) => req.session.save(done));
      res.status(400).send(pages.problem(frame(req), 'Latchkey did not sign you in', describe(e)));
      return;
    }
    const claims = { ...tokens.claims() } as pages.Claims;
    // A new session id for the signed-in browser.
    await promised((done) => req.session.regenerate(done));
    req.session.user = { claims, idToken: tokens.id_token as string };
    await promised((done) => req.session.save(done));
    if (pending.stepUp && claims['acr'] !== ACR.authenticator) {
      res.status(403).send(pages.notSatisfied(frame(req), claims));
      return;
    }
    res.redirect(303, pending.stepUp ? '/payroll' : '/');
  });

  // Needs the authenticator: anything less goes back to Latchkey asking for it.
  app.get('/payroll', (req, res) => {
    const user = req.session.user;
    if (!user || user.claims['acr'] !== ACR.authenticator) {
      res.redirect(303, '/login?step_up=1');
      return;
    }
    res.send(pages.payroll(frame(req), user.claims));
  });

  // Forget the session here, then RP-initiated logout at Latchkey, which sends the browser home.
  app.post('/logout', async (req, res) => {
    const user = req.session.user;
    await promised((done) => req.session.destroy(done));
    res.clearCookie(SESSION_COOKIE);
    if (!user) {
      res.redirect(303, '/');
      return;
    }
    const config = await configuration();
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: user.idToken,
      post_logout_redirect_uri: `${options.baseUrl}/`,
    });
    res.redirect(303, url.href);
  });

  app.use((req: Request, res: Response) => {
    res.status(404).send(pages.problem(frame(req), 'Not found', `There is no page ${req.path} here.`));
  });
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    if (err instanceof IssuerUnreachable) {
      res.status(502).send(pages.problem(frame(req), 'Latchkey is not reachable', err.message));
      return;
    }
    console.error(err);
    res.status(500).send(pages.problem(frame(req), 'Something went wrong', describe(err)));
  });
  return app;
}

import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ApiPaths } from '@latchkey/contracts';
import { A, B, Browser } from './browser';

const CALLBACK = 'https://app.example.com/cb';

/** The path and query of a URL, to send it to the process the test names. */
const pathOf = (url: string) => {
  const u = new URL(url, A);
  return `${u.pathname}${u.search}`;
};

/**
 * An application signs in through Latchkey behind a load balancer (issue 11): the code issued by
 * one process is redeemed on the other, and a revocation on one is seen by the other.
 */
test.describe.serial('an application on two API processes', () => {
  let client: { id: string; secret: string };
  let user: Browser;

  const tokenCall = (origin: string, body: Record<string, string>) =>
    user.context.fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      },
      data: new URLSearchParams(body).toString(),
    });

  test.beforeAll(async () => {
    const owner = await Browser.open();
    const signedIn = await owner.signIn(B, 'olivia.owner@acme.test');
    const made = await owner.call(B, 'POST', ApiPaths.applications(String(signedIn.me?.tenantId)), {
      name: 'Scale-out app',
      kind: 'confidential',
      redirectUris: [CALLBACK],
    });
    expect(made.status(), await made.text()).toBe(201);
    const answer = await made.json();
    client = { id: answer.application.id, secret: answer.clientSecret };
    await owner.close();
  });

  test.afterAll(() => user?.close());

  /**
   * The authorization request on A, the hand-over to the sign-in machine on B, the password (when
   * the browser is not signed in yet) on A, the way back on B: answers the code and its verifier.
   */
  async function signInThroughTheApp(): Promise<{ code: string; verifier: string }> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = new URLSearchParams({
      client_id: client.id,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid offline_access',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'scale-out',
    });
    const authorize = await user.call(A, 'GET', `/oidc/auth?${query}`);
    expect(authorize.status()).toBe(303);
    const handOver = await user.call(B, 'GET', pathOf(String(authorize.headers()['location'])));
    expect(handOver.status(), await handOver.text()).toBe(303);
    let resumeAt = String(handOver.headers()['location']);
    if (resumeAt === '/sign-in') {
      const answer = await user.signIn(A, 'olivia.owner@acme.test');
      expect(answer.state).toBe('signed-in');
      resumeAt = String(answer.redirectTo);
    }
    const resume = await user.call(B, 'GET', pathOf(resumeAt));
    expect(resume.status()).toBe(303);
    const back = new URL(String(resume.headers()['location']));
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    return { code: String(back.searchParams.get('code')), verifier };
  }

  const redeem = (origin: string, code: string, verifier: string) =>
    tokenCall(origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });

  test('a code issued by one process is redeemed on the other; replayed there, it ends the grant', async () => {
    user = await Browser.open();
    const { code, verifier } = await signInThroughTheApp();
    // Issued on B, redeemed on A.
    const tokens = await redeem(A, code, verifier);
    expect(tokens.status(), await tokens.text()).toBe(200);
    // Its refresh token, rotated on B.
    const renewed = await tokenCall(B, {
      grant_type: 'refresh_token',
      refresh_token: (await tokens.json()).refresh_token,
    });
    expect(renewed.status(), await renewed.text()).toBe(200);
    const next = (await renewed.json()).refresh_token as string;
    // The spent code again, on B: refused, and the tokens it gave end with it.
    const again = await redeem(B, code, verifier);
    expect(again.status()).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
    const afterReplay = await tokenCall(A, { grant_type: 'refresh_token', refresh_token: next });
    expect((await afterReplay.json()).error).toBe('invalid_grant');
  });

  test('a revocation on one process is seen by the other', async () => {
    // Signed in to Latchkey already: the application's next sign-in comes straight back.
    const { code, verifier } = await signInThroughTheApp();
    const tokens = await redeem(B, code, verifier);
    expect(tokens.status(), await tokens.text()).toBe(200);
    const refreshToken = (await tokens.json()).refresh_token as string;
    // Sign out everywhere on A ends the grant; B refuses the refresh token at once.
    const out = await user.call(A, 'POST', ApiPaths.signOutEverywhere);
    expect(out.status(), await out.text()).toBe(204);
    const refused = await tokenCall(B, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toBe('invalid_grant');
  });
});

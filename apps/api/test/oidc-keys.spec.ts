import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { TestClient } from './client';
import { PASSWORD } from './fixtures';
import { testOidcKeys, type TestApp } from './harness';
import { authorizationOf, listeningProvider, OidcBrowser, redeem, registeredClient } from './oidc-browser';

/**
 * A signing key rotation (DESIGN §10): the new key first in LATCHKEY_OIDC_KEYS signs; the
 * previous one stays published in the JWKS, so that tokens it signed still verify until they expire.
 */
describe('Rotating the signing key', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('signs with the first key and keeps publishing the previous one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const next = { ...privateKey.export({ format: 'jwk' }), kid: 'key-2026-12', alg: 'RS256', use: 'sig' };
    const previous = (JSON.parse(testOidcKeys()) as { keys: object[] }).keys[0];
    const provider = await listeningProvider({
      LATCHKEY_OIDC_KEYS: JSON.stringify({ keys: [next, previous] }),
    });
    const { f, base, issuer, server } = provider;
    t = provider.t;

    const jwks = (await (await fetch(`${base}/oidc/jwks`)).json()) as {
      keys: Array<{ kid: string; d?: string }>;
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual(['key-2026-12', 'test-key-1']);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);

    const owner = new TestClient(server);
    await owner.signIn('olivia@acme.test', PASSWORD);
    const hr = await registeredClient(owner, f.acme.id, issuer, {
      name: 'HR portal',
      kind: 'confidential',
      redirectUris: ['https://hr.example.com/cb'],
    });
    const b = new OidcBrowser(server, base);
    const a = await authorizationOf(hr, 'https://hr.example.com/cb');
    await b.start(a);
    const answer = await b.password('olivia@acme.test', PASSWORD);
    const tokens = await redeem(hr, await b.back(answer.body.redirectTo), a);
    expect(decodeProtectedHeader(String(tokens.id_token))).toMatchObject({
      kid: 'key-2026-12',
      alg: 'RS256',
    });
  });
});

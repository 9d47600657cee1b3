import { errors } from 'oidc-provider';
import { OidcPayloadRow } from '../src/oidc/oidc-payload.entity';
import { oidcAdapter } from '../src/oidc/oidc-adapter';
import { startTestApp, type TestApp } from './harness';

/**
 * The OpenID provider's storage on the project's database (SQLite, or PostgreSQL with
 * DATABASE_URL): what the provider keeps, and a code spent once however many ask at once.
 */
describe('OpenID provider storage', () => {
  let t: TestApp;
  const adapter = (kind: string) => oidcAdapter(t.dataSource)(kind);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps a payload, finds it by id and by uid, and forgets it once expired', async () => {
    const codes = adapter('AuthorizationCode');
    await codes.upsert('code-1', { grantId: 'grant-1', uid: 'uid-1', clientId: 'app' }, 60);
    expect(await codes.find('code-1')).toMatchObject({ grantId: 'grant-1', clientId: 'app' });
    expect(await codes.findByUid('uid-1')).toMatchObject({ grantId: 'grant-1' });
    expect(await adapter('Session').find('code-1')).toBeUndefined();
    await t.dataSource
      .getRepository(OidcPayloadRow)
      .update({ kind: 'AuthorizationCode', id: 'code-1' }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await codes.find('code-1')).toBeUndefined();
  });

  it('spends a code once when twenty ask at once', async () => {
    const codes = adapter('AuthorizationCode');
    await codes.upsert('code-2', { grantId: 'grant-2', clientId: 'app' }, 60);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => codes.consume('code-2')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.reason).toBeInstanceOf(errors.InvalidGrant);
    expect((await codes.find('code-2'))?.consumed).toEqual(expect.any(Number));
  });

  it('revokes everything of a grant, of every kind, and nothing else', async () => {
    await adapter('AccessToken').upsert('at-3', { grantId: 'grant-3' }, 60);
    await adapter('RefreshToken').upsert('rt-3', { grantId: 'grant-3' }, 60);
    await adapter('RefreshToken').upsert('rt-4', { grantId: 'grant-4' }, 60);
    await adapter('AccessToken').revokeByGrantId('grant-3');
    expect(await adapter('AccessToken').find('at-3')).toBeUndefined();
    expect(await adapter('RefreshToken').find('rt-3')).toBeUndefined();
    expect(await adapter('RefreshToken').find('rt-4')).toMatchObject({ grantId: 'grant-4' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ApiPaths } from '@latchkey/contracts';
import { startTestApp, type TestApp } from '../../test/harness';
import { Application } from '../applications/application.entity';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { Tenant } from '../directory/tenant.entity';
import { SecretBox } from '../factors/secret-box';
import { secretBinding } from '../upstream/upstream-client';
import { UpstreamConnection } from '../upstream/upstream.entities';
import { DEMO_PROVIDER, DEMO_SAMPLE_APP, DEMO_TENANT } from './demo-data';
import { SeedService } from './seed.service';

/** The embedded demo's sample application (DESIGN §10): registered for Acme, found by the provider. */
describe('the demo seed and its sample application', () => {
  let t: TestApp;
  let seed: SeedService;
  const apps = () => t.dataSource.getRepository(Application);

  beforeAll(async () => {
    t = await startTestApp({ LATCHKEY_DEMO: '1', LATCHKEY_DEMO_PASSWORD: 'demo-password-for-tests' });
    seed = t.app.get(SeedService);
  });
  afterAll(() => t.close());

  it('connects no identity provider unless `npm start` runs the demo’s', async () => {
    expect(await t.dataSource.getRepository(UpstreamConnection).count()).toBe(0);
  });

  it('registers it for Acme as a public client with its well-known id, which the provider accepts', async () => {
    expect(await seed.seedDemo()).not.toBeNull();
    const acme = await t.dataSource.getRepository(Tenant).findOneByOrFail({ name: DEMO_TENANT });
    expect(await apps().findOneByOrFail({ id: DEMO_SAMPLE_APP.id })).toMatchObject({
      tenantId: acme.id,
      name: DEMO_SAMPLE_APP.name,
      kind: 'public',
      secretHash: null,
      redirectUris: [`${DEMO_SAMPLE_APP.url}/callback`],
      postLogoutRedirectUris: [`${DEMO_SAMPLE_APP.url}/`],
      allowedUserTypeIds: null,
    });

    // The provider reads it as a client: a request with PKCE goes on to the sign-in.
    const res = await request(t.app.getHttpServer())
      .get('/oidc/auth')
      .query({
        client_id: DEMO_SAMPLE_APP.id,
        redirect_uri: `${DEMO_SAMPLE_APP.url}/callback`,
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
    expect(res.status).toBe(303);
    expect(res.headers['location']).not.toContain('error=');
  });

  it('adds it to a demo made before it existed, and never again once an owner deleted it', async () => {
    const acme = await t.dataSource.getRepository(Tenant).findOneByOrFail({ name: DEMO_TENANT });
    await apps().delete({ id: DEMO_SAMPLE_APP.id });
    expect(await seed.seedDemo()).toBeNull();
    expect(await apps().existsBy({ id: DEMO_SAMPLE_APP.id })).toBe(true);

    // An owner's deletion, as the applications' service records it.
    await apps().delete({ id: DEMO_SAMPLE_APP.id });
    await t.app.get(AuditService).record({
      action: 'application.deleted',
      tenantId: acme.id,
      actor: SYSTEM_ACTOR,
      target: { type: 'application', id: DEMO_SAMPLE_APP.id, label: DEMO_SAMPLE_APP.name },
    });
    expect(await seed.seedDemo()).toBeNull();
    expect(await apps().existsBy({ id: DEMO_SAMPLE_APP.id })).toBe(false);
  });
});

/** The demo's stand-in identity provider (DESIGN §11), connected for Acme when `npm start` runs it. */
describe('the demo seed and its identity provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LATCHKEY_DEMO: '1',
      LATCHKEY_DEMO_PASSWORD: 'demo-password-for-tests',
      LATCHKEY_DEMO_PROVIDER_URL: 'http://localhost:3002/',
    });
  });
  afterAll(() => t.close());

  it('connects Acme to it once, with the client the demo provider knows, on Acme’s sign-in link', async () => {
    const seed = t.app.get(SeedService);
    await seed.seedDemo();
    await seed.seedDemo();
    const connections = await t.dataSource.getRepository(UpstreamConnection).find();
    expect(connections).toHaveLength(1);
    const [demo] = connections;
    expect(demo).toMatchObject({
      id: DEMO_PROVIDER.connectionId,
      issuer: 'http://localhost:3002',
      clientId: DEMO_PROVIDER.clientId,
      emailDomains: ['acme.test'],
      trustMode: 'trust-mfa',
      trustAmr: ['mfa'],
      passwordAllowed: true,
      enabled: true,
    });
    expect(demo.jitUserTypeId).not.toBeNull();
    expect(t.app.get(SecretBox).open(demo.clientSecretSealed, secretBinding(demo))).toBe(
      DEMO_PROVIDER.clientSecret,
    );
    // tools/demo-provider.mjs registers the same client by default.
    const script = readFileSync(join(__dirname, '../../../../tools/demo-provider.mjs'), 'utf8');
    expect(script).toContain(`DEMO_PROVIDER_CLIENT_ID ?? '${DEMO_PROVIDER.clientId}'`);
    expect(script).toContain(`DEMO_PROVIDER_CLIENT_SECRET ?? '${DEMO_PROVIDER.clientSecret}'`);

    const found = await request(t.app.getHttpServer()).get(ApiPaths.upstreamOfTenant(demo.tenantId));
    expect(found.body).toEqual({
      providers: [{ connectionId: DEMO_PROVIDER.connectionId, name: DEMO_PROVIDER.name, tenantName: 'Acme' }],
      passwordAllowed: true,
    });
  });
});

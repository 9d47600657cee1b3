import type { Server } from 'node:http';
import {
  ACR_OF_METHOD,
  ACR_UPSTREAM_MFA,
  ApiPaths,
  type CreateConnectionRequest,
  type UpstreamTrust,
} from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { SessionRow } from '../src/database/session.entity';
import { DirectoryService } from '../src/directory/directory.service';
import { Login } from '../src/directory/login.entity';
import { PasswordHasher } from '../src/factors/password-hasher';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, type Fixtures } from './fixtures';
import type { TestApp } from './harness';
import { authorizationOf, listeningProvider, OidcBrowser, redeem, registeredClient } from './oidc-browser';
import { UPSTREAM_CLIENT, UpstreamProvider, type Tampering, type UpstreamAccount } from './upstream-provider';

const ALWAYS: UpstreamTrust = { mode: 'always-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null };
const TRUST_MFA: UpstreamTrust = {
  mode: 'trust-mfa',
  amrValues: ['mfa'],
  acrValues: ['urn:test:mfa'],
  maxAuthAgeSeconds: null,
};
const NEVER: UpstreamTrust = { ...ALWAYS, mode: 'never-ask' };
const now = () => Math.floor(Date.now() / 1000);

/**
 * Signing in through the tenant's own OpenID provider (DESIGN §11): a real upstream provider
 * (`oidc-provider` in-process) saying per case what its sign-in proved, Latchkey as its client,
 * then Latchkey's machine and the connection's trust of the provider's MFA.
 */
describe('Signing in through the tenant’s own provider', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;
  let upstream: UpstreamProvider;
  let base: string;
  let issuer: URL;

  beforeAll(async () => {
    ({ t, f, server, base, issuer } = await listeningProvider());
    upstream = await UpstreamProvider.start(`${base}${ApiPaths.upstreamCallback}`);
    owner = await acmeWithPolicy(server, f, {
      employee: { method: 'pin' },
      manager: { method: 'authenticator' },
    });
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
  });
  afterAll(async () => {
    await upstream.close();
    await t.close();
  });

  let connections = 0;
  async function connect(overrides: Partial<CreateConnectionRequest> = {}): Promise<string> {
    const made = await owner.post(ApiPaths.connections(f.acme.id), {
      name: `Acme SSO ${++connections}`,
      issuer: upstream.issuer,
      clientId: UPSTREAM_CLIENT.id,
      clientSecret: UPSTREAM_CLIENT.secret,
      emailDomains: [`sso${connections}.acme.test`],
      trust: ALWAYS,
      ...overrides,
    });
    expect(made.status).toBe(201);
    return made.body.id ?? made.body.connection?.id;
  }
  const setTrust = async (connectionId: string, trust: UpstreamTrust) =>
    expect((await owner.send('PATCH', ApiPaths.connection(f.acme.id, connectionId), { trust })).status).toBe(
      200,
    );

  /** The whole round trip: Latchkey → the provider (signed in as `account`) → Latchkey; answers where it lands. */
  async function throughProvider(connectionId: string, account: UpstreamAccount, b = new TestClient(server)) {
    if (!b.cookies.size) await b.begin();
    upstream.account = account;
    const start = await b.get(ApiPaths.upstreamStart(connectionId));
    expect(start.status).toBe(303);
    const back = await upstream.signInAt(String(start.headers['location']));
    const landed = await b.get(`${back.pathname}${back.search}`);
    expect(landed.status).toBe(303);
    return {
      browser: b,
      landedAt: String(landed.headers['location']),
      callback: `${back.pathname}${back.search}`,
    };
  }
  const stateOf = async (b: TestClient) => (await b.get(ApiPaths.state)).body;
  const lastUpstreamEvent = async (loginId: string) =>
    (
      await t.dataSource.getRepository(AuditEvent).find({
        where: { action: 'sign-in.upstream', targetId: loginId },
        order: { createdAt: 'DESC' },
        take: 1,
      })
    )[0];

  it('offers the provider to emails of its domains, and names its account', async () => {
    const id = await connect({ emailDomains: ['contoso.example'], passwordAllowed: false });
    const page = await new TestClient(server).begin();
    const found = await page.post(ApiPaths.upstreamDiscover, { email: 'Someone@Contoso.Example' });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      providers: [{ connectionId: id, name: expect.stringMatching(/^Acme SSO/), tenantName: 'Acme' }],
      passwordAllowed: false,
    });
    const other = await page.post(ApiPaths.upstreamDiscover, { email: 'emma@acme.test' });
    expect(other.body).toEqual({ providers: [], passwordAllowed: true });
  });

  it('offers an account’s enabled providers on its sign-in link, and nobody else’s', async () => {
    const shown = await connect();
    const hidden = await connect();
    await owner.send('PATCH', ApiPaths.connection(f.acme.id, hidden), { enabled: false });
    const page = new TestClient(server);
    const acme = await page.get(ApiPaths.upstreamOfTenant(f.acme.id));
    expect(acme.status).toBe(200);
    const ids = acme.body.providers.map((p: { connectionId: string }) => p.connectionId);
    expect(ids).toContain(shown);
    expect(ids).not.toContain(hidden);
    expect(acme.body.providers.every((p: { tenantName: string }) => p.tenantName === 'Acme')).toBe(true);
    expect((await page.get(ApiPaths.upstreamOfTenant(f.globex.id))).body).toEqual({
      providers: [],
      passwordAllowed: true,
    });
    expect((await page.get(ApiPaths.upstreamOfTenant(f.root.platformTenantId))).body.providers).toEqual([]);
    const bad = await page.get(ApiPaths.upstreamOfTenant('acme'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'tenantId', messages: ['tenantId must be a UUID'], codes: ['field.is-uuid'] },
    ]);
  });

  it('always asks Latchkey’s factor by default, whatever the provider proved', async () => {
    const id = await connect();
    const { browser, landedAt } = await throughProvider(id, {
      sub: 'emma-at-acme',
      email: 'emma@acme.test',
      emailVerified: true,
      amr: ['pwd', 'mfa'],
    });
    expect(landedAt).toBe('/sign-in/pin-setup');
    expect((await stateOf(browser)).state).toBe('pin-setup');
    expect(await lastUpstreamEvent(f.emma.login)).toMatchObject({
      after: expect.objectContaining({ factor: 'asked', reason: 'always-ask' }),
    });
    const done = await browser.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' });
    expect(done.body.state).toBe('signed-in');
  });

  it('keeps what the provider proved in the audit when the step is then refused (an expired invite)', async () => {
    const id = await connect();
    const logins = t.dataSource.getRepository(Login);
    const key = { tenantId: f.acme.id, id: f.emma.login };
    const { pinHash, pinSetAt } = await logins.findOneByOrFail(key);
    const upstreamEvents = () =>
      t.dataSource.getRepository(AuditEvent).countBy({ action: 'sign-in.upstream', targetId: f.emma.login });
    // No PIN yet and an invite that expired: the step after the provider refuses to enrol.
    await logins.update(key, {
      pinHash: null,
      pinSetAt: null,
      handoverHash: 'an-expired-invite',
      handoverKind: 'invite',
      handoverExpiresAt: new Date(Date.now() - 60_000),
    });
    const before = await upstreamEvents();
    try {
      const { browser, landedAt } = await throughProvider(id, {
        sub: 'emma-at-acme',
        email: 'emma@acme.test',
        emailVerified: true,
        amr: ['pwd'],
      });
      expect(landedAt).not.toBe('/sign-in/pin-setup');
      expect((await stateOf(browser)).state).toBe('signed-out');
      expect(await upstreamEvents()).toBe(before + 1);
      expect(await lastUpstreamEvent(f.emma.login)).toMatchObject({
        after: expect.objectContaining({ factor: 'asked', reason: 'always-ask' }),
      });
    } finally {
      await logins.update(key, {
        pinHash,
        pinSetAt,
        handoverHash: null,
        handoverKind: null,
        handoverExpiresAt: null,
      });
    }
  });

  it('trusts the provider’s MFA by amr or acr, and asks when it proved none or an old one', async () => {
    const id = await connect();
    await setTrust(id, TRUST_MFA);
    const sam = { sub: 'sam-at-acme', email: 'sam@acme.test', emailVerified: true };
    // Sam has two logins: the picker first, then the trusted MFA stands for the authenticator.
    const trusted = await throughProvider(id, { ...sam, amr: ['pwd', 'mfa'] });
    expect(trusted.landedAt).toBe('/sign-in/pick');
    const picked = await trusted.browser.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(picked.body.state).toBe('signed-in');
    expect(await lastUpstreamEvent(f.sam.managerLogin)).toMatchObject({
      after: expect.objectContaining({ factor: 'skipped', reason: 'upstream-mfa-trusted', matched: 'mfa' }),
    });

    const byAcr = await throughProvider(id, { ...sam, amr: ['pwd'], acr: 'urn:test:mfa' });
    expect((await byAcr.browser.post(ApiPaths.pick, { loginId: f.sam.managerLogin })).body.state).toBe(
      'signed-in',
    );

    const passwordOnly = await throughProvider(id, { ...sam, amr: ['pwd'], acr: 'urn:test:pwd' });
    const asked = await passwordOnly.browser.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(asked.body.state).toBe('totp-enrol');
    expect(await lastUpstreamEvent(f.sam.managerLogin)).toMatchObject({
      after: expect.objectContaining({ factor: 'asked', reason: 'no-trusted-mfa' }),
    });

    await setTrust(id, { ...TRUST_MFA, maxAuthAgeSeconds: 300 });
    const old = await throughProvider(id, { ...sam, amr: ['mfa'], authTime: now() - 3600 });
    expect((await old.browser.post(ApiPaths.pick, { loginId: f.sam.managerLogin })).body.state).toBe(
      'totp-enrol',
    );
    expect(await lastUpstreamEvent(f.sam.managerLogin)).toMatchObject({
      after: expect.objectContaining({ reason: 'mfa-too-old' }),
    });
    const recent = await throughProvider(id, { ...sam, amr: ['mfa'], authTime: now() - 60 });
    expect((await recent.browser.post(ApiPaths.pick, { loginId: f.sam.managerLogin })).body.state).toBe(
      'signed-in',
    );
  });

  it('never asks when so set, until a floor above the owner asks for a factor', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    const emma = { sub: 'emma-at-acme', email: 'emma@acme.test', emailVerified: true, amr: ['pwd'] };
    const skipped = await throughProvider(id, emma);
    expect(skipped.landedAt).toBe('/');
    expect((await stateOf(skipped.browser)).state).toBe('signed-in');

    // The platform raises a floor: "never ask" no longer holds (and can no longer be saved).
    expect((await root.send('PUT', ApiPaths.platformFloor, { method: 'pin' })).status).toBe(200);
    try {
      const asked = await throughProvider(id, emma);
      expect(asked.landedAt).toBe('/sign-in/pin');
      expect(await lastUpstreamEvent(f.emma.login)).toMatchObject({
        after: expect.objectContaining({ factor: 'asked', reason: 'floor-requires-factor' }),
      });
    } finally {
      await root.send('PUT', ApiPaths.platformFloor, { method: 'off' });
    }
  });

  it('matches the first time by a verified email only, then by the provider’s subject', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    const unverified = await throughProvider(id, {
      sub: 'olivia-sub',
      email: 'olivia@acme.test',
      emailVerified: false,
    });
    expect(unverified.landedAt).toBe('/sign-in?notice=upstream-unverified-email');
    expect((await stateOf(unverified.browser)).state).toBe('signed-out');

    const first = await throughProvider(id, {
      sub: 'olivia-sub',
      email: 'olivia@acme.test',
      emailVerified: true,
    });
    expect((await stateOf(first.browser)).me.loginId).toBe(f.olivia.login);
    // The email claim changed hands at the provider: the link by subject still finds Olivia.
    const renamed = await throughProvider(id, {
      sub: 'olivia-sub',
      email: 'someone.else@acme.test',
      emailVerified: false,
    });
    expect((await stateOf(renamed.browser)).me.loginId).toBe(f.olivia.login);
  });

  it('creates a login at a first sign-in only when just-in-time logins are on', async () => {
    const off = await connect({ emailDomains: ['newco.example'] });
    const refused = await throughProvider(off, {
      sub: 'nina',
      email: 'nina@newco.example',
      emailVerified: true,
    });
    expect(refused.landedAt).toBe('/sign-in?notice=upstream-no-login');
    expect((await stateOf(refused.browser)).state).toBe('signed-out');

    const on = await connect({ emailDomains: ['jit.example'], jitUserTypeId: f.acme.employee, trust: NEVER });
    const made = await throughProvider(on, {
      sub: 'jo',
      email: 'jo@jit.example',
      emailVerified: true,
      name: 'Jo Jit',
    });
    expect(made.landedAt).toBe('/');
    const me = (await stateOf(made.browser)).me;
    expect(me).toMatchObject({ displayName: 'Jo Jit', userTypeName: 'Employee', tenantName: 'Acme' });
    const created = await t.dataSource
      .getRepository(AuditEvent)
      .findOneBy({ action: 'login.jit-created', targetId: me.loginId });
    expect(created?.after).toMatchObject({ connection: expect.stringMatching(/^Acme SSO/) });
  });

  it('refuses a replayed or tampered way back, a disabled connection and an unreachable provider, with no session', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    const emma = { sub: 'emma-at-acme', email: 'emma@acme.test', emailVerified: true };
    const done = await throughProvider(id, emma);
    expect(done.landedAt).toBe('/');
    // The same way back again: its state was spent.
    const replay = new TestClient(server);
    await replay.begin();
    const again = await replay.get(done.callback);
    expect(again.headers['location']).toBe('/sign-in?notice=upstream-expired');

    // A way back whose state is not the one this browser was sent with.
    const b = new TestClient(server);
    await b.begin();
    upstream.account = emma;
    const start = await b.get(ApiPaths.upstreamStart(id));
    const back = await upstream.signInAt(String(start.headers['location']));
    back.searchParams.set('state', 'not-the-state');
    const tampered = await b.get(`${back.pathname}${back.search}`);
    expect(tampered.headers['location']).toBe('/sign-in?notice=upstream-invalid');
    expect((await stateOf(b)).state).toBe('signed-out');

    expect((await owner.send('PATCH', ApiPaths.connection(f.acme.id, id), { enabled: false })).status).toBe(
      200,
    );
    const disabled = await new TestClient(server).get(ApiPaths.upstreamStart(id));
    expect(disabled.headers['location']).toBe('/sign-in?notice=upstream-disabled');

    const gone = await connect({ issuer: 'http://127.0.0.1:9' });
    const unreachable = await new TestClient(server).get(ApiPaths.upstreamStart(gone));
    expect(unreachable.headers['location']).toBe('/sign-in?notice=upstream-unavailable');
  });

  it('signs in only logins of the connection’s own account', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    // Gail's only login is in Globex: Acme's provider vouching for her signs nothing in.
    const other = await throughProvider(id, { sub: 'gail', email: 'gail@globex.test', emailVerified: true });
    expect(other.landedAt).toBe('/sign-in?notice=upstream-no-login');
    expect((await stateOf(other.browser)).state).toBe('signed-out');
    expect(await t.dataSource.getRepository(SessionRow).countBy({ loginId: f.gail.login })).toBe(0);
  });

  it('tells an application signed in through Latchkey what the provider proved, or which factor Latchkey added', async () => {
    const id = await connect();
    await setTrust(id, TRUST_MFA);
    const hr = await registeredClient(owner, f.acme.id, issuer, {
      name: 'HR via SSO',
      kind: 'confidential',
      redirectUris: ['https://hr.example.com/cb'],
    });
    /** The application → Latchkey's hand-over → the tenant's provider → Latchkey → the application. */
    const appSignIn = async (account: UpstreamAccount) => {
      const b = new OidcBrowser(server, base);
      const a = await authorizationOf(hr, 'https://hr.example.com/cb');
      expect((await b.start(a)).pathname).toBe('/sign-in');
      const { landedAt } = await throughProvider(id, account, b);
      return { b, a, landedAt };
    };

    const trusted = await appSignIn({
      sub: 'olivia-sub',
      email: 'olivia@acme.test',
      emailVerified: true,
      amr: ['pwd', 'hwk', 'mfa'],
    });
    const tokens = await redeem(hr, await trusted.b.back(trusted.landedAt), trusted.a);
    expect(tokens.claims()).toMatchObject({
      sub: f.olivia.login,
      amr: ['pwd', 'hwk', 'mfa'],
      acr: ACR_UPSTREAM_MFA,
    });

    // Without MFA at the provider, Emma's PIN is asked: the application sees both.
    const asked = await appSignIn({
      sub: 'emma-at-acme',
      email: 'emma@acme.test',
      emailVerified: true,
      amr: ['pwd'],
    });
    expect(asked.landedAt).toMatch(/^\/sign-in\/pin/);
    const step =
      asked.landedAt === '/sign-in/pin-setup'
        ? await asked.b.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })
        : await asked.b.post(ApiPaths.pin, { pin: '480263' });
    const pinTokens = await redeem(hr, await asked.b.back(step.body.redirectTo), asked.a);
    expect(pinTokens.claims()).toMatchObject({
      sub: f.emma.login,
      amr: ['pwd', 'pin', 'mfa'],
      acr: ACR_OF_METHOD.pin,
    });
  });

  it('refuses the way back once the account is suspended meanwhile', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    const b = new TestClient(server);
    await b.begin();
    upstream.account = { sub: 'emma-at-acme', email: 'emma@acme.test', emailVerified: true };
    const start = await b.get(ApiPaths.upstreamStart(id));
    const back = await upstream.signInAt(String(start.headers['location']));
    expect((await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { suspended: true })).status).toBe(
      200,
    );
    try {
      const refused = await b.get(`${back.pathname}${back.search}`);
      expect(refused.headers['location']).toBe('/sign-in?notice=upstream-disabled');
      expect((await stateOf(b)).state).toBe('signed-out');
    } finally {
      await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { suspended: false });
      // The suspension ended every session of the account: the owner signs in again.
      owner = new TestClient(server);
      await owner.signIn('olivia@acme.test', PASSWORD);
    }
  });

  describe('each trust × each method of the user type', () => {
    type Method = 'off' | 'pin' | 'authenticator';
    type Case = 'always-ask' | 'trust-mfa, MFA proven' | 'trust-mfa, password only' | 'never-ask';
    const trustOf: Record<Case, UpstreamTrust> = {
      'always-ask': ALWAYS,
      'trust-mfa, MFA proven': TRUST_MFA,
      'trust-mfa, password only': TRUST_MFA,
      'never-ask': NEVER,
    };
    const amrOf: Record<Case, string[]> = {
      'always-ask': ['pwd', 'mfa'],
      'trust-mfa, MFA proven': ['pwd', 'mfa'],
      'trust-mfa, password only': ['pwd'],
      'never-ask': ['pwd'],
    };
    const askedAt: Record<Method, string> = {
      off: '/',
      pin: '/sign-in/pin-setup',
      authenticator: '/sign-in/totp-enrol',
    };
    const rows: Array<[Case, Method, 'asked' | 'skipped' | 'none asked by the policy', string]> = [
      ['always-ask', 'off', 'none asked by the policy', 'always-ask'],
      ['always-ask', 'pin', 'asked', 'always-ask'],
      ['always-ask', 'authenticator', 'asked', 'always-ask'],
      ['trust-mfa, MFA proven', 'off', 'none asked by the policy', 'upstream-mfa-trusted'],
      ['trust-mfa, MFA proven', 'pin', 'skipped', 'upstream-mfa-trusted'],
      ['trust-mfa, MFA proven', 'authenticator', 'skipped', 'upstream-mfa-trusted'],
      ['trust-mfa, password only', 'off', 'none asked by the policy', 'no-trusted-mfa'],
      ['trust-mfa, password only', 'pin', 'asked', 'no-trusted-mfa'],
      ['trust-mfa, password only', 'authenticator', 'asked', 'no-trusted-mfa'],
      ['never-ask', 'off', 'none asked by the policy', 'never-ask'],
      ['never-ask', 'pin', 'skipped', 'never-ask'],
      ['never-ask', 'authenticator', 'skipped', 'never-ask'],
    ];
    const connectionOf = new Map<Case, string>();
    const typeOf = (method: Method) =>
      method === 'pin' ? f.acme.employee : method === 'authenticator' ? f.acme.manager : f.acme.administrator;

    let hash: string;
    beforeAll(async () => {
      hash = await t.app.get(PasswordHasher).hash(PASSWORD);
      for (const c of Object.keys(trustOf) as Case[]) {
        const id = await connect();
        await setTrust(id, trustOf[c]);
        connectionOf.set(c, id);
      }
    });

    it.each(rows)('%s, a user type with %s: the factor is %s (%s)', async (c, method, factor, reason) => {
      // A new person each row, so that each meets the factor for the first time.
      const directory = t.app.get(DirectoryService);
      const email = `${c.replace(/\W+/g, '-')}.${method}@acme.test`;
      const identity = await directory.createIdentity(email, hash);
      const login = await directory.createLogin({
        tenantId: f.acme.id,
        identityId: identity.id,
        userTypeId: typeOf(method),
        displayName: email,
        role: 'user',
      });
      const { browser, landedAt } = await throughProvider(connectionOf.get(c) ?? '', {
        sub: `sub-${email}`,
        email,
        emailVerified: true,
        amr: amrOf[c],
      });
      expect(landedAt).toBe(factor === 'asked' ? askedAt[method] : '/');
      const state = await stateOf(browser);
      expect(state.state).toBe(factor === 'asked' ? askedAt[method].split('/').pop() : 'signed-in');
      if (factor !== 'asked') expect(state.me.loginId).toBe(login.id);
      expect((await lastUpstreamEvent(login.id))?.after).toMatchObject({ factor, reason });
    });
  });

  it('never lets a provider stand for a super user’s factor: only the account’s logins are offered', async () => {
    const id = await connect();
    await setTrust(id, NEVER);
    const directory = t.app.get(DirectoryService);
    // The super user also works in Acme: the provider vouching for the person signs in the Acme login only.
    const acmeLogin = await directory.createLogin({
      tenantId: f.acme.id,
      identityId: f.root.identityId,
      userTypeId: f.acme.employee,
      displayName: 'Root at Acme',
      role: 'user',
    });
    const { browser, landedAt } = await throughProvider(id, {
      sub: 'root-at-acme',
      email: 'root@latchkey.test',
      emailVerified: true,
    });
    expect(landedAt).toBe('/');
    const state = await stateOf(browser);
    expect(state.me).toMatchObject({ loginId: acmeLogin.id, role: 'user' });
    expect((await browser.get(ApiPaths.platformTenants)).status).toBe(403);
    expect(await lastUpstreamEvent(acmeLogin.id)).toMatchObject({
      after: expect.objectContaining({ reason: 'never-ask' }),
    });
  });

  describe('a way back the sign-in refuses, each with words and no session', () => {
    let id: string;
    beforeAll(async () => {
      id = await connect();
      await setTrust(id, NEVER);
    });
    const emma = { sub: 'emma-at-acme', email: 'emma@acme.test', emailVerified: true };
    const refusals = async () =>
      t.dataSource.getRepository(AuditEvent).find({
        where: { action: 'sign-in.upstream-refused', targetId: id },
        order: { createdAt: 'DESC' },
      });

    it.each<[Tampering, string, RegExp]>([
      ['bad-signature', 'upstream-invalid', /JWT signature verification failed/],
      ['wrong-audience', 'upstream-invalid', /"aud" \(audience\) claim/],
      ['wrong-nonce', 'upstream-invalid', /"nonce" claim/],
      ['slow', 'upstream-unavailable', /in time/],
    ])('an ID token or answer that is %s', async (tampering, notice, why) => {
      const sessionsBefore = await t.dataSource.getRepository(SessionRow).countBy({ loginId: f.emma.login });
      const refusedBefore = (await refusals()).length;
      upstream.tampering = tampering;
      const { browser, landedAt } = await throughProvider(id, emma);
      expect(landedAt).toBe(`/sign-in?notice=${notice}`);
      expect((await stateOf(browser)).state).toBe('signed-out');
      expect(await t.dataSource.getRepository(SessionRow).countBy({ loginId: f.emma.login })).toBe(
        sessionsBefore,
      );
      const refused = await refusals();
      expect(refused).toHaveLength(refusedBefore + 1);
      expect(String(refused[0].after?.['reason'])).toMatch(why);
    });

    it('a provider that did not sign the person in', async () => {
      const b = new TestClient(server);
      await b.begin();
      const start = new URL(String((await b.get(ApiPaths.upstreamStart(id))).headers['location']));
      const state = start.searchParams.get('state') ?? '';
      const denied = await b.get(`${ApiPaths.upstreamCallback}?error=access_denied&state=${state}`);
      expect(denied.headers['location']).toBe('/sign-in?notice=upstream-denied');
      expect((await stateOf(b)).state).toBe('signed-out');
    });
  });
});

import { createServer, type RequestListener, type Server } from 'node:http';
import Provider from 'oidc-provider';
import request from 'supertest';
import { ApiPaths, MAX_CONNECTION_DOMAINS } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { NO_TOKEN_ROUTE } from '../src/common/access.guard';
import { SecretBox } from '../src/factors/secret-box';
import { UpstreamConnection } from '../src/upstream/upstream.entities';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';
import { freePort } from './oidc-browser';

const SECRET = 'upstream-client-secret-0123456789';

/** A provider of the test's own on a free port of 127.0.0.1, or the address nobody listens on. */
async function listen(handler: RequestListener, port?: number) {
  port ??= await freePort();
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${port}` };
}

/** A real OpenID provider (`oidc-provider`), answering its discovery document. */
async function realProvider(responseTypes?: string[]) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  // The provider warns of its development defaults (in-memory storage): this one lives for a test.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const provider = new Provider(issuer, {
    ...(responseTypes ? { responseTypes } : {}),
  } as never);
  warn.mockRestore();
  return { ...(await listen(provider.callback(), port)), issuer };
}

/** Admin → Sign-in providers (DESIGN §11): an owner connects the account's own OpenID providers. */
describe('sign-in providers (upstream connections)', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;
  let gail: TestClient;
  const servers: Server[] = [];

  const valid = {
    name: 'Acme SSO',
    issuer: 'https://login.acme.example',
    clientId: 'latchkey',
    clientSecret: SECRET,
    emailDomains: ['acme.example'],
  };
  const rows = () => t.dataSource.getRepository(UpstreamConnection).find();
  const named = (name: string) => t.dataSource.getRepository(UpstreamConnection).findOneByOrFail({ name });
  const events = (action: string) => t.dataSource.getRepository(AuditEvent).findBy({ action });
  const auditCount = () => t.dataSource.getRepository(AuditEvent).count();
  const connect = (body: Record<string, unknown>, by = owner, tenantId = f.acme.id) =>
    by.post(ApiPaths.connections(tenantId), { ...valid, ...body });
  const change = (id: string, body: Record<string, unknown>) =>
    owner.send('PATCH', ApiPaths.connection(f.acme.id, id), body);
  /** An answer's status and the first field it names. */
  const refusal = (res: { status: number; body: { errors?: Array<{ field: string }> } }) => [
    res.status,
    res.body.errors?.[0]?.field,
  ];

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
    await t.close();
  });

  it('connects a provider with the defaults; its secret is sealed, bound to it, and never answered', async () => {
    const res = await connect({ emailDomains: [' ACME.example', 'corp.acme.example'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      tenantId: f.acme.id,
      name: 'Acme SSO',
      issuer: 'https://login.acme.example',
      clientId: 'latchkey',
      scopes: ['openid', 'email', 'profile'],
      emailDomains: ['acme.example', 'corp.acme.example'],
      allowedUserTypeIds: null,
      trust: { mode: 'always-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null },
      jitUserTypeId: null,
      passwordAllowed: true,
      enabled: true,
      redirectUri: `${t.config.publicUrl}/api/v1/auth/upstream/callback`,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const row = await named('Acme SSO');
    expect(JSON.stringify(row)).not.toContain(SECRET);
    const box = t.app.get(SecretBox);
    expect(box.open(row.clientSecretSealed, `${f.acme.id}/${row.id}`)).toBe(SECRET);
    expect(() => box.open(row.clientSecretSealed, `${f.globex.id}/${row.id}`)).toThrow();

    const list = await owner.get(ApiPaths.connections(f.acme.id));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([res.body]);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    const [event] = await events('connection.created');
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'olivia@acme.test',
      targetType: 'connection',
      targetId: row.id,
      targetLabel: 'Acme SSO',
      before: null,
      after: { issuer: 'https://login.acme.example', emailDomains: 'acme.example corp.acme.example' },
    });
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect(JSON.stringify(event)).not.toContain(row.clientSecretSealed);
  });

  it.each([
    [{ name: '  ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ issuer: 'login.acme.example' }, 'issuer'],
    [{ issuer: 'http://login.acme.example' }, 'issuer'],
    [{ issuer: 'https://login.acme.example/?tenant=1' }, 'issuer'],
    [{ issuer: 'https://user:pw@login.acme.example' }, 'issuer'],
    [{ clientId: '' }, 'clientId'],
    [{ clientId: 'tab\there' }, 'clientId'],
    [{ clientSecret: undefined }, 'clientSecret'],
    [{ clientSecret: '' }, 'clientSecret'],
    [{ scopes: ['email', 'profile'] }, 'scopes'],
    [{ scopes: ['openid', 'openid'] }, 'scopes'],
    [{ scopes: ['openid', 'two words'] }, 'scopes'],
    [{ scopes: 'openid' }, 'scopes'],
    [{ emailDomains: [] }, 'emailDomains'],
    [{ emailDomains: ['new.example', 'not a domain'] }, 'emailDomains'],
    [{ emailDomains: ['sam@new.example'] }, 'emailDomains'],
    [{ emailDomains: ['New.example', 'new.example'] }, 'emailDomains'],
    [
      { emailDomains: Array.from({ length: MAX_CONNECTION_DOMAINS + 1 }, (_, i) => `d${i}.example`) },
      'emailDomains',
    ],
    [{ allowedUserTypeIds: ['nope'] }, 'allowedUserTypeIds'],
    [{ allowedUserTypeIds: [] }, 'allowedUserTypeIds'],
    [{ trust: { mode: 'sometimes', amrValues: [], acrValues: [] } }, 'trust.mode'],
    [{ trust: { mode: 'trust-mfa', amrValues: [], acrValues: [] } }, 'trust.amrValues'],
    [
      { trust: { mode: 'trust-mfa', amrValues: ['mfa'], acrValues: [], maxAuthAgeSeconds: 5 } },
      'trust.maxAuthAgeSeconds',
    ],
    [{ trust: { mode: 'always-ask', amrValues: [], acrValues: [], extra: 1 } }, 'trust.extra'],
    [{ trust: [{ mode: 'always-ask', amrValues: [], acrValues: [] }] }, 'trust'],
    [{ jitUserTypeId: 'nope' }, 'jitUserTypeId'],
    [{ passwordAllowed: 'yes' }, 'passwordAllowed'],
    [{ enabled: 1 }, 'enabled'],
    [{ clientSecretSealed: 'v1.x.y.z' }, 'clientSecretSealed'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (body, field) => {
    const [before, audited] = [await rows(), await auditCount()];
    const res = await connect({ name: 'Another', emailDomains: ['new.example'], ...body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await rows()).toHaveLength(before.length);
    expect(await auditCount()).toBe(audited);
  });

  it('refuses user types of another account, and a just-in-time type the provider does not allow', async () => {
    const foreign = await connect({
      name: 'X',
      emailDomains: ['x.example'],
      allowedUserTypeIds: [f.globex.employee],
    });
    expect(refusal(foreign)).toEqual([400, 'allowedUserTypeIds']);
    const jit = await connect({
      name: 'X',
      emailDomains: ['x.example'],
      allowedUserTypeIds: [f.acme.manager],
      jitUserTypeId: f.acme.employee,
    });
    expect(refusal(jit)).toEqual([400, 'jitUserTypeId']);
    expect(await rows()).toHaveLength(1);
  });

  it('refuses a second provider of the same name, or for a domain another one routes, with a 409', async () => {
    const name = await connect({ emailDomains: ['other.example'] });
    expect(refusal(name)).toEqual([409, 'name']);
    expect(name.body.message).toContain('Acme SSO');
    const domain = await connect({
      name: 'Contractors',
      emailDomains: ['contractors.example', 'Corp.Acme.example'],
    });
    expect(refusal(domain)).toEqual([409, 'emailDomains']);
    expect(domain.body.message).toBe('corp.acme.example is routed to the sign-in provider Acme SSO already');
    expect(await rows()).toHaveLength(1);
  });

  it('changes what is sent and keeps the rest, the secret too unless a new one is sent', async () => {
    const row = await named('Acme SSO');
    const res = await change(row.id, {
      scopes: ['openid', 'email'],
      allowedUserTypeIds: [f.acme.employee, f.acme.manager],
      jitUserTypeId: f.acme.employee,
      trust: { mode: 'trust-mfa', amrValues: ['mfa', 'hwk'], acrValues: [], maxAuthAgeSeconds: 600 },
      passwordAllowed: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Acme SSO',
      issuer: 'https://login.acme.example',
      scopes: ['openid', 'email'],
      emailDomains: ['acme.example', 'corp.acme.example'],
      jitUserTypeId: f.acme.employee,
      trust: { mode: 'trust-mfa', amrValues: ['mfa', 'hwk'], acrValues: [], maxAuthAgeSeconds: 600 },
      passwordAllowed: false,
      enabled: true,
    });
    expect((await named('Acme SSO')).clientSecretSealed).toBe(row.clientSecretSealed);

    const replaced = await change(row.id, { clientSecret: 'a-new-secret-9876543210' });
    expect(replaced.status).toBe(200);
    expect(JSON.stringify(replaced.body)).not.toContain('a-new-secret');
    const stored = await named('Acme SSO');
    expect(stored.clientSecretSealed).not.toBe(row.clientSecretSealed);
    expect(t.app.get(SecretBox).open(stored.clientSecretSealed, `${f.acme.id}/${row.id}`)).toBe(
      'a-new-secret-9876543210',
    );
    const [first, second] = (await events('connection.updated')).sort((a, b) => +a.createdAt - +b.createdAt);
    expect(first.before).toMatchObject({
      trustMode: 'always-ask',
      passwordAllowed: true,
      allowedUserTypes: 'all',
    });
    expect(first.after).toMatchObject({
      trustMode: 'trust-mfa',
      trustAmr: 'mfa hwk',
      passwordAllowed: false,
    });
    expect(first.after).not.toHaveProperty('clientSecret');
    expect(second.after).toMatchObject({ clientSecret: 'replaced' });
    expect(JSON.stringify([first, second])).not.toContain('a-new-secret');
    expect(JSON.stringify([first, second])).not.toContain(SECRET);
  });

  it('refuses a bad change whole, and a domain of another provider with a 409', async () => {
    const row = await named('Acme SSO');
    const other = await connect({ name: 'Contractors', emailDomains: ['contractors.example'] });
    expect(other.status).toBe(201);
    const audited = await auditCount();
    const bad = await change(row.id, { name: 'Renamed', scopes: ['email'] });
    expect(refusal(bad)).toEqual([400, 'scopes']);
    const clash = await change(other.body.id, { emailDomains: ['contractors.example', 'acme.example'] });
    expect(refusal(clash)).toEqual([409, 'emailDomains']);
    const types = await change(row.id, { allowedUserTypeIds: [f.acme.manager] });
    expect(refusal(types)).toEqual([400, 'jitUserTypeId']);
    expect((await named('Acme SSO')).name).toBe('Acme SSO');
    expect(await auditCount()).toBe(audited);
    // Its own domains again are no clash.
    expect((await change(row.id, { emailDomains: ['acme.example'] })).status).toBe(200);
  });

  describe('"never ask"', () => {
    const neverAsk = { mode: 'never-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null };
    afterEach(async () => {
      await root.send('PUT', ApiPaths.platformFloor, { method: 'off' });
      await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { floor: null });
    });

    it('is saved while no floor above the owner asks for a factor', async () => {
      const row = await named('Contractors');
      const res = await change(row.id, { trust: neverAsk });
      expect(res.status).toBe(200);
      expect(res.body.trust.mode).toBe('never-ask');
    });

    it('is refused under a platform floor, naming trust.mode; other changes of a saved one go through', async () => {
      expect((await root.send('PUT', ApiPaths.platformFloor, { method: 'pin' })).status).toBe(200);
      const audited = await auditCount();
      const made = await connect({ name: 'Partners', emailDomains: ['partners.example'], trust: neverAsk });
      expect(refusal(made)).toEqual([400, 'trust.mode']);
      expect(made.body.message).toContain('at least a PIN');
      const sso = await named('Acme SSO');
      const changed = await change(sso.id, { trust: neverAsk });
      expect(refusal(changed)).toEqual([400, 'trust.mode']);
      expect(await auditCount()).toBe(audited);
      // Saved before the floor: it may still be renamed or switched off (the sign-in asks anyway).
      const contractors = await named('Contractors');
      expect((await change(contractors.id, { enabled: false })).status).toBe(200);
    });

    it("is refused under the platform's floor for this account only, not another's", async () => {
      await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { floor: 'authenticator' });
      const made = await connect({ name: 'Partners', emailDomains: ['partners.example'], trust: neverAsk });
      expect(refusal(made)).toEqual([400, 'trust.mode']);
      expect(made.body.message).toContain('the authenticator');
      const globex = await connect(
        { name: 'Globex SSO', emailDomains: ['globex.example'], trust: neverAsk },
        gail,
        f.globex.id,
      );
      expect(globex.status).toBe(201);
    });
  });

  it('refuses API tokens on every route, however scoped', async () => {
    const made = await owner.post(ApiPaths.apiTokens(f.acme.id), {
      name: 'All scopes',
      scopes: ['users:read', 'users:write', 'policy:read', 'policy:write'],
    });
    const secret: string = made.body.secret;
    const id = (await named('Acme SSO')).id;
    const calls = [
      ['GET', ApiPaths.connections(f.acme.id)],
      ['POST', ApiPaths.connections(f.acme.id)],
      ['PATCH', ApiPaths.connection(f.acme.id, id)],
      ['DELETE', ApiPaths.connection(f.acme.id, id)],
      ['POST', ApiPaths.connectionTest(f.acme.id, id)],
    ];
    const answers = await Promise.all(
      calls.map(([method, path]) =>
        request(server)
          [method.toLowerCase() as 'post'](path)
          .set('Authorization', `Bearer ${secret}`)
          .send({}),
      ),
    );
    expect(answers.map((res) => [res.status, res.body.message])).toEqual(
      calls.map(() => [403, NO_TOKEN_ROUTE]),
    );
  });

  it("answers 404 to another account's owner and 403 to a super user, and changes nothing", async () => {
    const id = (await named('Acme SSO')).id;
    expect((await gail.get(ApiPaths.connections(f.acme.id))).status).toBe(404);
    expect((await gail.send('PATCH', ApiPaths.connection(f.acme.id, id), { name: 'Mine' })).status).toBe(404);
    // Through its own account's path the connection is not there either.
    expect((await gail.send('PATCH', ApiPaths.connection(f.globex.id, id), { name: 'Mine' })).status).toBe(
      404,
    );
    expect((await gail.send('DELETE', ApiPaths.connection(f.globex.id, id))).status).toBe(404);
    expect((await gail.post(ApiPaths.connectionTest(f.globex.id, id))).status).toBe(404);
    expect((await root.get(ApiPaths.connections(f.acme.id))).status).toBe(403);
    expect((await named('Acme SSO')).name).toBe('Acme SSO');
  });

  describe('Test connection', () => {
    /** Issuers under one server of the test's own, answering by the first segment of the path. */
    let own = '';
    const document = (issuer: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        ...extra,
      });
    beforeAll(async () => {
      const started = await listen((req, res) => {
        const kind = req.url?.split('/')[1];
        const json = (body: string) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
        if (kind === 'hang') return;
        if (kind === 'html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Welcome</h1>');
        else if (kind === 'other') json(document('https://elsewhere.example'));
        else if (kind === 'anonymous') json('{"authorization_endpoint":"x"}');
        else if (kind === 'plain')
          json(document(`${own}/plain`, { code_challenge_methods_supported: ['plain'] }));
        else if (kind === 'unlisted') json(document(`${own}/unlisted`));
        else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      });
      servers.push(started.server);
      own = started.base;
    });

    const testOf = async (issuer: string) => {
      const slug = `t${Math.random().toString(36).slice(2, 10)}`;
      const made = await connect({ name: slug, issuer, emailDomains: [`${slug}.example`] });
      expect(made.status).toBe(201);
      const res = await owner.post(ApiPaths.connectionTest(f.acme.id, made.body.id));
      expect(res.status).toBe(200);
      return res.body as { ok: boolean; message: string };
    };

    it('finds a real provider (oidc-provider): code flow with PKCE; and says when it offers no code flow', async () => {
      const real = await realProvider();
      const codeless = await realProvider(['none']);
      servers.push(real.server, codeless.server);
      expect(await testOf(real.issuer)).toEqual({
        ok: true,
        message: `Found ${real.issuer}: code flow with PKCE.`,
      });
      expect(await testOf(codeless.issuer)).toEqual({
        ok: false,
        message: `No code flow: ${codeless.issuer} does not offer the authorization code flow (response types: none).`,
      });
    });

    it('says when nothing listens at the issuer', async () => {
      const port = await freePort();
      expect(await testOf(`http://127.0.0.1:${port}`)).toEqual({
        ok: false,
        message: `Unreachable: 127.0.0.1:${port} refused the connection: nothing listens there.`,
      });
    });

    // {well}: the issuer's discovery document; {own}: the test's server.
    it.each([
      ['missing', false, 'Not an issuer: {well} answered HTTP 404 instead of a discovery document.'],
      ['html', false, 'Not an issuer: {well} did not answer with a JSON discovery document.'],
      ['anonymous', false, 'Not an issuer: the document at {well} names no issuer.'],
      [
        'other',
        false,
        'Not an issuer: the document at {well} names the issuer https://elsewhere.example, not {own}/other. Enter exactly the issuer it names.',
      ],
      ['plain', false, 'No PKCE: {own}/plain does not offer PKCE with S256 (methods: plain).'],
      [
        'unlisted',
        true,
        'Found {own}/unlisted: code flow. It does not list its PKCE methods; Latchkey sends S256 anyway.',
      ],
      ['hang', false, 'Timed out: {host} did not answer within 5 seconds.'],
    ])('says what the issuer /%s is (ok: %s)', async (path, ok, words) => {
      const audited = await auditCount();
      const message = words
        .replace('{well}', `${own}/${path}/.well-known/openid-configuration`)
        .replace('{own}', own)
        .replace('{host}', new URL(own).host);
      expect(await testOf(`${own}/${path}`)).toEqual({ ok, message });
      expect(await auditCount()).toBe(audited + 1); // its creation: a test writes nothing
    });

    it('answers 404 for a provider that is not there', async () => {
      const res = await owner.post(
        ApiPaths.connectionTest(f.acme.id, '00000000-0000-4000-8000-000000000000'),
      );
      expect(res.status).toBe(404);
    });
  });

  it('removes a provider, audited; a second removal is a 404', async () => {
    const row = await named('Contractors');
    expect((await owner.send('DELETE', ApiPaths.connection(f.acme.id, row.id))).status).toBe(204);
    expect((await owner.send('DELETE', ApiPaths.connection(f.acme.id, row.id))).status).toBe(404);
    const [event] = await events('connection.deleted');
    expect(event).toMatchObject({ targetId: row.id, targetLabel: 'Contractors', after: null });
    expect(event.before).toMatchObject({ emailDomains: 'contractors.example' });
    // Its domain is free for another provider now.
    expect((await connect({ name: 'Contractors 2', emailDomains: ['contractors.example'] })).status).toBe(
      201,
    );
  });
});

describe('sign-in providers of an installation on https', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('refuses an http issuer, which would only reach the server’s own machine', async () => {
    t = await startTestApp({ LATCHKEY_PUBLIC_URL: 'https://login.example.com' });
    const f = await seedFixtures(t);
    const owner = new TestClient(t.app.getHttpServer());
    await owner.signIn('olivia@acme.test', PASSWORD);
    const res = await owner.post(ApiPaths.connections(f.acme.id), {
      name: 'Local probe',
      issuer: 'http://127.0.0.1:5432',
      clientId: 'x',
      clientSecret: SECRET,
      emailDomains: ['probe.example'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['issuer']);
  });
});

import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  API_TOKEN_PATTERN,
  ApiPaths,
  SESSION_COOKIE,
  XSRF_COOKIE,
  XSRF_HEADER,
  type ApiTokenScope,
  type ApiTokenView,
  type UserRow,
} from '@latchkey/contracts';
import { ApiToken } from '../src/api-tokens/api-token.entity';
import {
  expiredToken,
  REVOKED_TOKEN,
  SUSPENDED_ACCOUNT,
  UNKNOWN_TOKEN,
} from '../src/api-tokens/api-tokens.service';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { FOREIGN_TOKEN, missingScope, NO_TOKEN_ROUTE, TOKEN_AND_COOKIE } from '../src/common/access.guard';
import { Clock } from '../src/common/clock';
import { SessionRow } from '../src/database/session.entity';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** Provisioning (DESIGN §10): the vendor's back end calls the owner routes with a tenant API token. */
describe('tenant API tokens', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;

  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
  const tokens = () => t.dataSource.getRepository(ApiToken);
  const events = (action: string) => t.dataSource.getRepository(AuditEvent).findBy({ action });
  const sessions = () => t.dataSource.getRepository(SessionRow).count();

  /** A back end's call: the bearer token only, no cookie, no XSRF header. */
  const bearer = (secret: string, method: string, path: string, body?: unknown) => {
    const req = request(server)[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${secret}`);
    return body === undefined ? req : req.send(body as object);
  };

  /** An owner makes a token and answers its secret. */
  const make = async (name: string, scopes: ApiTokenScope[], by = owner, tenantId = f.acme.id) => {
    const res = await by.post(ApiPaths.apiTokens(tenantId), { name, scopes });
    expect(res.status).toBe(201);
    return { secret: res.body.secret as string, id: res.body.token.id as string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
  });
  afterAll(() => t.close());

  it('makes a token: its secret shown once, only its SHA-256 stored, the list never shows it', async () => {
    const res = await owner.post(ApiPaths.apiTokens(f.acme.id), {
      name: '  HR sync ',
      scopes: ['users:write', 'users:read'],
    });
    expect(res.status).toBe(201);
    const secret: string = res.body.secret;
    expect(secret).toMatch(API_TOKEN_PATTERN);
    expect(res.body.token).toMatchObject({
      tenantId: f.acme.id,
      name: 'HR sync',
      scopes: ['users:read', 'users:write'],
      createdBy: 'olivia@acme.test',
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(Object.keys(res.body.token)).not.toContain('secretHash');

    const row = await tokens().findOneByOrFail({ id: res.body.token.id });
    expect(row.secretHash).toBe(sha256(secret));
    expect(row.createdBy).toBe(f.olivia.login);
    expect(JSON.stringify(row)).not.toContain(secret.slice(3));

    const list = await owner.get(ApiPaths.apiTokens(f.acme.id));
    expect(list.status).toBe(200);
    expect(list.body.map((k: ApiTokenView) => k.name)).toEqual(['HR sync']);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(3));
    expect(JSON.stringify(list.body)).not.toContain(row.secretHash);

    const [event] = await events('api-token.created');
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'olivia@acme.test',
      targetType: 'api-token',
      targetLabel: 'HR sync',
      after: { name: 'HR sync', scopes: ['users:read', 'users:write'], expiresAt: null },
    });
    expect(JSON.stringify(event)).not.toContain(secret.slice(3));
    expect(JSON.stringify(event)).not.toContain(row.secretHash);
  });

  it.each([
    [{ name: '  ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ scopes: [] }, 'scopes'],
    [{ scopes: 'users:read' }, 'scopes'],
    [{ scopes: ['users:admin'] }, 'scopes'],
    [{ scopes: ['users:read', 'users:read'] }, 'scopes'],
    [{ expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    [{ secret: 'lk_mine' }, 'secret'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (change, field) => {
    const before = await tokens().count();
    const res = await owner.post(ApiPaths.apiTokens(f.acme.id), {
      name: 'Another',
      scopes: ['users:read'],
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body.message).toContain(field);
    expect(await tokens().count()).toBe(before);
  });

  it('refuses a second usable token of the same name with a 409', async () => {
    const res = await owner.post(ApiPaths.apiTokens(f.acme.id), { name: 'HR sync', scopes: ['users:read'] });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('HR sync');
  });

  it('lists users with a users:read token, with no session, cookie or XSRF token', async () => {
    const { secret, id } = await make('Reader', ['users:read']);
    const before = await sessions();
    const res = await bearer(secret, 'GET', ApiPaths.users(f.acme.id));
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: UserRow) => r.email)).toContain('emma@acme.test');
    expect(res.body.items.some((r: UserRow) => r.email === 'gail@globex.test')).toBe(false);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await sessions()).toBe(before);
    expect((await tokens().findOneByOrFail({ id })).lastUsedAt).not.toBeNull();
  });

  it('creates and changes logins with a users:write token, without XSRF, audited as the token', async () => {
    const { secret } = await make('Provisioner', ['users:write']);
    const created = await bearer(secret, 'POST', ApiPaths.users(f.acme.id), {
      email: 'nina@acme.test',
      displayName: 'Nina',
      userTypeId: f.acme.employee,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'nina@acme.test', displayName: 'Nina' });
    const loginId: string = created.body.user.loginId;
    expect(await t.dataSource.getRepository(Login).existsBy({ tenantId: f.acme.id, id: loginId })).toBe(true);

    const exception = await bearer(secret, 'PUT', ApiPaths.exception(f.acme.id, loginId), {
      method: 'authenticator',
    });
    expect(exception.status).toBe(200);
    expect(exception.body.exception).toBe('authenticator');
    expect((await bearer(secret, 'POST', ApiPaths.unlock(f.acme.id, loginId))).status).toBe(200);
    // users:write includes reading the users.
    expect((await bearer(secret, 'GET', ApiPaths.users(f.acme.id))).status).toBe(200);

    const [event] = (await events('login.created')).filter((e) => e.targetLabel === 'nina@acme.test');
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'API token "Provisioner"',
      after: expect.objectContaining({ displayName: 'Nina' }),
    });
    const [set] = await events('policy.exception-set');
    expect(set?.actorLabel).toBe('API token "Provisioner"');

    // Owners, who could make tokens, are made by an owner in the console, never by a token.
    const owner = await bearer(secret, 'POST', ApiPaths.users(f.acme.id), {
      email: 'otto@acme.test',
      displayName: 'Otto',
      userTypeId: f.acme.employee,
      role: 'owner',
    });
    expect(owner.status).toBe(403);
    expect(owner.body.message).toContain('may not create owners');
    expect(await t.dataSource.getRepository(Login).existsBy({ displayName: 'Otto' })).toBe(false);
  });

  it('creates and renames user types with a policy:write token', async () => {
    const { secret } = await make('Types', ['policy:write']);
    const made = await bearer(secret, 'POST', ApiPaths.userTypes(f.acme.id), { name: 'Contractor' });
    expect(made.status).toBe(201);
    const renamed = await bearer(secret, 'PATCH', ApiPaths.userType(f.acme.id, made.body.id), {
      name: 'Freelancer',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Freelancer');
    expect((await bearer(secret, 'GET', ApiPaths.tenantPolicy(f.acme.id))).status).toBe(200);
    const [event] = await events('user-type.renamed');
    expect(event?.actorLabel).toBe('API token "Types"');
  });

  it('answers 403 naming the scope a token lacks, and writes nothing', async () => {
    const { secret } = await make('Read only', ['users:read', 'policy:read']);
    const before = await t.dataSource.getRepository(Login).count();
    const res = await bearer(secret, 'POST', ApiPaths.users(f.acme.id), {
      email: 'olga@acme.test',
      displayName: 'Olga',
      userTypeId: f.acme.employee,
    });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(missingScope('users:write'));
    expect(await t.dataSource.getRepository(Login).count()).toBe(before);
    const types = await bearer(secret, 'POST', ApiPaths.userTypes(f.acme.id), { name: 'Nope' });
    expect(types.status).toBe(403);
    expect(types.body.message).toBe(missingScope('policy:write'));
    const reset = await bearer(secret, 'POST', ApiPaths.reset(f.acme.id, f.emma.login));
    expect(reset.body.message).toBe(missingScope('users:write'));
    // The scopes are apart: a users token reads no policy.
    const { secret: users } = await make('Users only', ['users:write']);
    expect((await bearer(users, 'GET', ApiPaths.userTypes(f.acme.id))).body.message).toBe(
      missingScope('policy:read'),
    );
    // A preview's names and emails are the people directory's: a policy token does not list them.
    const { secret: policy } = await make('Policy only', ['policy:write']);
    const names = await bearer(policy, 'POST', ApiPaths.policyPreviewLogins(f.acme.id), {
      mandatoryForAll: true,
      group: 'must-enrol',
    });
    expect([names.status, names.body.message]).toEqual([403, missingScope('users:read')]);
  });

  it("answers 403 on another tenant's routes", async () => {
    const { secret } = await make('Everything', ['users:write', 'policy:write']);
    for (const [method, path] of [
      ['GET', ApiPaths.users(f.globex.id)],
      ['POST', ApiPaths.userTypes(f.globex.id)],
      ['PUT', ApiPaths.exception(f.globex.id, f.gail.login)],
      ['GET', ApiPaths.tenantPolicy(f.root.platformTenantId)],
    ]) {
      const res = await bearer(secret, method, path, method === 'GET' ? undefined : { name: 'X' });
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 403,
        message: FOREIGN_TOKEN,
      });
    }
  });

  it('answers 403 on every route that names no scope: applications, audit, tokens, me, platform, sign-in', async () => {
    const { secret } = await make('All scopes', ['users:write', 'policy:write']);
    for (const [method, path] of [
      ['GET', ApiPaths.applications(f.acme.id)],
      ['POST', ApiPaths.applications(f.acme.id)],
      ['GET', ApiPaths.audit(f.acme.id)],
      // A login's detail carries its recent audit events: the console's panel only.
      ['GET', ApiPaths.userDetail(f.acme.id, f.emma.login)],
      ['GET', ApiPaths.apiTokens(f.acme.id)],
      ['POST', ApiPaths.apiTokens(f.acme.id)],
      ['GET', ApiPaths.me],
      ['GET', ApiPaths.platformTenants],
      ['POST', ApiPaths.login],
      ['GET', ApiPaths.state],
    ]) {
      const res = await bearer(secret, method, path, method === 'GET' ? undefined : {});
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 403,
        message: NO_TOKEN_ROUTE,
      });
    }
  });

  it('answers 401 to an unknown or malformed token, saying how to authenticate', async () => {
    const forged = `lk_${'A'.repeat(43)}`;
    for (const header of [`Bearer ${forged}`, 'Bearer', 'Bearer nonsense', 'bearer lk_short']) {
      const res = await request(server).get(ApiPaths.users(f.acme.id)).set('Authorization', header);
      expect({ header, status: res.status, message: res.body.message }).toEqual({
        header,
        status: 401,
        message: UNKNOWN_TOKEN,
      });
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it('checks XSRF on cookie calls, not on bearer calls; a call with both is refused', async () => {
    const { secret } = await make('XSRF check', ['policy:write']);
    // A bearer POST needs no XSRF header (the test above made a user type so); a cookie POST does.
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const noHeader = await request(server)
      .post(ApiPaths.userTypes(f.acme.id))
      .set('Cookie', cookie)
      .send({ name: 'Forged' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.message).toContain(XSRF_HEADER);
    // A bearer header does not lift the check from a call that carries the session cookie.
    const both = await request(server)
      .post(ApiPaths.userTypes(f.acme.id))
      .set('Cookie', cookie)
      .set('Authorization', `Bearer ${secret}`)
      .send({ name: 'Forged' });
    expect(both.status).toBe(403);
    expect(both.body.message).toContain(XSRF_HEADER);
    const withXsrf = await request(server)
      .post(ApiPaths.userTypes(f.acme.id))
      .set('Cookie', cookie)
      .set(XSRF_HEADER, decodeURIComponent(owner.cookies.get(XSRF_COOKIE) ?? ''))
      .set('Authorization', `Bearer ${secret}`)
      .send({ name: 'Forged' });
    expect(withXsrf.status).toBe(400);
    expect(withXsrf.body.message).toBe(TOKEN_AND_COOKIE);
    expect(
      (await owner.get(ApiPaths.userTypes(f.acme.id))).body.map((u: { name: string }) => u.name),
    ).not.toContain('Forged');
    // The XSRF cookie alone is no session: a bearer call with it passes.
    const xsrfOnly = await bearer(secret, 'POST', ApiPaths.userTypes(f.acme.id), { name: 'Agency' }).set(
      'Cookie',
      `${XSRF_COOKIE}=${owner.cookies.get(XSRF_COOKIE)}`,
    );
    expect(xsrfOnly.status).toBe(201);
    expect(owner.cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it('notes a token’s use at most once a minute', async () => {
    const { secret, id } = await make('Busy', ['users:read']);
    await bearer(secret, 'GET', ApiPaths.users(f.acme.id));
    const first = (await tokens().findOneByOrFail({ id })).lastUsedAt;
    expect(first).not.toBeNull();
    await Promise.all([1, 2, 3].map(() => bearer(secret, 'GET', ApiPaths.users(f.acme.id))));
    expect((await tokens().findOneByOrFail({ id })).lastUsedAt?.getTime()).toBe(first?.getTime());
  });

  it('revokes a token: audited, 401 from then on, still listed; a second revoke is a 409', async () => {
    const { secret, id } = await make('Leaked', ['users:read']);
    expect((await bearer(secret, 'GET', ApiPaths.users(f.acme.id))).status).toBe(200);
    expect((await owner.send('DELETE', ApiPaths.apiToken(f.acme.id, id))).status).toBe(204);

    const res = await bearer(secret, 'GET', ApiPaths.users(f.acme.id));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe(REVOKED_TOKEN);
    const [event] = await events('api-token.revoked');
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'olivia@acme.test',
      targetId: id,
      targetLabel: 'Leaked',
    });
    const listed = (await owner.get(ApiPaths.apiTokens(f.acme.id))).body.find(
      (k: ApiTokenView) => k.id === id,
    );
    expect(listed.revokedAt).not.toBeNull();
    expect((await owner.send('DELETE', ApiPaths.apiToken(f.acme.id, id))).status).toBe(409);
    // Its name is free again.
    expect(
      (await owner.post(ApiPaths.apiTokens(f.acme.id), { name: 'Leaked', scopes: ['users:read'] })).status,
    ).toBe(201);
  });

  it("keeps another account's owner out of the tokens (404), as every owner route", async () => {
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    const [token] = await tokens().findBy({ tenantId: f.acme.id });
    expect((await gail.get(ApiPaths.apiTokens(f.acme.id))).status).toBe(404);
    expect((await gail.send('DELETE', ApiPaths.apiToken(f.acme.id, token?.id ?? ''))).status).toBe(404);
    expect((await gail.send('DELETE', ApiPaths.apiToken(f.globex.id, token?.id ?? ''))).status).toBe(404);
    expect((await tokens().findOneByOrFail({ id: token?.id })).revokedAt).toBeNull();
  });

  it("answers 403 to a suspended account's token", async () => {
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    const { secret } = await make('Globex sync', ['users:read'], gail, f.globex.id);
    expect((await bearer(secret, 'GET', ApiPaths.users(f.globex.id))).status).toBe(200);
    await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { suspended: true });
    const res = await bearer(secret, 'GET', ApiPaths.users(f.globex.id));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(SUSPENDED_ACCOUNT);
  });

  // Last: it moves the app's clock on.
  it('answers 401 once a token has expired', async () => {
    const expiresAt = new Date(t.app.get(Clock).now().getTime() + 60 * 60_000);
    const res = await owner.post(ApiPaths.apiTokens(f.acme.id), {
      name: 'Short lived',
      scopes: ['users:read'],
      expiresAt: expiresAt.toISOString(),
    });
    expect(res.status).toBe(201);
    expect(res.body.token.expiresAt).toBe(expiresAt.toISOString());
    expect((await bearer(res.body.secret, 'GET', ApiPaths.users(f.acme.id))).status).toBe(200);
    t.app.get(Clock).advance(61 * 60_000);
    const late = await bearer(res.body.secret, 'GET', ApiPaths.users(f.acme.id));
    expect(late.status).toBe(401);
    expect(late.body.message).toBe(expiredToken(expiresAt));
    expect(late.body).toMatchObject({ code: 'token.expired', params: { at: expiresAt.toISOString() } });
    expect(late.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});

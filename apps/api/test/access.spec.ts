import type { Server } from 'node:http';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { registeredRoutes, startTestApp, type TestApp } from './harness';

/**
 * Sweeps every route the app registers (read from express, not listed here), so that a new
 * route is covered the day it is added.
 */
describe('access to every registered route', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let routes: Array<{ method: string; path: string }>;

  // Routes that answer without a finished sign-in, and the only step a pick-login session may take.
  const open = new Set([
    `POST ${ApiPaths.login}`,
    `GET ${ApiPaths.state}`,
    `POST ${ApiPaths.logout}`,
    `GET ${ApiPaths.health}`,
  ]);
  const pickStep = `POST ${ApiPaths.pick}`;

  const fill = (path: string) =>
    path.replace(':tenantId', f.acme.id).replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    routes = registeredRoutes(t.app).filter(
      (r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'),
    );
  });
  afterAll(() => t.close());

  it('finds the routes of the app', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [...open, pickStep, `GET ${ApiPaths.me}`]) expect(keys).toContain(expected);
  });

  it('answers 401 to a pending (pick-login) session on every route but its next step', async () => {
    const c = await new TestClient(server).begin();
    const pending = await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    expect(pending.body.state).toBe('pick-login');
    const sid = c.sessionId;

    const reached: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (open.has(key) || key === pickStep) continue;
      const res = await c.send(route.method, fill(route.path), route.method === 'GET' ? undefined : {});
      if (res.status !== 401) reached.push(`${key} → ${res.status}`);
    }
    expect(reached).toEqual([]);
    // The sweep did not disturb the pending sign-in.
    expect(c.sessionId).toBe(sid);
    expect((await c.get(ApiPaths.state)).body.state).toBe('pick-login');
  });

  it('answers 401 to anonymous callers on every route that is not open', async () => {
    const c = await new TestClient(server).begin();
    const reached: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (open.has(key)) continue;
      const res = await c.send(route.method, fill(route.path), route.method === 'GET' ? undefined : {});
      if (res.status !== 401) reached.push(`${key} → ${res.status}`);
    }
    expect(reached).toEqual([]);
  });

  it('never answers a pending or signed-in step route with a 5xx', async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    for (const route of routes) {
      const res = await c.send(route.method, fill(route.path), route.method === 'GET' ? undefined : {});
      expect({ route: `${route.method} ${route.path}`, status: res.status < 500 }).toEqual({
        route: `${route.method} ${route.path}`,
        status: true,
      });
    }
  });
});

describe('bad input', () => {
  let t: TestApp;
  let server: Server;

  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtures(t);
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  const cases: Array<[string, unknown, string[]]> = [
    ['missing fields', {}, ['email', 'password']],
    ['wrong types', { email: 42, password: ['x'] }, ['email', 'password']],
    ['not an email', { email: 'sam', password: 'x' }, ['email']],
    ['empty password', { email: 'sam@acme.test', password: '' }, ['password']],
    ['an extra field', { email: 'sam@acme.test', password: 'x', isSuperUser: true }, ['isSuperUser']],
    ['a huge password', { email: 'sam@acme.test', password: 'x'.repeat(10_000) }, ['password']],
  ];

  it.each(cases)('login with %s answers 400 naming the fields', async (_label, body, fields) => {
    const c = await new TestClient(server).begin();
    const res = await c.post(ApiPaths.login, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(res.body.message).toContain(field);
  });

  it('answers 400 to a body that is not JSON, and to a JSON array', async () => {
    const c = await new TestClient(server).begin();
    const garbled = await c.send('POST', ApiPaths.login, '{"email":', { 'Content-Type': 'application/json' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.message).toMatch(/could not be read/);
    const array = await c.post(ApiPaths.login, [{ email: 'sam@acme.test', password: PASSWORD }]);
    expect(array.status).toBe(400);
  });

  it('answers 413 to a body over the limit', async () => {
    const c = await new TestClient(server).begin();
    const res = await c.post(ApiPaths.login, { email: 'sam@acme.test', password: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/too large/);
  });

  it('answers 400 naming loginId to a pick that is not an id', async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    for (const body of [{}, { loginId: 'drop table' }, { loginId: 7 }]) {
      const res = await c.post(ApiPaths.pick, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('loginId');
    }
    expect((await c.get(ApiPaths.state)).body.state).toBe('pick-login');
  });
});

/**
 * Every owner and platform route, called as anonymous, pending, end user, owner of another
 * tenant, and the right caller. A new route fails the sweep until it has a sample call below.
 */
describe('role matrix of every owner and platform route', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let routes: Array<{ method: string; path: string }>;
  const as: Record<'anonymous' | 'pending' | 'user' | 'foreignOwner' | 'owner' | 'root', TestClient> =
    {} as never;

  type Sample = { body?: object; query?: string; caller: 'owner' | 'root' };
  const samples = (): Record<string, Sample> => ({
    'GET /api/v1/tenants/:tenantId/policy': { caller: 'owner' },
    'PUT /api/v1/tenants/:tenantId/policy': {
      caller: 'owner',
      body: { mandatoryForAll: false, graceDays: 0 },
    },
    'POST /api/v1/tenants/:tenantId/policy/preview': { caller: 'owner', body: { mandatoryForAll: true } },
    'GET /api/v1/tenants/:tenantId/user-types': { caller: 'owner' },
    'POST /api/v1/tenants/:tenantId/user-types': { caller: 'owner', body: { name: `Type ${Math.random()}` } },
    'PATCH /api/v1/tenants/:tenantId/user-types/:userTypeId': {
      caller: 'owner',
      body: { name: `Employee ${Math.random()}` },
    },
    'PUT /api/v1/tenants/:tenantId/user-types/:userTypeId/policy': {
      caller: 'owner',
      body: { method: 'off', graceDays: 0 },
    },
    'GET /api/v1/tenants/:tenantId/users': { caller: 'owner', query: '?search=e' },
    'POST /api/v1/tenants/:tenantId/users': {
      caller: 'owner',
      body: {
        email: `n${Date.now()}${Math.floor(Math.random() * 1e6)}@acme.test`,
        displayName: 'N',
        userTypeId: f.acme.employee,
      },
    },
    'PUT /api/v1/tenants/:tenantId/users/:loginId/exception': { caller: 'owner', body: { method: null } },
    'POST /api/v1/tenants/:tenantId/users/:loginId/unlock': { caller: 'owner' },
    'POST /api/v1/tenants/:tenantId/users/:loginId/reset': { caller: 'owner' },
    'GET /api/v1/tenants/:tenantId/audit': { caller: 'owner' },
    'GET /api/v1/platform/tenants': { caller: 'root' },
    'POST /api/v1/platform/tenants': {
      caller: 'root',
      body: {
        name: `T ${Math.random()}`,
        ownerEmail: `o${Date.now()}${Math.floor(Math.random() * 1e6)}@t.test`,
        ownerDisplayName: 'O',
      },
    },
    'PATCH /api/v1/platform/tenants/:id': { caller: 'root', body: { twoFactorEnabled: true } },
    'GET /api/v1/platform/floor': { caller: 'root' },
    'PUT /api/v1/platform/floor': { caller: 'root', body: { method: 'off' } },
  });

  const fill = (path: string) =>
    path
      .replace(':tenantId', f.acme.id)
      .replace(':userTypeId', f.acme.employee)
      .replace(':loginId', f.emma.login)
      .replace(':id', f.acme.id);
  const call = (who: TestClient, route: { method: string; path: string }, sample: Sample | undefined) =>
    who.send(
      route.method,
      fill(route.path) + (sample?.query ?? ''),
      route.method === 'GET' ? undefined : (sample?.body ?? {}),
    );

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    routes = registeredRoutes(t.app).filter((r) => /^\/api\/v1\/(tenants|platform)\//.test(r.path));
    as.anonymous = await new TestClient(server).begin();
    as.pending = await new TestClient(server).begin();
    expect(
      (await as.pending.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD })).body.state,
    ).toBe('pick-login');
    as.user = new TestClient(server);
    await as.user.signIn('emma@acme.test', PASSWORD);
    as.foreignOwner = new TestClient(server);
    await as.foreignOwner.signIn('gail@globex.test', PASSWORD);
    as.owner = new TestClient(server);
    await as.owner.signIn('olivia@acme.test', PASSWORD);
    as.root = new TestClient(server);
    await as.root.signIn('root@latchkey.test', PASSWORD);
    await as.root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
  });
  afterAll(() => t.close());

  it('has a sample call for every owner and platform route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(16);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in samples()));
    expect(missing).toEqual([]);
  });

  it('answers anonymous and pending callers 401, end users 403', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      for (const [who, status] of [
        ['anonymous', 401],
        ['pending', 401],
        ['user', 403],
      ] as const) {
        const res = await call(as[who], route, samples()[key]);
        if (res.status !== status) wrong.push(`${who} ${key} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers the owner of another tenant 404 on tenant routes and 403 on platform routes', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const expected = route.path.includes(':tenantId') ? 404 : 403;
      const res = await call(as.foreignOwner, route, samples()[key]);
      if (res.status !== expected) wrong.push(`${key} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers the right caller with a 2xx', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const sample = samples()[key];
      const res = await call(as[sample.caller], route, sample);
      if (res.status < 200 || res.status > 299)
        wrong.push(`${key} → ${res.status} ${res.body?.message ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers ids of another tenant with 404, even to the owner', async () => {
    const foreignType = await as.owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.globex.employee), {
      method: 'off',
      graceDays: 0,
    });
    expect(foreignType.status).toBe(404);
    const foreignLogin = await as.owner.send('PUT', ApiPaths.exception(f.acme.id, f.gail.login), {
      method: null,
    });
    expect(foreignLogin.status).toBe(404);
    const platformTenant = await as.root.get(ApiPaths.tenantPolicy(f.root.platformTenantId));
    expect(platformTenant.status).toBe(403);
  });
});

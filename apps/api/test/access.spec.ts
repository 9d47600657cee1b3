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

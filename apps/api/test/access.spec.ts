import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApiPaths } from '@latchkey/contracts';
import { Cast } from './cast';
import { TestClient } from './client';
import { DatabaseSnapshots, changedTables } from './db-snapshot';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';
import {
  CALLER_KINDS,
  PENDING_STATES,
  catalogueRoutes,
  expectedAccess,
  isGateRefusal,
  type CallerKind,
  type CataloguedRoute,
} from './route-catalogue';

/**
 * The access matrix (DESIGN.md §5.1, §5.2): every route the app registers (read from express,
 * not listed here) against every kind of caller — anonymous, a pending sign-in at each step
 * libs/contracts names, an end user, the owner of another tenant, the owner, a super user.
 * The expected answer is derived from the access rule the route's handler declares
 * (@Public, @SignInStep, @Roles), so a new route is covered the day it is added; the anchor
 * facts below are written by hand so that the derivation cannot silently go wrong.
 */
describe('access matrix of every registered route', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let cast: Cast;
  let routes: CataloguedRoute[];
  let snapshots: DatabaseSnapshots;

  /** A field no body declares: a caller the gate lets through meets the validation pipe's 400. */
  const PROBE = 'sweepProbe';

  const route = (key: string) => {
    const found = routes.find((r) => r.key === key);
    if (!found) throw new Error(`no route ${key}`);
    return found;
  };
  /** Acme's ids in the path: the owner's own tenant, another tenant for foreignOwner. */
  const fill = (path: string) =>
    path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
      name === 'tenantId'
        ? f.acme.id
        : name === 'userTypeId'
          ? cast.targets.userTypeId
          : name === 'loginId'
            ? cast.targets.loginId
            : name === 'id'
              ? cast.targets.tenantId
              : randomUUID(),
    );
  const call = (who: TestClient, r: CataloguedRoute) =>
    who.send(r.method, fill(r.path), r.method === 'GET' ? undefined : r.body ? { [PROBE]: true } : {});

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    routes = catalogueRoutes(t.app);
    cast = await new Cast(t, f, server).setUp();
    snapshots = await new DatabaseSnapshots(t.dataSource).init();
  });
  afterAll(() => t.close());

  it('catalogues every registered route with the access rule of its handler', () => {
    expect(routes.length).toBeGreaterThanOrEqual(38);
    const keys = routes.map((r) => r.key);
    for (const expected of [
      `POST ${ApiPaths.login}`,
      `POST ${ApiPaths.pick}`,
      `GET ${ApiPaths.me}`,
      `GET ${ApiPaths.health}`,
      'PUT /api/v1/tenants/:tenantId/policy',
      'PATCH /api/v1/platform/tenants/:id',
    ])
      expect(keys).toContain(expected);
    expect(new Set(keys).size).toBe(keys.length);
    // Every pending state of the contracts has a caller in the sweep.
    expect(PENDING_STATES.length).toBeGreaterThanOrEqual(6);
    for (const state of PENDING_STATES) expect(CALLER_KINDS).toContain(`pending:${state}`);
  });

  it('derives the anchor facts written here by hand', () => {
    const facts: Array<[string, CallerKind, ReturnType<typeof expectedAccess>]> = [
      [`POST ${ApiPaths.login}`, 'anonymous', 'pass'],
      [`GET ${ApiPaths.health}`, 'pending:totp', 'pass'],
      [`POST ${ApiPaths.pick}`, 'pending:pick-login', 'pass'],
      [`POST ${ApiPaths.pick}`, 'pending:totp', 401],
      [`POST ${ApiPaths.pick}`, 'user', 401],
      [`POST ${ApiPaths.totp}`, 'pending:totp', 'pass'],
      [`POST ${ApiPaths.totp}`, 'pending:pin', 401],
      [`POST ${ApiPaths.postpone}`, 'pending:pin-setup', 'pass'],
      [`POST ${ApiPaths.postpone}`, 'pending:totp-enrol', 'pass'],
      [`POST ${ApiPaths.postpone}`, 'pending:handover', 401],
      [`POST ${ApiPaths.handover}`, 'pending:handover', 'pass'],
      [`GET ${ApiPaths.me}`, 'anonymous', 401],
      [`GET ${ApiPaths.me}`, 'pending:pick-login', 401],
      [`GET ${ApiPaths.me}`, 'user', 'pass'],
      [`GET ${ApiPaths.mySecurity}`, 'super', 'pass'],
      ['GET /api/v1/tenants/:tenantId/users', 'user', 403],
      ['GET /api/v1/tenants/:tenantId/users', 'foreignOwner', 404],
      ['GET /api/v1/tenants/:tenantId/users', 'owner', 'pass'],
      ['GET /api/v1/tenants/:tenantId/users', 'super', 403],
      ['PUT /api/v1/tenants/:tenantId/policy', 'foreignOwner', 404],
      ['GET /api/v1/tenants/:tenantId/audit', 'super', 'pass'],
      ['GET /api/v1/tenants/:tenantId/audit', 'foreignOwner', 404],
      ['GET /api/v1/platform/tenants', 'super', 'pass'],
      ['GET /api/v1/platform/tenants', 'owner', 403],
      ['PUT /api/v1/platform/floor', 'user', 403],
      ['PUT /api/v1/platform/floor', 'pending:totp', 401],
    ];
    const wrong = facts
      .map(([key, who, expected]) => ({ key, who, expected, derived: expectedAccess(route(key), who) }))
      .filter((x) => x.derived !== x.expected);
    expect(wrong).toEqual([]);
  });

  it('answers the anchor calls as written here by hand', async () => {
    const users = ApiPaths.users(f.acme.id);
    expect((await cast.get('foreignOwner').client.get(users)).status).toBe(404);
    expect((await cast.get('user').client.get(users)).status).toBe(403);
    expect((await cast.get('owner').client.get(users)).status).toBe(200);
    expect((await cast.get('super').client.get(ApiPaths.platformTenants)).status).toBe(200);
    expect((await cast.get('owner').client.get(ApiPaths.platformTenants)).status).toBe(403);
    expect((await cast.get('pending:totp').client.get(ApiPaths.me)).status).toBe(401);
    expect((await cast.get('anonymous').client.get(ApiPaths.me)).status).toBe(401);
    // The owner's own tenant, foreign ids inside it: 404 as well.
    const foreignType = await cast
      .get('owner')
      .client.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.globex.employee), {
        method: 'off',
        graceDays: 0,
      });
    expect(foreignType.status).toBe(404);
    const foreignLogin = await cast
      .get('owner')
      .client.send('PUT', ApiPaths.exception(f.acme.id, f.gail.login), { method: null });
    expect(foreignLogin.status).toBe(404);
    expect((await cast.get('super').client.get(ApiPaths.tenantPolicy(f.root.platformTenantId))).status).toBe(
      403,
    );
    for (const state of PENDING_STATES) expect(await cast.stateOf(`pending:${state}`)).toBe(state);
  });

  it('answers every caller on every route as the route declares, and a refusal changes nothing', async () => {
    const wrong: string[] = [];
    const disturbed: string[] = [];
    let passes = 0;
    let refusals = 0;
    for (const r of routes) {
      for (const kind of CALLER_KINDS) {
        const caller = cast.get(kind);
        const expected = expectedAccess(r, kind);
        const before = expected === 'pass' ? null : await snapshots.take();
        const res = await call(caller.client, r);
        const label = `${kind} ${r.key} → ${res.status} ${res.body?.message ?? ''}`;
        if (expected === 'pass') {
          passes++;
          if (res.status >= 500 || isGateRefusal(res.status, res.body?.message))
            wrong.push(`${label} (expected to pass)`);
          // A body route met the validation pipe: proof that the gate let the caller through.
          if (r.body && r.method !== 'GET' && !(res.status === 400 && res.body.message.includes(PROBE)))
            wrong.push(`${label} (expected the validation pipe's 400 naming ${PROBE})`);
          // A caller the route let through may have been signed out or moved on: make it again.
          await cast.restore(kind);
          continue;
        }
        refusals++;
        if (res.status !== expected || !isGateRefusal(res.status, res.body?.message))
          wrong.push(`${label} (expected ${expected})`);
        if (kind !== 'anonymous' && caller.client.sessionId !== caller.sessionId)
          disturbed.push(`${label}: the session id changed`);
        const changed = changedTables(before as Record<string, string>, await snapshots.take());
        if (changed.length) disturbed.push(`${label}: wrote ${changed.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(disturbed).toEqual([]);
    expect(passes).toBeGreaterThan(60);
    expect(refusals).toBeGreaterThan(200);
    // Each pending sign-in is where it was: same session, same step.
    for (const state of PENDING_STATES) {
      const caller = cast.get(`pending:${state}`);
      expect({
        state,
        now: await cast.stateOf(caller.kind),
        same: caller.client.sessionId === caller.sessionId,
      }).toEqual({
        state,
        now: state,
        same: true,
      });
    }
  });

  it('lets no refused request through with a session of another person either', async () => {
    // A pending pick-login session is no key to the pick of another email's logins.
    const c = cast.get('pending:pick-login').client;
    const res = await c.post(ApiPaths.pick, { loginId: f.emma.login });
    expect(res.status).toBe(404);
    expect(await cast.stateOf('pending:pick-login')).toBe('pick-login');
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

import request from 'supertest';
import { ApiPaths } from '@latchkey/contracts';
import { TestClient } from './client';
import { startTestApp, type TestApp } from './harness';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as up', async () => {
    const res = await request(t.app.getHttpServer()).get(ApiPaths.health);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document with the sign-in routes', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([ApiPaths.login, ApiPaths.pick, ApiPaths.state, ApiPaths.logout, ApiPaths.me]),
    );
  });

  it('answers 503 when the database is gone', async () => {
    const other = await startTestApp();
    await other.dataSource.destroy();
    const res = await request(other.app.getHttpServer()).get(ApiPaths.health);
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/database/i);
    await other.db.drop();
  });
});

describe('per-address limit on sign-in calls', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LATCHKEY_SIGN_IN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 past the limit, with Retry-After, and leaves other routes alone', async () => {
    const c = await new TestClient(t.app.getHttpServer()).begin();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await c.post(ApiPaths.login, { email: 'x@y.test', password: 'nope' })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await c.post(ApiPaths.login, { email: 'x@y.test', password: 'nope' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.message).toBeTruthy();
    expect((await c.get(ApiPaths.state)).status).toBe(200);
    expect((await c.get(ApiPaths.health)).status).toBe(200);
  });
});

describe('per address and email limit on sign-in calls (DESIGN.md §12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LATCHKEY_SIGN_IN_RATE_LIMIT: '100', LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('stops one address hammering one email, while the same address still signs others in', async () => {
    const c = await new TestClient(t.app.getHttpServer()).begin();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await c.post(ApiPaths.login, { email: 'Ann@Y.test', password: `nope-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another spelling of the same email is the same email.
    expect((await c.post(ApiPaths.login, { email: ' ann@y.test', password: 'nope' })).status).toBe(429);
    const others: number[] = [];
    for (let i = 0; i < 6; i++)
      others.push((await c.post(ApiPaths.login, { email: `colleague-${i}@y.test`, password: 'nope' })).status);
    expect(others).toEqual([401, 401, 401, 401, 401, 401]);
  });
});

import request from 'supertest';
import { ApiPaths } from '@latchkey/contracts';
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

import request from 'supertest';
import { ApiPaths, ERROR_CODES, ERROR_MESSAGES, type ApiErrorBody } from '@latchkey/contracts';
import { assertCodedError, TestClient } from './client';
import { PASSWORD, seedFixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/**
 * Errors the console can word (issue 15): every error answer carries a stable code and its params
 * beside the English message, and the OpenAPI document lists every code. Each suite that calls the
 * API through `TestClient` checks every error answer it gets (`assertCodedError`); this one walks
 * the paths that answer before any service runs, and the document.
 */
describe('error codes', () => {
  let t: TestApp;
  let listed: string[];

  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtures(t);
    const doc = await request(t.app.getHttpServer()).get('/api/docs-json');
    expect(doc.status).toBe(200);
    listed = doc.body.components.schemas.ApiError.properties.code.enum as string[];
    expect(doc.body['x-error-codes']).toEqual(ERROR_MESSAGES);
  });
  afterAll(() => t.close());

  it('lists every code of the catalogue in the OpenAPI document, and only those', () => {
    expect(listed).toEqual(ERROR_CODES);
    expect(new Set(listed).size).toBe(listed.length);
  });

  const answered = async (pending: request.Test | Promise<request.Response>) => {
    const res = await pending;
    assertCodedError(res);
    const body = res.body as ApiErrorBody;
    expect(listed).toContain(body.code);
    return { status: res.status, body };
  };

  it('answers each refusal before and at the password step with its own code and params', async () => {
    const server = t.app.getHttpServer();
    const c = await new TestClient(server).begin();

    const noXsrf = await answered(request(server).post(ApiPaths.login).send({}));
    expect(noXsrf).toMatchObject({
      status: 403,
      body: { code: 'request.xsrf', params: { header: 'X-XSRF-TOKEN' } },
    });

    const invalid = await answered(c.post(ApiPaths.login, { email: 'not-an-email', password: 7 }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('request.invalid-input');
    expect(invalid.body.params['fields']).toContain('email');
    const email = invalid.body.errors?.find((e) => e.field === 'email');
    expect(email?.codes).toContain('field.is-email');

    const extra = await answered(
      c.post(ApiPaths.login, { email: 'olivia@acme.test', password: 'x', admin: true }),
    );
    expect(extra.body.errors?.find((e) => e.field === 'admin')?.codes).toEqual([
      'field.whitelist-validation',
    ]);

    const wrong = await answered(
      c.post(ApiPaths.login, { email: 'olivia@acme.test', password: `${PASSWORD}-not` }),
    );
    expect(wrong).toMatchObject({
      status: 401,
      body: {
        code: 'sign-in.wrong-credentials',
        params: {},
        message: ERROR_MESSAGES['sign-in.wrong-credentials'],
      },
    });

    const unreadable = await answered(
      request(server)
        .post(ApiPaths.login)
        .set(c.authHeaders('POST'))
        .set('Content-Type', 'application/json')
        .send('{"email":'),
    );
    expect(unreadable).toMatchObject({ status: 400, body: { code: 'request.body-unreadable' } });
    expect(unreadable.body.params['detail']).toEqual(expect.any(String));

    const large = await answered(
      request(server)
        .post(ApiPaths.login)
        .set(c.authHeaders('POST'))
        .send({ email: 'a@b.test', password: 'x'.repeat(70_000) }),
    );
    expect(large).toMatchObject({ status: 413, body: { code: 'request.body-too-large', params: {} } });
  });

  it('answers a signed-in route without a session, and an unknown route, with their codes', async () => {
    const c = await new TestClient(t.app.getHttpServer()).begin();
    expect(await answered(c.get(ApiPaths.me))).toMatchObject({
      status: 401,
      body: { code: 'session.not-signed-in' },
    });
    const unknown = await answered(c.get('/api/v1/no-such-route'));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'http.not-found' } });
    expect(unknown.body.params['message']).toBe(unknown.body.message);
  });
});

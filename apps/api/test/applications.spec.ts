import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { ApiPaths, type ApplicationView } from '@latchkey/contracts';
import { Application } from '../src/applications/application.entity';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** Admin → Applications (DESIGN §10): an owner registers the OpenID Connect clients of the account. */
describe('applications', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  const valid = {
    name: 'HR portal',
    kind: 'confidential',
    redirectUris: ['https://hr.example.com/auth/callback', 'http://localhost:4300/callback'],
    postLogoutRedirectUris: ['https://hr.example.com/'],
  };
  const rows = () => t.dataSource.getRepository(Application).find();
  const named = (name: string) => t.dataSource.getRepository(Application).findOneByOrFail({ name });
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
  });
  afterAll(() => t.close());

  it('registers a confidential application, its secret shown once and kept only as a hash', async () => {
    const res = await owner.post(ApiPaths.applications(f.acme.id), {
      ...valid,
      allowedUserTypeIds: [f.acme.employee],
    });
    expect(res.status).toBe(201);
    const secret: string = res.body.clientSecret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.application).toMatchObject({
      tenantId: f.acme.id,
      tenantName: 'Acme',
      name: 'HR portal',
      kind: 'confidential',
      redirectUris: valid.redirectUris,
      postLogoutRedirectUris: valid.postLogoutRedirectUris,
      allowedUserTypeIds: [f.acme.employee],
      createdBy: 'olivia@acme.test',
    });
    const [row] = await rows();
    expect(row?.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const list = await owner.get(ApiPaths.applications(f.acme.id));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'application.created' });
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'olivia@acme.test',
      targetLabel: 'HR portal',
    });
    expect(JSON.stringify(event)).not.toContain(secret);
  });

  it('registers a public application without a secret, and refuses to rotate one', async () => {
    const res = await owner.post(ApiPaths.applications(f.acme.id), {
      name: 'Ticket app',
      kind: 'public',
      redirectUris: ['https://tickets.example.com/cb'],
    });
    expect(res.status).toBe(201);
    expect(res.body.clientSecret).toBeNull();
    expect(res.body.application).toMatchObject({ postLogoutRedirectUris: [], allowedUserTypeIds: null });
    const rotate = await owner.post(ApiPaths.applicationSecret(f.acme.id, res.body.application.id));
    expect(rotate.status).toBe(409);
  });

  it.each([
    [{ redirectUris: ['http://hr.example.com/cb'] }, 'redirectUris', 'redirectUris[0] must use https'],
    [
      { redirectUris: ['https://hr.example.com/cb', 'https://*.example.com/cb'] },
      'redirectUris',
      'redirectUris[1]',
    ],
    [{ redirectUris: ['https://hr.example.com/cb#x'] }, 'redirectUris', 'fragment'],
    [{ redirectUris: ['/cb'] }, 'redirectUris', 'absolute URL'],
    [{ redirectUris: [] }, 'redirectUris', 'at least 1'],
    [{ redirectUris: 'https://hr.example.com/cb' }, 'redirectUris', 'list of URLs'],
    [{ redirectUris: ['https://a.example.com/cb', 'https://a.example.com/cb'] }, 'redirectUris', 'twice'],
    [{ postLogoutRedirectUris: ['javascript:alert(1)'] }, 'postLogoutRedirectUris', 'https'],
    [{ kind: 'spa' }, 'kind', 'kind'],
    [{ name: '  ' }, 'name', 'name'],
    [{ allowedUserTypeIds: ['nope'] }, 'allowedUserTypeIds', 'no user type of this account: nope'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (change, field, words) => {
    const before = await rows();
    const res = await owner.post(ApiPaths.applications(f.acme.id), { ...valid, name: 'Another', ...change });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(JSON.stringify(res.body)).toContain(words);
    expect(await rows()).toHaveLength(before.length);
  });

  it("refuses a user type of another account, and another account's owner", async () => {
    const res = await owner.post(ApiPaths.applications(f.acme.id), {
      ...valid,
      name: 'Cross',
      allowedUserTypeIds: [f.globex.employee],
    });
    expect(res.status).toBe(400);
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    expect((await gail.get(ApiPaths.applications(f.acme.id))).status).toBe(404);
    expect((await gail.get(ApiPaths.applications(f.globex.id))).body).toEqual([]);
  });

  it('refuses a second application of the same name with a 409', async () => {
    const res = await owner.post(ApiPaths.applications(f.acme.id), valid);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('HR portal');
  });

  it('changes what is sent and keeps the rest; a bad change loses nothing', async () => {
    const [app] = (await owner.get(ApiPaths.applications(f.acme.id))).body.filter(
      (a: ApplicationView) => a.name === 'HR portal',
    );
    const bad = await owner.send('PATCH', ApiPaths.application(f.acme.id, app.id), {
      name: 'HR',
      redirectUris: null,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('redirectUris');
    const changed = await owner.send('PATCH', ApiPaths.application(f.acme.id, app.id), {
      redirectUris: ['https://hr.example.com/new-callback'],
      allowedUserTypeIds: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'HR portal',
      redirectUris: ['https://hr.example.com/new-callback'],
      postLogoutRedirectUris: ['https://hr.example.com/'],
      allowedUserTypeIds: null,
    });
    const stored = await t.dataSource.getRepository(Application).findOneByOrFail({ id: app.id });
    expect(stored.redirectUris).toEqual(['https://hr.example.com/new-callback']);
    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'application.updated' });
    expect(event.before).toMatchObject({ redirectUris: valid.redirectUris.join(' ') });
    expect(event.after).toMatchObject({
      redirectUris: 'https://hr.example.com/new-callback',
      allowedUserTypes: 'all',
    });
  });

  it('rotates the secret: a new one shown once, the old hash gone', async () => {
    const app = await named('HR portal');
    const res = await owner.post(ApiPaths.applicationSecret(f.acme.id, app.id));
    expect(res.status).toBe(200);
    const stored = await t.dataSource.getRepository(Application).findOneByOrFail({ id: app.id });
    expect(stored.secretHash).toBe(sha256(res.body.clientSecret));
    expect(stored.secretHash).not.toBe(app.secretHash);
    expect(
      await t.dataSource.getRepository(AuditEvent).countBy({ action: 'application.secret-rotated' }),
    ).toBe(1);
  });

  it("shows every tenant's applications to a super user, and not to an owner", async () => {
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    await gail.post(ApiPaths.applications(f.globex.id), {
      name: 'Globex intranet',
      kind: 'public',
      redirectUris: ['https://intranet.globex.test/cb'],
    });
    const root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    const all = await root.get(ApiPaths.platformApplications);
    expect(all.status).toBe(200);
    expect(all.body.map((a: ApplicationView) => `${a.tenantName}: ${a.name}`)).toEqual([
      'Acme: HR portal',
      'Acme: Ticket app',
      'Globex: Globex intranet',
    ]);
    expect((await owner.get(ApiPaths.platformApplications)).status).toBe(403);
  });

  it('deletes an application, audited; a second delete is a 404', async () => {
    const app = await named('Ticket app');
    expect((await owner.send('DELETE', ApiPaths.application(f.acme.id, app.id))).status).toBe(204);
    expect((await owner.send('DELETE', ApiPaths.application(f.acme.id, app.id))).status).toBe(404);
    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'application.deleted' });
    expect(event).toMatchObject({ targetId: app.id, targetLabel: 'Ticket app' });
  });
});

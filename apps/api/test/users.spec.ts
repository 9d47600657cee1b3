import type { Server } from 'node:http';
import { ApiPaths, type UserRow } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

describe('owner: users page, create a login, audit log', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  const list = async (query = '') => owner.get(`${ApiPaths.users(f.acme.id)}${query}`);
  const names = (rows: UserRow[]) => rows.map((r) => r.displayName);

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = new TestClient(server);
    await owner.signIn('olivia@acme.test', PASSWORD);
    const root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.manager), {
      method: 'authenticator',
      graceDays: 0,
    });
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'pin',
      graceDays: 0,
    });
    // Sam's manager login has an authenticator; emma has a PIN.
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.sam.managerLogin }, { totpEnrolledAt: new Date() });
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { pinSetAt: new Date() });
  });
  afterAll(() => t.close());

  it('lists the tenant’s logins only, each with its effective method and why', async () => {
    const res = await list('?sort=name');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    expect(names(res.body.items)).toEqual(['Emma', 'Olivia', 'Sam (employee)', 'Sam (manager)']);
    const manager = res.body.items.find((r: UserRow) => r.loginId === f.sam.managerLogin);
    expect(manager).toMatchObject({
      email: 'sam@acme.test',
      userTypeName: 'Manager',
      effective: { method: 'authenticator', reason: { layer: 'user-type', setBy: 'olivia@acme.test' } },
      enrolled: true,
      hasAuthenticator: true,
      locked: false,
    });
    expect(res.body.items.some((r: UserRow) => r.email === 'gail@globex.test')).toBe(false);
  });

  it('filters by search, type, effective method, enrolment and lock, and sorts', async () => {
    expect(names((await list('?search=SAM')).body.items)).toEqual(['Sam (employee)', 'Sam (manager)']);
    expect(names((await list('?search=olivia%40acme')).body.items)).toEqual(['Olivia']);
    expect(names((await list('?search=%25')).body.items)).toEqual([]);
    expect(names((await list(`?userTypeId=${f.acme.employee}`)).body.items)).toEqual([
      'Emma',
      'Sam (employee)',
    ]);
    expect(names((await list('?method=pin')).body.items)).toEqual(['Emma', 'Sam (employee)']);
    expect(names((await list('?method=off')).body.items)).toEqual(['Olivia']);
    expect(names((await list('?enrolled=false')).body.items)).toEqual(['Sam (employee)']);
    expect(names((await list('?enrolled=true&method=authenticator')).body.items)).toEqual(['Sam (manager)']);
    expect(names((await list('?sort=name&direction=desc')).body.items)).toEqual([
      'Sam (manager)',
      'Sam (employee)',
      'Olivia',
      'Emma',
    ]);
    expect((await list('?locked=true')).body.total).toBe(0);

    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { lockedOut: true });
    expect(names((await list('?locked=true')).body.items)).toEqual(['Emma']);
    expect((await list('?locked=false')).body.total).toBe(3);
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { lockedOut: false });
  });

  it('an exception changes what the method filter finds', async () => {
    await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: 'authenticator' });
    expect(names((await list('?method=authenticator')).body.items)).toEqual(['Emma', 'Sam (manager)']);
    expect(names((await list('?method=authenticator&enrolled=false')).body.items)).toEqual(['Emma']);
    await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: null });
  });

  it('pages, and says so clearly when a page is beyond the end', async () => {
    const second = await list('?sort=name&pageSize=3&page=2');
    expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(names(second.body.items)).toEqual(['Sam (manager)']);
    const beyond = await list('?pageSize=3&page=3');
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({
      message: 'page 3 is beyond the last page (2)',
      errors: [{ field: 'page' }],
    });
  });

  it.each([
    ['?pageSize=1000', 'pageSize'],
    ['?page=0', 'page'],
    ['?page=two', 'page'],
    ['?method=sms', 'method'],
    ['?enrolled=maybe', 'enrolled'],
    ['?sort=password', 'sort'],
    ['?userTypeId=00000000-0000-4000-8000-00000000dead', 'userTypeId'],
    ['?colour=red', 'colour'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('creates a login with a generated password shown once, which then signs in', async () => {
    const res = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'New.Person@Acme.test',
      displayName: 'New Person',
      userTypeId: f.acme.employee,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      existingIdentity: false,
      user: {
        email: 'new.person@acme.test',
        userTypeName: 'Employee',
        effective: { method: 'pin' },
        enrolled: false,
      },
    });
    expect(res.body.initialPassword).toMatch(/^[\w-]{16}$/);
    const newcomer = new TestClient(server);
    const first = await newcomer.signIn('new.person@acme.test', res.body.initialPassword);
    expect(first.body).toMatchObject({ state: 'pin-setup', deadline: null });
    const created = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'login.created', targetId: res.body.user.loginId });
    expect(JSON.stringify(created)).not.toContain(res.body.initialPassword);
  });

  it('attaches a second login to an existing email, keeping its password', async () => {
    const res = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'emma@acme.test',
      displayName: 'Emma (manager)',
      userTypeId: f.acme.manager,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ existingIdentity: true, initialPassword: null });
    const again = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'emma@acme.test',
      displayName: 'Emma',
      userTypeId: f.acme.manager,
    });
    expect(again.status).toBe(409);
    const withPassword = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'sam@acme.test',
      displayName: 'Sam',
      userTypeId: f.acme.administrator,
      password: 'a-new-password-123',
    });
    expect([withPassword.status, withPassword.body.errors[0].field]).toEqual([400, 'password']);
  });

  it('refuses a user type of another tenant, and writes nothing', async () => {
    const before = await t.dataSource.getRepository(Login).count();
    const res = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'x@acme.test',
      displayName: 'X',
      userTypeId: f.globex.employee,
    });
    expect([res.status, res.body.errors[0].field]).toEqual([400, 'userTypeId']);
    expect(await t.dataSource.getRepository(Login).count()).toBe(before);
  });

  it('lists the audit log newest first with filters, and exports CSV', async () => {
    const page = await owner.get(`${ApiPaths.audit(f.acme.id)}?action=policy.&pageSize=2`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    for (const e of page.body.items) expect(e.action).toMatch(/^policy\./);
    expect(Date.parse(page.body.items[0].createdAt)).toBeGreaterThanOrEqual(
      Date.parse(page.body.items[1].createdAt),
    );

    const byActor = await owner.get(`${ApiPaths.audit(f.acme.id)}?actor=root`);
    expect(byActor.body.items.map((e: { action: string }) => e.action)).toContain(
      'platform.feature-switched',
    );
    expect(byActor.body.items.every((e: { tenantId: string }) => e.tenantId === f.acme.id)).toBe(true);

    const csv = await owner.get(`${ApiPaths.audit(f.acme.id)}?action=policy.user-type`, {
      Accept: 'text/csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="latchkey-audit-/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('time,action,actor,target type,target,target id,before,after,address');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.slice(1).every((l) => l.includes(',policy.user-type-changed,olivia@acme.test,'))).toBe(true);

    const bad = await owner.get(`${ApiPaths.audit(f.acme.id)}?from=yesterday`);
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'from']);
  });
});

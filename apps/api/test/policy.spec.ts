import type { Server } from 'node:http';
import { ApiPaths, type UserTypeView } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Login } from '../src/directory/login.entity';
import { UserType } from '../src/directory/user-type.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

const DAY = 86_400_000;

/** Issue 3's journey: a super user switches 2FA on, an owner sets methods, users meet them. */
describe('policy: feature switch, user types, floors, exceptions, grace', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;

  const signInState = async (email: string, loginId?: string) => {
    const c = await new TestClient(server).begin();
    let res = await c.post(ApiPaths.login, { email, password: PASSWORD });
    if (res.body.state === 'pick-login') res = await c.post(ApiPaths.pick, { loginId });
    return { client: c, answer: res.body };
  };
  const setType = (userTypeId: string, method: string, graceDays = 0, extra: object = {}) =>
    owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, userTypeId), { method, graceDays, ...extra });
  const auditCount = () => t.dataSource.getRepository(AuditEvent).count();

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    root = new TestClient(server);
    expect((await root.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');
  });
  afterAll(() => t.close());

  it('keeps owners from setting methods until a super user switches the feature on', async () => {
    const view = await owner.get(ApiPaths.tenantPolicy(f.acme.id));
    expect(view.body).toMatchObject({ twoFactorEnabled: false, mandatoryForAll: false });
    const before = await auditCount();
    const refused = await setType(f.acme.manager, 'authenticator');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/not been switched on/);
    expect(await auditCount()).toBe(before);

    const on = await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ id: f.acme.id, twoFactorEnabled: true });
    const switched = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'platform.feature-switched' });
    expect(switched).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'root@latchkey.test',
      before: { twoFactorEnabled: false },
      after: { twoFactorEnabled: true },
    });
  });

  it('previews who a change affects before it is saved', async () => {
    const res = await owner.post(ApiPaths.policyPreview(f.acme.id), {
      userTypes: [
        { userTypeId: f.acme.manager, method: 'authenticator' },
        { userTypeId: f.acme.employee, method: 'pin' },
      ],
    });
    expect(res.status).toBe(200);
    // Employees: sam's employee login and emma; managers: sam's manager login. None enrolled.
    expect(res.body).toMatchObject({ affected: 3, mustEnrol: 3 });
    const byType = Object.fromEntries(
      res.body.byUserType.map((g: { userTypeName: string; affected: number }) => [
        g.userTypeName,
        g.affected,
      ]),
    );
    expect(byType).toEqual({ Administrator: 0, Employee: 2, Manager: 1 });
  });

  it('saves a policy flip as one row, and each demo user reaches the state it asks for', async () => {
    const loginsBefore = await t.dataSource.getRepository(Login).find({ order: { id: 'ASC' } });
    expect((await setType(f.acme.manager, 'authenticator')).status).toBe(200);
    expect((await setType(f.acme.employee, 'pin')).status).toBe(200);
    expect((await setType(f.acme.administrator, 'off')).status).toBe(200);
    const loginsAfter = await t.dataSource.getRepository(Login).find({ order: { id: 'ASC' } });
    expect(loginsAfter).toEqual(loginsBefore);
    expect(
      await t.dataSource.getRepository(UserType).findOneByOrFail({ tenantId: f.acme.id, id: f.acme.manager }),
    ).toMatchObject({
      method: 'authenticator',
      policySetBy: 'olivia@acme.test',
    });

    // Each step names the login it signs in (the enrolment steps show it).
    expect((await signInState('sam@acme.test', f.sam.managerLogin)).answer).toEqual({
      state: 'totp-enrol',
      deadline: null,
      login: expect.objectContaining({
        loginId: f.sam.managerLogin,
        tenantName: 'Acme',
        userTypeName: 'Manager',
      }),
    });
    expect((await signInState('sam@acme.test', f.sam.employeeLogin)).answer).toEqual({
      state: 'pin-setup',
      deadline: null,
      login: expect.objectContaining({ loginId: f.sam.employeeLogin, userTypeName: 'Employee' }),
    });
    expect((await signInState('emma@acme.test')).answer).toMatchObject({
      state: 'pin-setup',
      deadline: null,
    });
    expect((await signInState('olivia@acme.test')).answer.state).toBe('signed-in');

    const pending = (await signInState('emma@acme.test')).client;
    expect((await pending.get(ApiPaths.me)).status).toBe(401);
    expect((await pending.post(ApiPaths.postpone)).status).toBe(403);

    const changed = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'policy.user-type-changed' });
    const manager = changed.find((e) => e.targetId === f.acme.manager);
    expect(manager).toMatchObject({
      before: { method: 'off' },
      after: { method: 'authenticator' },
      actorLabel: 'olivia@acme.test',
    });
    // Every field the event had before, it has after: no phantom "rememberDays: 0 → —".
    expect(Object.keys(manager?.after ?? {})).toEqual(
      expect.arrayContaining(Object.keys(manager?.before ?? {})),
    );
    expect([manager?.before?.['rememberDays'], manager?.after?.['rememberDays']]).toEqual([0, 0]);
    expect(manager?.address).toBeTruthy();
  });

  it('holds a grace deadline against re-sign-in, toggling and a longer grace; a shorter one applies at once', async () => {
    await setType(f.acme.employee, 'pin', 7);
    const first = (await signInState('emma@acme.test')).answer;
    expect(first.state).toBe('pin-setup');
    const deadline = Date.parse(first.deadline);
    expect(deadline - Date.now()).toBeGreaterThan(6.9 * DAY);

    const again = (await signInState('emma@acme.test')).answer;
    expect(Date.parse(again.deadline)).toBe(deadline);

    await setType(f.acme.employee, 'off');
    expect((await signInState('emma@acme.test')).answer.state).toBe('signed-in');
    await setType(f.acme.employee, 'pin', 30);
    expect(Date.parse((await signInState('emma@acme.test')).answer.deadline)).toBe(deadline);

    // Changing the user type does not restart the clock either.
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { userTypeId: f.acme.manager });
    const asManager = (await signInState('emma@acme.test')).answer;
    expect(asManager.state).toBe('totp-enrol');
    expect(asManager.deadline).toBeNull(); // managers have no grace
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { userTypeId: f.acme.employee });

    await setType(f.acme.employee, 'pin', 1);
    const shorter = Date.parse((await signInState('emma@acme.test')).answer.deadline);
    expect(shorter).toBeLessThan(deadline - 5 * DAY);

    const { client, answer } = await signInState('emma@acme.test');
    expect(answer.deadline).not.toBeNull();
    const postponed = await client.post(ApiPaths.postpone);
    expect(postponed.body).toMatchObject({ state: 'signed-in', me: { loginId: f.emma.login } });
    expect(
      await t.dataSource.getRepository(AuditEvent).countBy({ action: 'enrolment.postponed' }),
    ).toBeGreaterThan(0);

    await setType(f.acme.employee, 'pin', 0);
    expect((await signInState('emma@acme.test')).answer).toMatchObject({
      state: 'pin-setup',
      deadline: null,
    });
  });

  it('lets an exception lower or raise a type, never below a floor', async () => {
    const off = await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: 'off' });
    expect(off.status).toBe(200);
    expect(off.body.effective).toMatchObject({
      method: 'off',
      reason: { layer: 'exception', setBy: 'olivia@acme.test' },
    });
    expect((await signInState('emma@acme.test')).answer.state).toBe('signed-in');

    const floor = await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
      mandatoryForAll: true,
      graceDays: 0,
    });
    expect(floor.body).toMatchObject({
      mandatoryForAll: true,
      tenantFloor: { method: 'authenticator', setBy: 'olivia@acme.test' },
    });
    const users = await owner.get(`${ApiPaths.users(f.acme.id)}?search=emma`);
    expect(users.body.items[0].effective).toMatchObject({
      method: 'authenticator',
      reason: { layer: 'tenant-floor' },
    });

    const before = await auditCount();
    const below = await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: 'pin' });
    expect(below.status).toBe(400);
    expect(below.body.errors[0].field).toBe('method');
    expect(below.body.message).toMatch(/cannot be below authenticator/);
    const typeBelow = await setType(f.acme.administrator, 'pin');
    expect(typeBelow.status).toBe(400);
    expect(await auditCount()).toBe(before);

    await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), { mandatoryForAll: false, graceDays: 0 });
    await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: null });
  });

  it('lets no owner lower a platform floor, and shows who set it', async () => {
    const set = await root.send('PUT', ApiPaths.platformFloor, { method: 'pin' });
    expect(set.body).toMatchObject({ floor: { method: 'pin', setBy: 'root@latchkey.test' } });
    const types = (await owner.get(ApiPaths.userTypes(f.acme.id))).body as UserTypeView[];
    expect(types.find((x) => x.id === f.acme.administrator)?.lockedBy).toMatchObject({
      layer: 'platform-floor',
      method: 'pin',
    });
    expect((await setType(f.acme.administrator, 'off')).status).toBe(400);
    const olivia = await owner.get(`${ApiPaths.users(f.acme.id)}?search=olivia`);
    expect(olivia.body.items[0].effective).toMatchObject({
      method: 'pin',
      reason: { layer: 'platform-floor', setBy: 'root@latchkey.test' },
    });
    expect((await signInState('olivia@acme.test')).answer.state).toBe('pin-setup');

    // Another tenant with the feature off still falls under the platform floor.
    expect((await signInState('gail@globex.test')).answer.state).toBe('pin-setup');
    await root.send('PUT', ApiPaths.platformFloor, { method: 'off' });
    expect((await signInState('gail@globex.test')).answer.state).toBe('signed-in');
  });

  it('signs the users of a type out now when asked', async () => {
    await setType(f.acme.employee, 'off');
    const emma = (await signInState('emma@acme.test')).client;
    expect((await emma.get(ApiPaths.me)).status).toBe(200);
    const res = await setType(f.acme.employee, 'off', 0, { signOutAffected: true });
    expect(res.status).toBe(200);
    expect((await emma.get(ApiPaths.me)).status).toBe(401);
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
  });

  it('answers bad policy input with 400 naming the field, and writes nothing', async () => {
    const before = await auditCount();
    const rows = await t.dataSource.getRepository(UserType).find({ order: { id: 'ASC' } });
    const cases: Array<[string, object, string]> = [
      ['method outside the three', { method: 'sms', graceDays: 0 }, 'method'],
      ['negative grace', { method: 'pin', graceDays: -1 }, 'graceDays'],
      ['absurd grace', { method: 'pin', graceDays: 100000 }, 'graceDays'],
      ['grace as text', { method: 'pin', graceDays: 'seven' }, 'graceDays'],
    ];
    for (const [, body, field] of cases) {
      const res = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), body);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, field]);
    }
    const unknownType = await setType('00000000-0000-4000-8000-00000000dead', 'pin');
    expect(unknownType.status).toBe(404);
    const preview = await owner.post(ApiPaths.policyPreview(f.acme.id), {
      userTypes: [{ userTypeId: 'nope', method: 'pin' }],
    });
    expect([preview.status, preview.body.errors[0].field]).toEqual([400, 'userTypes']);
    expect(await auditCount()).toBe(before);
    expect(await t.dataSource.getRepository(UserType).find({ order: { id: 'ASC' } })).toEqual(rows);
  });

  it('lets owners create and rename user types, refusing a duplicate name', async () => {
    const made = await owner.post(ApiPaths.userTypes(f.acme.id), {
      name: 'Contractor',
      method: 'pin',
      graceDays: 3,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: 'Contractor',
      policy: { method: 'pin', graceDays: 3 },
      loginCount: 0,
    });
    expect((await owner.post(ApiPaths.userTypes(f.acme.id), { name: 'contractor' })).status).toBe(409);
    const renamed = await owner.send('PATCH', ApiPaths.userType(f.acme.id, made.body.id), {
      name: 'Freelancer',
    });
    expect(renamed.body.name).toBe('Freelancer');
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'user-type.renamed', targetId: made.body.id }),
    ).toBe(1);
  });
});

import type { Server } from 'node:http';
import { ApiPaths, MAX_BULK_LOGINS, type BulkAnswer, type LoginDetail } from '@latchkey/contracts';
import { SessionRow } from '../src/database/session.entity';
import { DirectoryService } from '../src/directory/directory.service';
import { Identity } from '../src/directory/identity.entity';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/**
 * Users at the level admins expect (issue 13): bulk actions on the selected logins or the whole
 * filtered set, answered per login (a refused one changes nothing); the CSV export of the filtered
 * list; a login's detail panel; the "has exception" filter.
 */
describe('users: bulk actions, export, detail', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, { employee: { method: 'pin' } });
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
  });
  afterAll(() => t.close());

  const bulk = async (body: object) => owner.post(ApiPaths.usersBulk(f.acme.id), body);
  const sessionsOf = (loginId: string) => t.dataSource.getRepository(SessionRow).countBy({ loginId });

  it('resets the selected logins, refusing one’s own and an unknown id, each answered', async () => {
    const emma = new TestClient(server);
    await emma.signIn('emma@acme.test', PASSWORD);
    expect(await sessionsOf(f.emma.login)).toBe(1);
    const res = await bulk({
      action: 'reset',
      loginIds: [f.emma.login, f.olivia.login, 'no-such-login', f.sam.employeeLogin],
    });
    expect(res.status).toBe(200);
    const answer: BulkAnswer = res.body;
    expect([answer.done, answer.refused]).toEqual([2, 2]);
    const byId = new Map(answer.results.map((r) => [r.loginId, r]));
    expect(byId.get(f.emma.login)).toMatchObject({
      ok: true,
      displayName: 'Emma',
      email: 'emma@acme.test',
      userTypeName: 'Employee',
      handoverCode: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/),
    });
    expect(byId.get(f.sam.employeeLogin)?.ok).toBe(true);
    expect(byId.get(f.olivia.login)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Your own login'),
    });
    expect(byId.get('no-such-login')).toMatchObject({ ok: false, message: 'No such login in this account' });
    // Done for Emma (signed out, handover waiting); nothing for the owner, still signed in.
    expect(await sessionsOf(f.emma.login)).toBe(0);
    const emmaRow = await t.dataSource.getRepository(Login).findOneByOrFail({ id: f.emma.login });
    expect(emmaRow.handoverHash).not.toBeNull();
    expect((await owner.get(ApiPaths.users(f.acme.id))).status).toBe(200);
  });

  it('refuses an exception below a floor for every login, changing none', async () => {
    expect((await root.send('PUT', ApiPaths.platformFloor, { method: 'pin' })).status).toBe(200);
    try {
      const res = await bulk({
        action: 'set-exception',
        method: 'off',
        loginIds: [f.emma.login, f.sam.managerLogin],
      });
      expect(res.body).toMatchObject({ done: 0, refused: 2 });
      expect(res.body.results[0].message).toMatch(/floor/i);
      const rows = await t.dataSource.getRepository(Login).findBy({ tenantId: f.acme.id });
      expect(rows.every((r) => r.exceptionMethod === null)).toBe(true);
    } finally {
      await root.send('PUT', ApiPaths.platformFloor, { method: 'off' });
    }
  });

  it('sets and clears an exception on the whole filtered set, and filters by it', async () => {
    const set = await bulk({
      action: 'set-exception',
      method: 'authenticator',
      filter: { userTypeId: f.acme.employee },
    });
    expect(set.body).toMatchObject({ done: 2, refused: 0 });
    const withException = await owner.get(`${ApiPaths.users(f.acme.id)}?exception=true`);
    expect(withException.body.items.map((r: { loginId: string }) => r.loginId).sort()).toEqual(
      [f.emma.login, f.sam.employeeLogin].sort(),
    );
    expect((await owner.get(`${ApiPaths.users(f.acme.id)}?exception=false`)).body.total).toBe(2);
    const cleared = await bulk({ action: 'clear-exception', filter: { exception: true } });
    expect(cleared.body.results.map((r: { message: string }) => r.message)).toEqual([
      'Exception removed',
      'Exception removed',
    ]);
    expect((await owner.get(`${ApiPaths.users(f.acme.id)}?exception=true`)).body.total).toBe(0);
  });

  it('unlocks only what is locked, signs out, and keeps the owner’s own session', async () => {
    await t.dataSource
      .getRepository(Login)
      .update({ id: f.sam.managerLogin }, { lockedOut: true, failedAttempts: 20 });
    const unlocked = await bulk({ action: 'unlock', loginIds: [f.sam.managerLogin, f.emma.login] });
    expect(
      unlocked.body.results.map((r: { loginId: string; message: string }) => [r.loginId, r.message]),
    ).toEqual(
      expect.arrayContaining([
        [f.sam.managerLogin, 'Unlocked'],
        [f.emma.login, 'Was not locked'],
      ]),
    );
    expect(
      (await t.dataSource.getRepository(Login).findOneByOrFail({ id: f.sam.managerLogin })).lockedOut,
    ).toBe(false);

    const other = new TestClient(server);
    await other.signIn('olivia@acme.test', PASSWORD);
    const out = await bulk({ action: 'sign-out', loginIds: [f.olivia.login] });
    expect(out.body.results[0]).toMatchObject({
      ok: true,
      message: 'Signed out everywhere but here (1 sessions)',
    });
    expect((await other.get(ApiPaths.state)).body.state).toBe('signed-out');
    expect((await owner.get(ApiPaths.state)).body.state).toBe('signed-in');
  });

  it('refuses what it cannot read, naming the field', async () => {
    const both = await bulk({ action: 'unlock', loginIds: [f.emma.login], filter: {} });
    expect([both.status, both.body.errors[0].field]).toEqual([400, 'loginIds']);
    const neither = await bulk({ action: 'unlock' });
    expect([neither.status, neither.body.errors[0].field]).toEqual([400, 'loginIds']);
    const noMethod = await bulk({ action: 'set-exception', loginIds: [f.emma.login] });
    expect([noMethod.status, noMethod.body.errors[0].field]).toEqual([400, 'method']);
    const action = await bulk({ action: 'delete', loginIds: [f.emma.login] });
    expect([action.status, action.body.errors[0].field]).toEqual([400, 'action']);
    // A null is no absence: refused like any wrong value, nothing done.
    const nullIds = await bulk({ action: 'unlock', loginIds: null });
    expect([nullIds.status, nullIds.body.errors[0].field]).toEqual([400, 'loginIds']);
    const nullMethod = await bulk({ action: 'set-exception', method: null, loginIds: [f.emma.login] });
    expect([nullMethod.status, nullMethod.body.errors[0].field]).toEqual([400, 'method']);
    const foreignType = await bulk({ action: 'unlock', filter: { userTypeId: f.globex.employee } });
    expect([foreignType.status, foreignType.body.errors[0].field]).toEqual([400, 'filter.userTypeId']);
    const contradiction = await bulk({ action: 'unlock', filter: { enrolment: 'overdue', enrolled: true } });
    expect([contradiction.status, contradiction.body.errors[0].field]).toEqual([400, 'filter.enrolment']);
    const badFilter = await bulk({ action: 'unlock', filter: { enrolment: 'late' } });
    expect([badFilter.status, badFilter.body.errors[0].field]).toEqual([400, 'filter.enrolment']);
  });

  it('takes at most MAX_BULK_LOGINS of a filtered set, and says so', async () => {
    const identities = Array.from({ length: MAX_BULK_LOGINS }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      email: `bulk-${i}@acme.test`,
      passwordHash: 'not-a-hash',
      createdAt: new Date(),
    }));
    await t.dataSource.getRepository(Identity).insert(identities);
    const directory = t.app.get(DirectoryService);
    for (const identity of identities)
      await directory.createLogin({
        tenantId: f.acme.id,
        identityId: identity.id,
        userTypeId: f.acme.manager,
        displayName: `Bulk ${identity.email}`,
        role: 'user',
      });
    const res = await bulk({ action: 'sign-out', filter: { userTypeId: f.acme.manager } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({
      field: 'filter',
      messages: [
        `The filters find ${MAX_BULK_LOGINS + 1} logins; one bulk action takes at most ${MAX_BULK_LOGINS}: narrow the filters`,
      ],
      codes: ['field.invalid'],
    });
  });

  it('exports the whole filtered list as CSV, cells never read as formulas', async () => {
    await t.dataSource.getRepository(Login).update({ id: f.emma.login }, { displayName: '=HYPERLINK("x")' });
    try {
      const res = await owner.get(`${ApiPaths.usersExport(f.acme.id)}?userTypeId=${f.acme.employee}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="latchkey-users-\d{4}-\d\d-\d\d\.csv"/,
      );
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'name,email,user type,role,method,decided by,enrolled,authenticator,pin,exception,last second factor,enrolment deadline,locked,active,created',
      );
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",emma@acme\.test,Employee,user,pin,/);
      const all = await owner.get(ApiPaths.usersExport(f.acme.id));
      expect(all.text.trim().split('\r\n')).toHaveLength(
        1 + (await owner.get(ApiPaths.users(f.acme.id))).body.total,
      );
      const bad = await owner.get(`${ApiPaths.usersExport(f.acme.id)}?locked=maybe`);
      expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'locked']);
    } finally {
      await t.dataSource.getRepository(Login).update({ id: f.emma.login }, { displayName: 'Emma' });
    }
  });

  it('shows a login’s detail: factors, last sign-in, lock and its reason, exception, recent events', async () => {
    await owner.send('PUT', ApiPaths.exception(f.acme.id, f.sam.employeeLogin), { method: 'authenticator' });
    await t.dataSource
      .getRepository(Login)
      .update({ id: f.sam.employeeLogin }, { lockedUntil: new Date(Date.now() + 60_000), failedAttempts: 6 });
    const res = await owner.get(ApiPaths.userDetail(f.acme.id, f.sam.employeeLogin));
    expect(res.status).toBe(200);
    const d: LoginDetail = res.body;
    expect(d.user).toMatchObject({ loginId: f.sam.employeeLogin, displayName: 'Sam (employee)' });
    expect(d.devices).toEqual([]);
    expect(d.backupCodesLeft).toBe(0);
    expect(d.lock).toMatchObject({ locked: true, hard: false, failedAttempts: 6 });
    expect(d.lock.reason).toMatch(/^6 failed attempts: it waits until /);
    expect(d.exception).toMatchObject({ method: 'authenticator', setBy: 'olivia@acme.test' });
    expect(d.recentEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining(['policy.exception-set', 'login.reset']),
    );

    // The owner signed in at the start; Emma never finished a sign-in (her PIN was never set).
    const olivia = (await owner.get(ApiPaths.userDetail(f.acme.id, f.olivia.login))).body as LoginDetail;
    expect(Date.now() - Date.parse(olivia.lastSignInAt ?? '')).toBeLessThan(60_000);
    expect(olivia.lock).toEqual({ locked: false, hard: false, until: null, failedAttempts: 0, reason: null });
    expect((await owner.get(ApiPaths.userDetail(f.acme.id, f.emma.login))).body.lastSignInAt).toBeNull();
    expect((await owner.get(ApiPaths.userDetail(f.acme.id, f.gail.login))).status).toBe(404);
  });
});

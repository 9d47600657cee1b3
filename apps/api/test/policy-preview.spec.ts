import type { Server } from 'node:http';
import { ApiPaths, type PolicyPreviewAnswer, type PreviewLoginRow } from '@latchkey/contracts';
import { Login } from '../src/directory/login.entity';
import { RememberedBrowsers } from '../src/factors/remembered-browsers';
import { RememberedBrowser } from '../src/factors/factor.entities';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/**
 * The policy preview with names (issue 13): who a change affects, grouped — must enrol, already
 * compliant, asked less, remembered browsers forgotten — each group by name, paged; an empty group
 * says why.
 */
describe('the policy preview, by group and by name', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    // Employees: a PIN; Managers: the authenticator. Emma has a PIN, Sam's manager login the app.
    owner = await acmeWithPolicy(server, f, {
      employee: { method: 'pin' },
      manager: { method: 'authenticator' },
    });
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
    const logins = t.dataSource.getRepository(Login);
    await logins.update({ id: f.emma.login }, { pinSetAt: new Date() });
    await logins.update({ id: f.sam.managerLogin }, { totpEnrolledAt: new Date() });
    // Emma's browser is remembered; an expired one of Sam's employee login is not counted.
    await t.app.get(RememberedBrowsers).remember(f.acme.id, f.emma.login, 30);
    await t.app.get(RememberedBrowsers).remember(f.acme.id, f.sam.employeeLogin, 30);
    await t.dataSource
      .getRepository(RememberedBrowser)
      .update({ loginId: f.sam.employeeLogin }, { expiresAt: new Date(Date.now() - 1000) });
  });
  afterAll(() => t.close());

  const preview = async (body: object): Promise<PolicyPreviewAnswer> => {
    const res = await owner.post(ApiPaths.policyPreview(f.acme.id), body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const names = async (body: object, group: string, page = 1, pageSize = 25) => {
    const res = await owner.post(ApiPaths.policyPreviewLogins(f.acme.id), { ...body, group, page, pageSize });
    expect(res.status).toBe(200);
    return res.body as { items: PreviewLoginRow[]; total: number };
  };

  /** Employees move from a PIN to the authenticator. */
  const employeesToApp = () => ({ userTypes: [{ userTypeId: f.acme.employee, method: 'authenticator' }] });

  it('groups a raise: who must enrol, who already complies, whose remembered browsers go', async () => {
    const body = employeesToApp();
    const p = await preview(body);
    expect(p.groups).toEqual({
      'must-enrol': { count: 2, why: null },
      'already-compliant': { count: 0, why: 'No one asked for more has that factor yet.' },
      relaxed: { count: 0, why: 'The change asks no one for less.' },
      'browsers-forgotten': { count: 1, why: null },
    });
    expect([p.affected, p.mustEnrol]).toEqual([2, 2]);

    const mustEnrol = await names(body, 'must-enrol');
    expect(mustEnrol.total).toBe(2);
    expect(mustEnrol.items.map((r) => [r.displayName, r.email, r.userTypeName, r.before, r.after])).toEqual([
      ['Emma', 'emma@acme.test', 'Employee', 'pin', 'authenticator'],
      ['Sam (employee)', 'sam@acme.test', 'Employee', 'pin', 'authenticator'],
    ]);
    const forgotten = await names(body, 'browsers-forgotten');
    expect(forgotten.items.map((r) => r.loginId)).toEqual([f.emma.login]);
  });

  it('leaves a deactivated login out: no policy reaches it', async () => {
    await t.dataSource
      .getRepository(Login)
      .update({ id: f.sam.employeeLogin }, { deactivatedAt: new Date() });
    try {
      const p = await preview(employeesToApp());
      expect(p.groups['must-enrol'].count).toBe(1);
      expect((await names(employeesToApp(), 'must-enrol')).items.map((r) => r.loginId)).toEqual([
        f.emma.login,
      ]);
    } finally {
      await t.dataSource.getRepository(Login).update({ id: f.sam.employeeLogin }, { deactivatedAt: null });
    }
  });

  it('pages a group by name, and refuses a page past the last', async () => {
    const first = await names(employeesToApp(), 'must-enrol', 1, 1);
    const second = await names(employeesToApp(), 'must-enrol', 2, 1);
    expect([first.total, first.items[0].displayName, second.items[0].displayName]).toEqual([
      2,
      'Emma',
      'Sam (employee)',
    ]);
    const past = await owner.post(ApiPaths.policyPreviewLogins(f.acme.id), {
      ...employeesToApp(),
      group: 'must-enrol',
      page: 3,
      pageSize: 1,
    });
    expect([past.status, past.body.errors[0].field]).toEqual([400, 'page']);
  });

  it('groups a relaxation: asked less, and no browser is forgotten', async () => {
    const body = { userTypes: [{ userTypeId: f.acme.manager, method: 'pin' }] };
    const p = await preview(body);
    expect(p.groups.relaxed).toEqual({ count: 1, why: null });
    expect(p.groups['browsers-forgotten']).toEqual({
      count: 0,
      why: 'Only raising a method forgets remembered browsers.',
    });
    expect((await names(body, 'relaxed')).items).toEqual([
      expect.objectContaining({ loginId: f.sam.managerLogin, before: 'authenticator', after: 'pin' }),
    ]);
  });

  it('counts someone who already has the app as compliant when Employees move to it', async () => {
    await t.dataSource.getRepository(Login).update({ id: f.emma.login }, { totpEnrolledAt: new Date() });
    try {
      const p = await preview(employeesToApp());
      expect([p.groups['must-enrol'].count, p.groups['already-compliant'].count]).toEqual([1, 1]);
      expect((await names(employeesToApp(), 'already-compliant')).items.map((r) => r.loginId)).toEqual([
        f.emma.login,
      ]);
    } finally {
      await t.dataSource.getRepository(Login).update({ id: f.emma.login }, { totpEnrolledAt: null });
    }
  });

  it('says why nothing changes under a floor', async () => {
    expect((await root.send('PUT', ApiPaths.platformFloor, { method: 'pin' })).status).toBe(200);
    try {
      const p = await preview({ userTypes: [{ userTypeId: f.acme.administrator, method: 'pin' }] });
      expect(p.affected).toBe(0);
      expect(p.groups['must-enrol']).toEqual({ count: 0, why: 'The platform floor already requires a PIN.' });
    } finally {
      await root.send('PUT', ApiPaths.platformFloor, { method: 'off' });
    }
    const nothing = await preview({});
    expect(nothing.groups['must-enrol'].why).toBe('Nothing in the form changes who must use what.');
  });

  it('tells the login picker which logins would first ask to set up their factor', async () => {
    const sam = new TestClient(server);
    await sam.begin();
    const picker = await sam.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    expect(picker.body.state).toBe('pick-login');
    const needs = (logins: Array<{ loginId: string; needsSetUp: boolean }>) =>
      Object.fromEntries(logins.map((l) => [l.loginId, l.needsSetUp]));
    // Employees ask for a PIN Sam has not set; his manager login holds the authenticator.
    expect(needs(picker.body.logins)).toEqual({ [f.sam.employeeLogin]: true, [f.sam.managerLogin]: false });
    expect(needs((await sam.get(ApiPaths.state)).body.logins)).toEqual(needs(picker.body.logins));
  });

  it('refuses a group it does not know, naming the field', async () => {
    const res = await owner.post(ApiPaths.policyPreviewLogins(f.acme.id), {
      ...employeesToApp(),
      group: 'everyone',
    });
    expect([res.status, res.body.errors[0].field]).toEqual([400, 'group']);
  });
});

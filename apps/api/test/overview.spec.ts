import type { Server } from 'node:http';
import {
  ApiPaths,
  ENROLMENT_STATES,
  TWO_FACTOR_METHODS,
  type AccountOverview,
  type EnrolmentCounts,
  type PlatformOverview,
} from '@latchkey/contracts';
import { DirectoryService } from '../src/directory/directory.service';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The home pages' numbers (issue 13): per user type and account, and per account for the super
 * user, who must use which method and where they stand; each number is what the Users list
 * finds with the matching filters.
 */
describe('the enrolment overview', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;
  const inGraceUntil = new Date(Date.now() + 3 * DAY);

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, {
      employee: { method: 'pin' },
      manager: { method: 'authenticator' },
    });
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);

    const logins = t.dataSource.getRepository(Login);
    const directory = t.app.get(DirectoryService);
    const made = async (email: string, userTypeId: string, name: string) => {
      const identity = await directory.createIdentity(email, 'not-a-password-hash');
      return directory.createLogin({
        tenantId: f.acme.id,
        identityId: identity.id,
        userTypeId,
        displayName: name,
        role: 'user',
      });
    };
    // Employees (PIN): Emma holds one; Sam is in grace; Nico, with an exception, must use the app.
    await logins.update({ id: f.emma.login }, { pinSetAt: new Date() });
    await logins.update(
      { id: f.sam.employeeLogin },
      { enrolDeadline: inGraceUntil, graceStartedAt: new Date() },
    );
    const nico = await made('nico@acme.test', f.acme.employee, 'Nico');
    await logins.update(
      { id: nico.id },
      { exceptionMethod: 'authenticator', exceptionSetBy: 'olivia@acme.test' },
    );
    // Managers (authenticator): Sam has not signed in since; Lea is overdue and locked; Max left.
    const lea = await made('lea@acme.test', f.acme.manager, 'Lea');
    await logins.update({ id: lea.id }, { enrolDeadline: new Date(Date.now() - DAY), lockedOut: true });
    const max = await made('max@acme.test', f.acme.manager, 'Max');
    await logins.update({ id: max.id }, { deactivatedAt: new Date() });
  });
  afterAll(() => t.close());

  const overview = async (): Promise<AccountOverview> => {
    const res = await owner.get(ApiPaths.overview(f.acme.id));
    expect(res.status).toBe(200);
    return res.body;
  };
  const ofType = (o: AccountOverview, id: string) => o.userTypes.find((u) => u.userTypeId === id)?.counts;

  it('counts per user type who must use which method and where they stand', async () => {
    const o = await overview();
    expect(ofType(o, f.acme.employee)).toEqual({
      logins: 3,
      byMethod: { off: 0, pin: 2, authenticator: 1 },
      enrolled: 1,
      notStarted: 1,
      inGrace: 1,
      nearestDeadline: inGraceUntil.toISOString(),
      overdue: 0,
      locked: 0,
    });
    expect(ofType(o, f.acme.manager)).toEqual({
      logins: 2,
      byMethod: { off: 0, pin: 0, authenticator: 2 },
      enrolled: 0,
      notStarted: 1,
      inGrace: 0,
      nearestDeadline: null,
      overdue: 1,
      locked: 1,
    });
    expect(ofType(o, f.acme.administrator)).toMatchObject({ logins: 1, byMethod: { off: 1 }, enrolled: 0 });
    expect(o.totals).toMatchObject({
      logins: 6,
      enrolled: 1,
      notStarted: 2,
      inGrace: 1,
      overdue: 1,
      locked: 1,
    });
  });

  it('gives numbers the Users list finds with the same filters', async () => {
    const o = await overview();
    const total = async (query: Record<string, string>) => {
      const res = await owner.get(
        `${ApiPaths.users(f.acme.id)}?${new URLSearchParams({ ...query, active: 'true' })}`,
      );
      expect(res.status).toBe(200);
      return res.body.total as number;
    };
    const rows: Array<[string | null, EnrolmentCounts]> = [
      [null, o.totals],
      ...o.userTypes.map((u): [string, EnrolmentCounts] => [u.userTypeId, u.counts]),
    ];
    for (const [userTypeId, counts] of rows) {
      const scope: Record<string, string> = userTypeId ? { userTypeId } : {};
      expect(await total(scope)).toBe(counts.logins);
      for (const method of TWO_FACTOR_METHODS)
        expect(await total({ ...scope, method })).toBe(counts.byMethod[method]);
      const byState = {
        'not-started': counts.notStarted,
        'in-grace': counts.inGrace,
        overdue: counts.overdue,
      };
      for (const enrolment of ENROLMENT_STATES)
        expect(await total({ ...scope, enrolment })).toBe(byState[enrolment]);
      expect(await total({ ...scope, locked: 'true' })).toBe(counts.locked);
    }
  });

  it('moves a login from grace to overdue as its deadline passes, and out once it enrols', async () => {
    const logins = t.dataSource.getRepository(Login);
    await logins.update({ id: f.sam.employeeLogin }, { enrolDeadline: new Date(Date.now() - 1000) });
    expect(ofType(await overview(), f.acme.employee)).toMatchObject({
      inGrace: 0,
      overdue: 1,
      nearestDeadline: null,
    });
    await logins.update({ id: f.sam.employeeLogin }, { pinSetAt: new Date() });
    expect(ofType(await overview(), f.acme.employee)).toMatchObject({ enrolled: 2, overdue: 0 });
  });

  it('gives the super user every account’s numbers and their sum, and nobody else', async () => {
    const res = await root.get(ApiPaths.platformOverview);
    expect(res.status).toBe(200);
    const p: PlatformOverview = res.body;
    expect(p.tenants.map((x) => x.tenantName)).toEqual(['Acme', 'Globex']);
    const acme = p.tenants[0].counts;
    expect(acme).toEqual((await overview()).totals);
    expect(p.tenants[1].counts).toMatchObject({ logins: 1, byMethod: { off: 1 } });
    expect(p.totals.logins).toBe(acme.logins + 1);
    // The super users' own logins are not an account's.
    expect(p.totals.logins).toBe(p.tenants.reduce((n, x) => n + x.counts.logins, 0));

    expect((await owner.get(ApiPaths.platformOverview)).status).toBe(403);
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    // Another account's numbers do not exist for her, as every owner route answers.
    expect((await gail.get(ApiPaths.overview(f.acme.id))).status).toBe(404);
    expect((await gail.get(ApiPaths.overview(f.globex.id))).status).toBe(200);
  });

  it('refuses a state the Users list does not know, and a contradiction, naming the field', async () => {
    const bad = await owner.get(`${ApiPaths.users(f.acme.id)}?enrolment=late`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('enrolment');
    const both = await owner.get(`${ApiPaths.users(f.acme.id)}?enrolment=overdue&enrolled=true`);
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('enrolment');
  });
});

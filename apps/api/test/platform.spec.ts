import type { Server } from 'node:http';
import { ApiPaths, type TenantSummary } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Tenant } from '../src/directory/tenant.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

describe('platform: tenants, feature switch, floors, suspension', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let root: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
  });
  afterAll(() => t.close());

  it('lists customer tenants with their counts, never the platform tenant', async () => {
    const res = await root.get(ApiPaths.platformTenants);
    expect(res.status).toBe(200);
    const acme = res.body.find((x: TenantSummary) => x.id === f.acme.id);
    expect(acme).toMatchObject({
      name: 'Acme',
      twoFactorEnabled: false,
      floor: null,
      suspended: false,
      counts: { logins: 4, userTypes: 3, owners: 1 },
    });
    expect(res.body.map((x: TenantSummary) => x.name)).toEqual(['Acme', 'Globex']);
  });

  it('lists a tenant’s owners with their last sign-in, for the super user only', async () => {
    const olivia = new TestClient(server);
    await olivia.signIn('olivia@acme.test', PASSWORD);
    const res = await root.get(ApiPaths.platformTenantOwners(f.acme.id));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        loginId: f.olivia.login,
        email: 'olivia@acme.test',
        displayName: 'Olivia',
        active: true,
        lastSignInAt: expect.any(String),
      },
    ]);
    expect(Date.now() - Date.parse(res.body[0].lastSignInAt)).toBeLessThan(60_000);
    expect((await root.get(ApiPaths.platformTenantOwners(f.globex.id))).body[0]).toMatchObject({
      email: 'gail@globex.test',
      lastSignInAt: null,
    });
    expect((await root.get(ApiPaths.platformTenantOwners(f.root.platformTenantId))).status).toBe(404);
    expect((await olivia.get(ApiPaths.platformTenantOwners(f.acme.id))).status).toBe(403);
  });

  it('creates a tenant with its first owner, who can sign in with the password answered once', async () => {
    const res = await root.post(ApiPaths.platformTenants, {
      name: 'Initech',
      ownerEmail: 'bill@initech.test',
      ownerDisplayName: 'Bill',
    });
    expect(res.status).toBe(201);
    expect(res.body.tenant).toMatchObject({ name: 'Initech', counts: { logins: 1, owners: 1 } });
    const bill = new TestClient(server);
    const signedIn = await bill.signIn('bill@initech.test', res.body.initialPassword);
    expect(signedIn.body).toMatchObject({
      state: 'signed-in',
      me: { role: 'owner', tenantName: 'Initech', userTypeName: 'Administrator' },
    });
    expect(
      (
        await root.post(ApiPaths.platformTenants, {
          name: 'initech',
          ownerEmail: 'x@y.test',
          ownerDisplayName: 'X',
        })
      ).status,
    ).toBe(409);
    expect(await t.dataSource.getRepository(Tenant).countBy({ name: 'initech' })).toBe(0);
  });

  it('sets and removes a tenant floor with its grace, audited with before and after', async () => {
    const set = await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), {
      floor: 'authenticator',
      floorGraceDays: 5,
    });
    expect(set.body.floor).toMatchObject({
      method: 'authenticator',
      graceDays: 5,
      setBy: 'root@latchkey.test',
    });
    const gail = await new TestClient(server).begin();
    const answer = (await gail.post(ApiPaths.login, { email: 'gail@globex.test', password: PASSWORD })).body;
    expect(answer.state).toBe('totp-enrol');
    expect(Date.parse(answer.deadline) - Date.now()).toBeGreaterThan(4.9 * 86_400_000);
    const removed = await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { floor: null });
    expect(removed.body.floor).toBeNull();
    const events = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'platform.tenant-floor-changed', tenantId: f.globex.id });
    expect(events.map((e) => [e.before?.['floor'], e.after?.['floor']])).toEqual(
      expect.arrayContaining([
        [null, 'authenticator'],
        ['authenticator', null],
      ]),
    );
  });

  it('suspends a tenant: its sessions end and its logins cannot sign in, until unsuspended', async () => {
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    expect((await gail.get(ApiPaths.me)).status).toBe(200);

    const suspended = await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { suspended: true });
    expect(suspended.body.suspended).toBe(true);
    expect((await gail.get(ApiPaths.me)).status).toBe(401);
    const refused = await new TestClient(server).signIn('gail@globex.test', PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/no active login/);

    await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { suspended: false });
    expect((await new TestClient(server).signIn('gail@globex.test', PASSWORD)).body.state).toBe('signed-in');
  });

  it('signs a whole tenant out when its owner makes 2FA mandatory with "sign out now"', async () => {
    await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
    const owner = new TestClient(server);
    await owner.signIn('olivia@acme.test', PASSWORD);
    const emma = new TestClient(server);
    await emma.signIn('emma@acme.test', PASSWORD);
    const res = await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
      mandatoryForAll: true,
      graceDays: 2,
      signOutAffected: true,
    });
    expect(res.status).toBe(200);
    expect((await emma.get(ApiPaths.me)).status).toBe(401);
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
    expect((await new TestClient(server).signIn('emma@acme.test', PASSWORD)).body.state).toBe('signed-in'); // postponed within the grace
  });

  it('answers bad platform input with 400 naming the field, and an empty change with 400', async () => {
    const before = await t.dataSource.getRepository(AuditEvent).count();
    const cases: Array<[object, string]> = [
      [{ floor: 'sms' }, 'floor'],
      [{ floorGraceDays: -3 }, 'floorGraceDays'],
      [{ twoFactorEnabled: 'yes' }, 'twoFactorEnabled'],
      [{ suspended: 1 }, 'suspended'],
      [{ name: 'renamed' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), body);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, field]);
    }
    const empty = await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), {});
    expect([empty.status, empty.body.message]).toEqual([400, expect.stringMatching(/Nothing to change/)]);
    expect((await root.send('PUT', ApiPaths.platformFloor, { method: 'everything' })).status).toBe(400);
    expect(
      (
        await root.send('PATCH', ApiPaths.platformTenant('00000000-0000-4000-8000-00000000dead'), {
          suspended: true,
        })
      ).status,
    ).toBe(404);
    expect(
      (await root.send('PATCH', ApiPaths.platformTenant(f.root.platformTenantId), { suspended: true }))
        .status,
    ).toBe(404);
    expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(before);
  });
});

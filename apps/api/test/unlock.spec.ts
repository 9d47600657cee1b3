import type { Server } from 'node:http';
import { ApiPaths } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { unlockCommand } from '../src/cli/unlock-command';
import { PasswordThrottleRow } from '../src/database/password-throttle.entity';
import { DirectoryService } from '../src/directory/directory.service';
import { Login } from '../src/directory/login.entity';
import { PasswordHasher } from '../src/factors/password-hasher';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/** Who can lift a lock (DESIGN.md §12): owners their tenant's, super users any, the server command anyone. */
describe('unlocking', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let root: TestClient;
  let opsLogin: string;

  const hardLock = (tenantId: string, id: string) =>
    t.dataSource
      .getRepository(Login)
      .update({ tenantId, id }, { failedAttempts: 20, lockedOut: true, lockedUntil: null });
  const row = (tenantId: string, id: string) =>
    t.dataSource.getRepository(Login).findOneByOrFail({ tenantId, id });
  const signInAnswer = async (email: string) =>
    (await new TestClient(server).begin()).post(ApiPaths.login, { email, password: PASSWORD });

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    const directory = t.app.get(DirectoryService);
    const ops = await directory.createIdentity(
      'ops@latchkey.test',
      await t.app.get(PasswordHasher).hash(PASSWORD),
    );
    opsLogin = (await directory.ensureSuperLogin(ops)).id;
    root = new TestClient(server);
    expect((await root.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');
  });
  afterAll(() => t.close());

  it('lets a super user unlock a tenant’s sole owner, which the owner-only route once refused', async () => {
    await hardLock(f.acme.id, f.olivia.login);
    expect((await signInAnswer('olivia@acme.test')).status).toBe(423);
    const res = await root.post(ApiPaths.unlock(f.acme.id, f.olivia.login));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ loginId: f.olivia.login, locked: false });
    expect(await row(f.acme.id, f.olivia.login)).toMatchObject({ failedAttempts: 0, lockedOut: false });
    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'login.unlocked', targetId: f.olivia.login });
    expect(event).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'root@latchkey.test',
      before: { lockedOut: true },
    });
    expect((await new TestClient(server).signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
  });

  it('lets a super user unlock another super user, audited on the platform', async () => {
    await hardLock(f.root.platformTenantId, opsLogin);
    expect((await signInAnswer('ops@latchkey.test')).status).toBe(423);
    const res = await root.post(ApiPaths.unlock(f.root.platformTenantId, opsLogin));
    expect(res.status).toBe(200);
    expect((await row(f.root.platformTenantId, opsLogin)).lockedOut).toBe(false);
    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'login.unlocked', targetId: opsLogin });
    expect(event.tenantId).toBeNull();
    expect((await signInAnswer('ops@latchkey.test')).status).toBe(200);
  });

  it('keeps owners to their own tenant: another tenant and the platform answer 404', async () => {
    const gail = new TestClient(server);
    await gail.signIn('gail@globex.test', PASSWORD);
    expect((await gail.post(ApiPaths.unlock(f.acme.id, f.emma.login))).status).toBe(404);
    const olivia = new TestClient(server);
    await olivia.signIn('olivia@acme.test', PASSWORD);
    expect((await olivia.post(ApiPaths.unlock(f.root.platformTenantId, opsLogin))).status).toBe(404);
  });

  it('unlocks every login of an email from the server command, lifts its password wait, and audits itself', async () => {
    await hardLock(f.acme.id, f.sam.employeeLogin);
    await t.dataSource
      .getRepository(Login)
      .update(
        { tenantId: f.acme.id, id: f.sam.managerLogin },
        { failedAttempts: 6, lockedUntil: new Date(Date.now() + 60_000) },
      );
    await (
      await new TestClient(server).begin()
    ).post(ApiPaths.login, { email: 'sam@acme.test', password: 'wrong-one' });
    expect(await t.dataSource.getRepository(PasswordThrottleRow).count()).toBeGreaterThan(0);

    const printed: string[] = [];
    const code = await unlockCommand(t.config, 'Sam@Acme.test', (line) => printed.push(line));
    expect(code).toBe(0);
    expect(printed[0]).toBe('Unlocked sam@acme.test: 2 logins, audited as the server command.');
    expect(printed.join('\n')).toMatch(
      /Sam \(employee\) \(user\) in Acme: was locked until unlocked, 20 failed attempts/,
    );
    expect(printed.join('\n')).toMatch(/Sam \(manager\) \(user\) in Acme: was waiting until/);
    for (const id of [f.sam.employeeLogin, f.sam.managerLogin])
      expect(await row(f.acme.id, id)).toMatchObject({
        failedAttempts: 0,
        lockedOut: false,
        lockedUntil: null,
      });
    expect(await t.dataSource.getRepository(PasswordThrottleRow).count()).toBe(0);
    const events = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'login.unlocked', tenantId: f.acme.id });
    expect(events.filter((e) => e.actorLabel?.startsWith('server command ('))).toHaveLength(2);

    const nobody: string[] = [];
    expect(await unlockCommand(t.config, 'nobody@acme.test', (line) => nobody.push(line))).toBe(1);
    expect(nobody).toEqual(['No one signs in as nobody@acme.test here. Nothing was changed.']);
  });
});

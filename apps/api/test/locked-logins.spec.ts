import type { Server } from 'node:http';
import { ApiPaths, type LockedLoginRow } from '@latchkey/contracts';
import { PasswordHasher } from '../src/factors/password-hasher';
import { DirectoryService, PLATFORM_TENANT_NAME } from '../src/directory/directory.service';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

const MINUTE = 60_000;

describe('platform: locked logins in every tenant and on the platform', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let root: TestClient;
  /** A second super user, in the platform tenant, whom the test locks (root stays able to read). */
  let ops: { loginId: string };
  /** Fixed instants, whole milliseconds, as both databases keep them. */
  let waitEnds: Date;

  /** Writes a lock straight into the row: the lockout rules have tests of their own. */
  const lock = (
    tenantId: string,
    loginId: string,
    state: { lockedOut?: boolean; lockedUntil?: Date | null; failedAttempts?: number },
  ) => t.dataSource.getRepository(Login).update({ tenantId, id: loginId }, state);

  const list = async (who: TestClient = root) => {
    const res = await who.get(ApiPaths.platformLockedLogins);
    expect(res.status).toBe(200);
    return res.body as LockedLoginRow[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    const directory = t.app.get(DirectoryService);
    const identity = await directory.createIdentity(
      'ops@latchkey.test',
      await t.app.get(PasswordHasher).hash(PASSWORD),
    );
    const opsLogin = await directory.ensureSuperLogin(identity);
    expect(opsLogin.tenantId).toBe(f.root.platformTenantId);
    ops = { loginId: opsLogin.id };
    root = new TestClient(server);
    expect((await root.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');

    const now = Date.now();
    waitEnds = new Date(now + 10 * MINUTE);
    // Emma: locked for good after second-factor failures; an old wait long over.
    await lock(f.acme.id, f.emma.login, {
      lockedOut: true,
      lockedUntil: new Date(now - 5 * MINUTE),
      failedAttempts: 7,
    });
    // Sam's manager login waits; his employee login's wait has ended.
    await lock(f.acme.id, f.sam.managerLogin, { lockedUntil: waitEnds, failedAttempts: 3 });
    await lock(f.acme.id, f.sam.employeeLogin, { lockedUntil: new Date(now - MINUTE), failedAttempts: 2 });
    // Gail, in Globex, waits.
    await lock(f.globex.id, f.gail.login, { lockedUntil: waitEnds, failedAttempts: 4 });
    // A super user is locked on the platform.
    await lock(f.root.platformTenantId, ops.loginId, { lockedOut: true, failedAttempts: 10 });
  });
  afterAll(() => t.close());

  it('lists exactly the logins locked now, by tenant name then email, with their lock fields', async () => {
    expect(await list()).toEqual([
      {
        tenantId: f.acme.id,
        tenantName: 'Acme',
        platform: false,
        loginId: f.emma.login,
        email: 'emma@acme.test',
        displayName: 'Emma',
        role: 'user',
        failedAttempts: 7,
        lockedOut: true,
        lockedUntil: null,
      },
      {
        tenantId: f.acme.id,
        tenantName: 'Acme',
        platform: false,
        loginId: f.sam.managerLogin,
        email: 'sam@acme.test',
        displayName: 'Sam (manager)',
        role: 'user',
        failedAttempts: 3,
        lockedOut: false,
        lockedUntil: waitEnds.toISOString(),
      },
      {
        tenantId: f.globex.id,
        tenantName: 'Globex',
        platform: false,
        loginId: f.gail.login,
        email: 'gail@globex.test',
        displayName: 'Gail',
        role: 'owner',
        failedAttempts: 4,
        lockedOut: false,
        lockedUntil: waitEnds.toISOString(),
      },
      {
        tenantId: f.root.platformTenantId,
        tenantName: PLATFORM_TENANT_NAME,
        platform: true,
        loginId: ops.loginId,
        email: 'ops@latchkey.test',
        displayName: 'ops@latchkey.test',
        role: 'super',
        failedAttempts: 10,
        lockedOut: true,
        lockedUntil: null,
      },
    ]);
  });

  it('drops a login whose wait has ended or whose lock was lifted, and lists one locked anew', async () => {
    await lock(f.globex.id, f.gail.login, { lockedUntil: new Date(Date.now() - 1000) });
    await lock(f.acme.id, f.emma.login, { lockedOut: false, lockedUntil: null, failedAttempts: 0 });
    await lock(f.acme.id, f.olivia.login, { lockedUntil: waitEnds, failedAttempts: 5 });
    const rows = await list();
    expect(rows.map((r) => [r.tenantName, r.email, r.loginId])).toEqual([
      ['Acme', 'olivia@acme.test', f.olivia.login],
      ['Acme', 'sam@acme.test', f.sam.managerLogin],
      [PLATFORM_TENANT_NAME, 'ops@latchkey.test', ops.loginId],
    ]);
    expect(rows.map((r) => r.loginId)).not.toContain(f.sam.employeeLogin);
  });

  it('refuses an owner and an end user with 403, and a signed-out client with 401', async () => {
    const owner = new TestClient(server);
    await owner.signIn('gail@globex.test', PASSWORD);
    expect((await owner.get(ApiPaths.platformLockedLogins)).status).toBe(403);
    const user = new TestClient(server);
    await user.signIn('emma@acme.test', PASSWORD);
    expect((await user.get(ApiPaths.platformLockedLogins)).status).toBe(403);
    const anonymous = await new TestClient(server).begin();
    expect((await anonymous.get(ApiPaths.platformLockedLogins)).status).toBe(401);
  });
});

import type { Server } from 'node:http';
import { ApiPaths, type TwoFactorMethod } from '@latchkey/contracts';
import { PasswordHasher } from '../src/factors/password-hasher';
import { DirectoryService } from '../src/directory/directory.service';
import { TestClient } from './client';
import type { TestApp } from './harness';

export const PASSWORD = 'correct-horse-battery';

export interface Fixtures {
  acme: { id: string; employee: string; manager: string; administrator: string };
  globex: { id: string; employee: string };
  /** sam@acme.test: an Employee and a Manager login in Acme. */
  sam: { identityId: string; employeeLogin: string; managerLogin: string };
  emma: { identityId: string; login: string };
  olivia: { identityId: string; login: string };
  gail: { identityId: string; login: string };
  root: { identityId: string; login: string; platformTenantId: string };
}

/** Two tenants, an owner each, a one-login user, a two-login user, and a super user. */
export async function seedFixtures(t: TestApp): Promise<Fixtures> {
  const directory = t.app.get(DirectoryService);
  const hash = await t.app.get(PasswordHasher).hash(PASSWORD);

  const acme = await directory.createTenant('Acme');
  const [employee, manager, administrator] = await Promise.all(
    ['Employee', 'Manager', 'Administrator'].map((n) => directory.createUserType(acme.id, n)),
  );
  const globex = await directory.createTenant('Globex');
  const globexEmployee = await directory.createUserType(globex.id, 'Employee');

  const person = async (email: string) => directory.createIdentity(email, hash);
  const login = (
    tenantId: string,
    identityId: string,
    userTypeId: string,
    displayName: string,
    role: 'owner' | 'user' = 'user',
  ) => directory.createLogin({ tenantId, identityId, userTypeId, displayName, role });

  const sam = await person('sam@acme.test');
  const samEmployee = await login(acme.id, sam.id, employee.id, 'Sam (employee)');
  const samManager = await login(acme.id, sam.id, manager.id, 'Sam (manager)');
  const emma = await person('emma@acme.test');
  const emmaLogin = await login(acme.id, emma.id, employee.id, 'Emma');
  const olivia = await person('olivia@acme.test');
  const oliviaLogin = await login(acme.id, olivia.id, administrator.id, 'Olivia', 'owner');
  const gail = await person('gail@globex.test');
  const gailLogin = await login(globex.id, gail.id, globexEmployee.id, 'Gail', 'owner');
  const root = await person('root@latchkey.test');
  const rootLogin = await directory.ensureSuperLogin(root);

  return {
    acme: { id: acme.id, employee: employee.id, manager: manager.id, administrator: administrator.id },
    globex: { id: globex.id, employee: globexEmployee.id },
    sam: { identityId: sam.id, employeeLogin: samEmployee.id, managerLogin: samManager.id },
    emma: { identityId: emma.id, login: emmaLogin.id },
    olivia: { identityId: olivia.id, login: oliviaLogin.id },
    gail: { identityId: gail.id, login: gailLogin.id },
    root: { identityId: root.id, login: rootLogin.id, platformTenantId: rootLogin.tenantId },
  };
}

/**
 * The common start of the factor suites: a super user switches 2FA on for Acme, and its owner
 * (signed in, answered) sets the given user types' methods.
 */
export async function acmeWithPolicy(
  server: Server,
  f: Fixtures,
  methods: Partial<Record<'manager' | 'employee', { method: TwoFactorMethod; graceDays?: number }>>,
): Promise<TestClient> {
  const root = new TestClient(server);
  await root.signIn('root@latchkey.test', PASSWORD);
  await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true });
  const owner = new TestClient(server);
  await owner.signIn('olivia@acme.test', PASSWORD);
  for (const [type, policy] of Object.entries(methods)) {
    const userTypeId = type === 'manager' ? f.acme.manager : f.acme.employee;
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, userTypeId), { graceDays: 0, ...policy });
  }
  return owner;
}

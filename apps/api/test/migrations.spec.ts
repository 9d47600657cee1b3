import { DataSource } from 'typeorm';
import { Identity } from '../src/directory/identity.entity';
import { Login } from '../src/directory/login.entity';
import { Tenant } from '../src/directory/tenant.entity';
import { UserType } from '../src/directory/user-type.entity';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestDatabase, testConfig, ON_POSTGRES, type TestDatabase } from './harness';

const TABLES = [
  'audit_event',
  'backup_code',
  'ended_session',
  'identity',
  'login',
  'platform_setting',
  'remembered_browser',
  'session',
  'tenant',
  'totp_device',
  'totp_used_step',
  'user_type',
];

async function tablesOf(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> =
    ds.options.type === 'postgres'
      ? await ds.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        )
      : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  return rows
    .map((r) => r.name)
    .filter((n) => TABLES.includes(n))
    .sort();
}

/** Runs on SQLite in `npm test`, and on PostgreSQL in the run with DATABASE_URL. */
describe(`migrations on an empty ${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'} database`, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(testConfig(db))).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('go up, all the way down, and up again', async () => {
    expect(await tablesOf(ds)).toEqual([]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tablesOf(ds)).toEqual(TABLES);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tablesOf(ds)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await tablesOf(ds)).toEqual(TABLES);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('leave a schema that matches the entities (nothing for TypeORM to change)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('enforce the keys: one email once, a login only in a user type of its own tenant', async () => {
    const now = new Date();
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await ds.getRepository(Tenant).insert([
      { id: id(1), name: 'A', kind: 'customer', twoFactorEnabled: false, suspendedAt: null, createdAt: now },
      { id: id(2), name: 'B', kind: 'customer', twoFactorEnabled: false, suspendedAt: null, createdAt: now },
    ]);
    await ds
      .getRepository(UserType)
      .insert({ tenantId: id(1), id: id(11), name: 'Employee', createdAt: now });
    const identity = { id: id(21), email: 'x@y.test', passwordHash: 'h', createdAt: now };
    await ds.getRepository(Identity).insert(identity);
    await expect(ds.getRepository(Identity).insert({ ...identity, id: id(22) })).rejects.toThrow();
    const login = {
      id: id(31),
      identityId: identity.id,
      userTypeId: id(11),
      displayName: 'X',
      role: 'user' as const,
      createdAt: now,
    };
    // The user type belongs to tenant A: a login in tenant B cannot use it.
    await expect(ds.getRepository(Login).insert({ ...login, tenantId: id(2) })).rejects.toThrow();
    await ds.getRepository(Login).insert({ ...login, tenantId: id(1) });
    expect(await ds.getRepository(Login).countBy({ tenantId: id(1) })).toBe(1);
  });
});

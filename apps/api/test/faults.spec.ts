import type { Server } from 'node:http';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { IsNull } from 'typeorm';
import { ApiPaths } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Login } from '../src/directory/login.entity';
import { UserType } from '../src/directory/user-type.entity';
import { BackupCode, TotpDevice } from '../src/factors/factor.entities';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { BASE_DATABASE_URL, ON_POSTGRES, startTestApp, type TestApp } from './harness';
import { secretOf, totpAt } from './totp-vectors';

/**
 * Faults on PostgreSQL, made by the server itself rather than mocked: the database closed to
 * connections (an outage), and a connection killed in the middle of a transaction (a trigger
 * that terminates its own backend). Every caller gets a 503 that says what happened, and once
 * the database is back nothing is half-done. (The embedded SQLite file has no connection to lose.)
 */
const describeOnPostgres = ON_POSTGRES ? describe : describe.skip;

describeOnPostgres('database faults', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let databaseName: string;

  const now = () => Math.floor(Date.now() / 1000);

  async function sql(query: string, database = 'postgres'): Promise<void> {
    const url = new URL(BASE_DATABASE_URL as string);
    url.pathname = `/${database}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  }

  /** Closes the database to new connections and ends the ones the app holds. */
  async function outage(): Promise<void> {
    await sql(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`);
    await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}'`);
  }
  const recover = () => sql(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`);

  /** From now on, the connection that inserts into `table` dies in the middle of its transaction. */
  async function killOnInsert(table: string, when = 'true'): Promise<void> {
    await sql(
      `CREATE OR REPLACE FUNCTION fault_kill_backend() RETURNS trigger AS $$
       BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$ LANGUAGE plpgsql;
       CREATE TRIGGER fault_on_${table} BEFORE INSERT ON "${table}" FOR EACH ROW
         WHEN (${when}) EXECUTE FUNCTION fault_kill_backend();`,
      databaseName,
    );
  }
  const heal = (table: string) => sql(`DROP TRIGGER IF EXISTS fault_on_${table} ON "${table}"`, databaseName);

  const expectUnavailable = (res: { status: number; body: { message?: string }; headers: Record<string, string> }) => {
    expect({ status: res.status, message: res.body.message }).toEqual({
      status: 503,
      message: expect.stringMatching(/database cannot be reached.*nothing was changed/),
    });
    expect(res.headers['retry-after']).toBe('5');
  };

  const samManager = async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const answer = (await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin })).body;
    return { client: c, answer };
  };
  const devicesOf = (loginId: string) => t.dataSource.getRepository(TotpDevice).findBy({ loginId });
  const codesOf = (loginId: string) => t.dataSource.getRepository(BackupCode).countBy({ loginId });
  const unusedCodesOf = (loginId: string) =>
    t.dataSource.getRepository(BackupCode).countBy({ loginId, usedAt: IsNull() });
  const audits = () => t.dataSource.getRepository(AuditEvent).count();
  const employeeMethod = async () =>
    (await t.dataSource.getRepository(UserType).findOneByOrFail({ id: f.acme.employee })).method;

  beforeAll(async () => {
    t = await startTestApp();
    databaseName = new URL(t.db.url as string).pathname.slice(1);
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, { manager: { method: 'authenticator' } });
    // A reset then leads straight to enrolment, which is what these tests go through.
    const handoverOff = await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
      mandatoryForAll: false,
      graceDays: 0,
      handoverEnabled: false,
    });
    expect(handoverOff.status).toBe(200);
  });
  afterAll(async () => {
    await recover().catch(() => undefined);
    await t.close();
  });

  it('answers 503 to sign-in, enrolment, reset and policy save during an outage, and changes nothing', async () => {
    const sam = await samManager();
    expect(sam.answer.state).toBe('totp-enrol');
    const secret = secretOf((await sam.client.post(ApiPaths.totpEnrol)).body.otpauthUri);
    const emma = await new TestClient(server).begin();
    const auditsBefore = await audits();

    await outage();
    try {
      expectUnavailable(await emma.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD }));
      expectUnavailable(await sam.client.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, now()) }));
      expectUnavailable(await owner.post(ApiPaths.reset(f.acme.id, f.emma.login)));
      expectUnavailable(
        await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), { method: 'pin', graceDays: 0 }),
      );
      expect((await owner.get(ApiPaths.health)).status).toBe(503);
    } finally {
      await recover();
    }

    // Nothing of the refused calls happened.
    expect(await audits()).toBe(auditsBefore);
    expect(await employeeMethod()).toBe('off');
    expect((await devicesOf(f.sam.managerLogin)).map((d) => d.confirmedAt)).toEqual([null]);
    expect(await codesOf(f.sam.managerLogin)).toBe(0);
    expect((await t.dataSource.getRepository(Login).findOneByOrFail({ id: f.emma.login })).handoverHash).toBeNull();

    // And everything works again, on the sessions from before the outage.
    const confirmed = await sam.client.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, now() + 30) });
    expect(confirmed.body.state).toBe('signed-in');
    expect(confirmed.body.backupCodes).toHaveLength(10);
    expect((await emma.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state).toBe(
      'signed-in',
    );
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
  });

  it('never activates a secret without its backup codes when the connection dies mid-confirmation', async () => {
    await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    const again = await samManager();
    expect(again.answer.state).toBe('totp-enrol');
    const secret = secretOf((await again.client.post(ApiPaths.totpEnrol)).body.otpauthUri);

    const code = totpAt(secret, now());
    await killOnInsert('backup_code');
    try {
      expectUnavailable(await again.client.post(ApiPaths.totpEnrolConfirm, { code }));
    } finally {
      await heal('backup_code');
    }
    const [device] = await devicesOf(f.sam.managerLogin);
    expect(device.confirmedAt).toBeNull();
    expect(await codesOf(f.sam.managerLogin)).toBe(0);
    expect((await t.dataSource.getRepository(Login).findOneByOrFail({ id: f.sam.managerLogin })).totpEnrolledAt).toBeNull();

    // The same code works: spending it was rolled back with the rest.
    const confirmed = await again.client.post(ApiPaths.totpEnrolConfirm, { code });
    expect(confirmed.body.state).toBe('signed-in');
    expect(await codesOf(f.sam.managerLogin)).toBe(10);
  });

  it('saves no policy change without its audit event', async () => {
    await killOnInsert('audit_event');
    try {
      expectUnavailable(
        await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), { method: 'pin', graceDays: 0 }),
      );
    } finally {
      await heal('audit_event');
    }
    expect(await employeeMethod()).toBe('off');
    const saved = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'pin',
      graceDays: 0,
    });
    expect(saved.status).toBe(200);
    expect(await employeeMethod()).toBe('pin');
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), { method: 'off', graceDays: 0 });
  });

  it('resets nothing, and keeps the sessions, when the connection dies mid-reset', async () => {
    const sam = await samManager();
    expect(sam.answer.state).toBe('totp');
    const devicesBefore = await devicesOf(f.sam.managerLogin);
    const codesBefore = await codesOf(f.sam.managerLogin);

    await killOnInsert('audit_event', "NEW.action = 'login.reset'");
    try {
      expectUnavailable(await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin)));
    } finally {
      await heal('audit_event');
    }
    expect(await devicesOf(f.sam.managerLogin)).toEqual(devicesBefore);
    expect(await codesOf(f.sam.managerLogin)).toBe(codesBefore);
    // The pending sign-in from before is still alive: the revocation was rolled back too.
    expect((await sam.client.get(ApiPaths.state)).body.state).toBe('totp');
  });

  it('consumes no backup code without a session when the connection dies as the session is written', async () => {
    // A fresh enrolment, to know a valid backup code (they are shown once).
    await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    const enrol = await samManager();
    expect(enrol.answer.state).toBe('totp-enrol');
    const secret = secretOf((await enrol.client.post(ApiPaths.totpEnrol)).body.otpauthUri);
    const confirmed = await enrol.client.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, now() + 30) });
    const code: string = confirmed.body.backupCodes[0];
    const unusedBefore = await unusedCodesOf(f.sam.managerLogin);

    const pending = await samManager();
    expect(pending.answer.state).toBe('totp');
    await killOnInsert('session', `NEW.data LIKE '%"stage":"signed-in"%'`);
    try {
      expectUnavailable(await pending.client.post(ApiPaths.totp, { code }));
    } finally {
      await heal('session');
    }
    expect(await unusedCodesOf(f.sam.managerLogin)).toBe(unusedBefore);
    const retried = await pending.client.post(ApiPaths.totp, { code });
    expect({ status: retried.status, body: retried.body }).toMatchObject({ status: 200, body: { state: 'signed-in' } });
    expect(await unusedCodesOf(f.sam.managerLogin)).toBe(unusedBefore - 1);
  });
});

/**
 * The embedded database's outage: another process holding the SQLite file's write lock past the
 * busy timeout. Writes are refused with a 503 and leave nothing behind.
 */
const describeOnSqlite = ON_POSTGRES ? describe.skip : describe;

describeOnSqlite('embedded database locked by another process', () => {
  let t: TestApp;
  let f: Fixtures;
  let owner: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    owner = await acmeWithPolicy(t.app.getHttpServer(), f, {});
  });
  afterAll(() => t.close());

  it('answers 503 to a policy save and a sign-in while the file is locked, and changes nothing', async () => {
    const audits = await t.dataSource.getRepository(AuditEvent).count();
    const other = new Database(t.config.sqlitePath);
    other.exec('BEGIN EXCLUSIVE');
    let saved, signIn;
    try {
      saved = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), { method: 'pin', graceDays: 0 });
      signIn = await new TestClient(t.app.getHttpServer()).signIn('emma@acme.test', PASSWORD);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    for (const res of [saved, signIn]) {
      expect({ status: res.status, message: res.body.message }).toEqual({
        status: 503,
        message: expect.stringMatching(/database cannot be reached.*nothing was changed/),
      });
    }
    expect((await t.dataSource.getRepository(UserType).findOneByOrFail({ id: f.acme.employee })).method).toBe('off');
    expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(audits);
    expect((await new TestClient(t.app.getHttpServer()).signIn('emma@acme.test', PASSWORD)).body.state).toBe('signed-in');
  }, 30_000);
});

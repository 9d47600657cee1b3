import type { Server } from 'node:http';
import { ApiPaths, BACKUP_CODE_PATTERN } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Login } from '../src/directory/login.entity';
import { BackupCode } from '../src/factors/factor.entities';
import { PasswordHasher } from '../src/factors/password-hasher';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, testConfig, type TestApp } from './harness';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { secretOf, totpAt } from './totp-vectors';

const now = () => Math.floor(Date.now() / 1000);

/**
 * Runs `make` n times one after another: passwords in parallel would be reserved like any
 * guesses (and the email made to wait), so the racing sessions are signed in in turn.
 */
async function inTurn<T>(n: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < n; i++) made.push(await make());
  return made;
}

describe('second factors at sign-in: authenticator, backup codes, PIN, lockout', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let secret = '';
  let backupCodes: string[] = [];

  /** Sam's manager login, up to the second-factor step. */
  const samAtStep = async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const res = await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    return { client: c, state: res.body.state as string };
  };
  /**
   * Steps the tests have spent; a fresh code is one of a step within the window not spent yet,
   * the one that stays valid longest first (a test that sends it again a few slow seconds later,
   * to see it refused as a replay, must not find it fallen out of the window).
   */
  const usedSteps = new Set<number>();
  const freshCode = () => {
    const step = [30, 0, -30]
      .map((o) => Math.floor((now() + o) / 30))
      .find((s) => !usedSteps.has(s)) as number;
    usedSteps.add(step);
    return totpAt(secret, step * 30);
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, {
      manager: { method: 'authenticator' },
      employee: { method: 'pin' },
    });
  });
  afterAll(() => t.close());

  it('enrols an authenticator: QR and key once, a code computed from the otpauth URI, 10 backup codes', async () => {
    const { client, state } = await samAtStep();
    expect(state).toBe('totp-enrol');
    const first = await client.post(ApiPaths.totpEnrol);
    expect(first.status).toBe(200);
    expect(first.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(first.body.qrCode.split(',')[1], 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*>.*<path [^>]*d="M[^"]+"/s);
    expect(first.body.issuer).toBe('Latchkey (Acme)');
    expect(first.body.label).toBe('sam@acme.test (Manager)');
    expect(first.body.secretGroups.replace(/ /g, '')).toBe(first.body.secret);

    // Starting again voids the first pending secret.
    const second = await client.post(ApiPaths.totpEnrol);
    expect(second.body.secret).not.toBe(first.body.secret);
    const stale = await client.post(ApiPaths.totpEnrolConfirm, {
      code: totpAt(secretOf(first.body.otpauthUri), now()),
    });
    expect(stale.status).toBe(401);

    secret = secretOf(second.body.otpauthUri);
    usedSteps.add(Math.floor(now() / 30));
    const confirmed = await client.post(ApiPaths.totpEnrolConfirm, {
      code: totpAt(secret, now()),
      deviceName: 'Pixel',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'signed-in', me: { loginId: f.sam.managerLogin } });
    backupCodes = confirmed.body.backupCodes;
    expect(backupCodes).toHaveLength(10);
    for (const code of backupCodes) expect(code).toMatch(BACKUP_CODE_PATTERN);
    // No look-alikes after the slot: no 0 or o, no 1, l or i.
    for (const code of backupCodes) expect(code.replace(/^\d+-/, '')).not.toMatch(/[01ilo]/);
    expect(new Set(backupCodes).size).toBe(10);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'factor.totp-enrolled' })).toBe(1);
  });

  it('asks an enrolled login for a code, refuses a wrong one and a replay, and signs in with a fresh one', async () => {
    const { client, state } = await samAtStep();
    expect(state).toBe('totp');
    const wrong = await client.post(ApiPaths.totp, {
      code: totpAt(secret, now()) === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ reason: 'incorrect', message: 'Incorrect code' });

    const spent = [...usedSteps][0];
    const replay = await client.post(ApiPaths.totp, { code: totpAt(secret, spent * 30) });
    expect([replay.status, replay.body.reason]).toEqual([401, 'replayed']);

    const code = freshCode();
    const ok = await client.post(ApiPaths.totp, { code });
    expect(ok.body).toMatchObject({ state: 'signed-in', me: { loginId: f.sam.managerLogin } });
    // A code from the app says nothing about backup codes.
    expect(ok.body).not.toHaveProperty('backupCodesLeft');
    const again = await samAtStep();
    expect((await again.client.post(ApiPaths.totp, { code })).body.reason).toBe('replayed');
  });

  it('accepts one code exactly once when 20 requests race with it', async () => {
    const clients = await inTurn(20, samAtStep);
    // A step within the accepted window that no earlier test has spent.
    const code = freshCode();
    const answers = await Promise.all(clients.map(({ client }) => client.post(ApiPaths.totp, { code })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // The rest: refused as a replay, or refused before any check once the attempts in flight
    // reached the limit (each attempt is reserved before its code is checked).
    for (const a of answers.filter((x) => x.status !== 200)) expect(['replayed', 'locked']).toContain(a.body.reason);
    const login = await t.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: f.acme.id, id: f.sam.managerLogin });
    expect(login.failedAttempts).toBe(0);
  });

  it('says the phone clock looks off when a code matches a step minutes away', async () => {
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.sam.managerLogin }, { failedAttempts: 0, lockedUntil: null });
    const { client } = await samAtStep();
    const res = await client.post(ApiPaths.totp, { code: totpAt(secret, now() + 300) });
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('clock-drift');
    expect(res.body.driftSeconds).toBeGreaterThanOrEqual(270);
    expect(res.body.message).toMatch(/clock looks about 5 minutes ahead/);
  });

  it('accepts a backup code once, even when 20 requests race with it', async () => {
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.sam.managerLogin }, { failedAttempts: 0, lockedUntil: null });
    const clients = await inTurn(20, samAtStep);
    const answers = await Promise.all(
      clients.map(({ client }) => client.post(ApiPaths.totp, { code: backupCodes[3] })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // The rest: refused as a replay, or refused before any check once the attempts in flight
    // reached the limit (each attempt is reserved before its code is checked).
    for (const a of answers.filter((x) => x.status !== 200)) expect(['replayed', 'locked']).toContain(a.body.reason);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'factor.backup-code-used' })).toBe(
      1,
    );
  });

  it('reads a backup code in any case, without dashes or with spaces, and says how many are left', async () => {
    const { client } = await samAtStep();
    const typed = ` ${backupCodes[5].replace(/-/g, ' ').toUpperCase()} `;
    const ok = await client.post(ApiPaths.totp, { code: typed });
    expect(ok.status).toBe(200);
    // Ten made, one spent by the race above, this one now.
    expect(ok.body).toMatchObject({ state: 'signed-in', backupCodesLeft: 8 });

    const compact = await samAtStep();
    const second = await compact.client.post(ApiPaths.totp, { code: backupCodes[6].replace(/-/g, '') });
    expect(second.body).toMatchObject({ state: 'signed-in', backupCodesLeft: 7 });
    // The same code again, however typed, is a replay.
    const again = await samAtStep();
    const replay = await again.client.post(ApiPaths.totp, { code: backupCodes[6].toUpperCase() });
    expect([replay.status, replay.body.reason]).toEqual([401, 'replayed']);
  });

  it('still accepts a code made before the alphabet without look-alikes (base32, hashed as made)', async () => {
    const old = '8-lion-oil2-ij';
    const hash = await t.app.get(PasswordHasher).hash(old);
    await t.dataSource
      .getRepository(BackupCode)
      .update({ tenantId: f.acme.id, loginId: f.sam.managerLogin, slot: 8 }, { hash });
    const { client } = await samAtStep();
    const res = await client.post(ApiPaths.totp, { code: '8 LION OIL2 IJ' });
    expect(res.body).toMatchObject({ state: 'signed-in', backupCodesLeft: 6 });
  });

  it('refuses a malformed code before any lookup, with a 400 naming the field', async () => {
    const before = await t.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: f.acme.id, id: f.sam.managerLogin });
    const { client } = await samAtStep();
    for (const code of ['12345', '1234567', 'abcdef', '99-aaaa-bbbb-cc-dd', '']) {
      const res = await client.post(ApiPaths.totp, { code });
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'code']);
    }
    const login = await t.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: f.acme.id, id: f.sam.managerLogin });
    expect(login.failedAttempts).toBe(before.failedAttempts);
  });

  it('sets a PIN typed twice, refusing trivial ones, then asks for it', async () => {
    const c = await new TestClient(server).begin();
    expect((await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state).toBe(
      'pin-setup',
    );
    const trivial = await c.post(ApiPaths.pinSetup, { pin: '123456', pinConfirmation: '123456' });
    expect([trivial.status, trivial.body.errors[0].field]).toEqual([400, 'pin']);
    const mismatch = await c.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480264' });
    expect([mismatch.status, mismatch.body.errors[0].field]).toEqual([400, 'pinConfirmation']);
    const set = await c.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' });
    expect(set.body).toMatchObject({ state: 'signed-in', me: { loginId: f.emma.login } });

    const next = await new TestClient(server).begin();
    expect(
      (await next.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state,
    ).toBe('pin');
    expect((await next.post(ApiPaths.pin, { pin: '480264' })).body).toMatchObject({ reason: 'incorrect' });
    expect((await next.post(ApiPaths.pin, { pin: '480263' })).body.state).toBe('signed-in');
  });

  it('locks after repeated failures with a growing wait, keeps the lock across a restart, and lets the owner unlock', async () => {
    const attempt = async () => {
      const c = await new TestClient(server).begin();
      await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
      return c.post(ApiPaths.pin, { pin: '999000' });
    };
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    // Locked now: the sign-in stops right after the password.
    const c0 = await new TestClient(server).begin();
    const locked = await c0.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.reason).toBe('locked');
    expect(Date.parse(locked.body.lockedUntil)).toBeGreaterThan(Date.now());

    // A restart: a new app on the same database sees the same lock (and the owner's session).
    await t.app.close();
    t.app = await createApp(testConfig(t.db), false);
    server = t.app.getHttpServer();
    t.dataSource = t.app.get(DataSource);
    owner.retarget(server);
    const c = await new TestClient(server).begin();
    expect((await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).status).toBe(423);

    const users = await owner.get(`${ApiPaths.users(f.acme.id)}?locked=true`);
    expect(users.body.items.map((u: { loginId: string }) => u.loginId)).toEqual([f.emma.login]);
    const unlocked = await owner.post(ApiPaths.unlock(f.acme.id, f.emma.login));
    expect(unlocked.body.locked).toBe(false);
    const after = await new TestClient(server).begin();
    await after.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect((await after.post(ApiPaths.pin, { pin: '480263' })).body.state).toBe('signed-in');
  });

  it('says how many attempts are left once a wrong guess leaves three or fewer before the lock', async () => {
    const logins = t.dataSource.getRepository(Login);
    const emmaPin = async () => {
      const c = await new TestClient(server).begin();
      await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
      return c.post(ApiPaths.pin, { pin: '999000' });
    };
    // 16 failures counted: 4 left, not yet few.
    await logins.update({ tenantId: f.acme.id, id: f.emma.login }, { failedAttempts: 15, lockedUntil: null });
    const many = await emmaPin();
    expect(many.body).toMatchObject({ reason: 'incorrect' });
    expect(many.body).not.toHaveProperty('attemptsLeft');
    await logins.update({ tenantId: f.acme.id, id: f.emma.login }, { lockedUntil: null });
    const few = await emmaPin();
    expect(few.body).toMatchObject({ reason: 'incorrect', message: 'Incorrect PIN', attemptsLeft: 3 });

    // A wrong backup code too, counted by the same write.
    await logins.update(
      { tenantId: f.acme.id, id: f.sam.managerLogin },
      { failedAttempts: 18, lockedUntil: null },
    );
    const { client } = await samAtStep();
    const wrong = await client.post(ApiPaths.totp, { code: '9-zzzz-zzzz-zz' });
    expect(wrong.body).toMatchObject({ reason: 'incorrect', attemptsLeft: 1 });
    await logins.update(
      { tenantId: f.acme.id, id: f.sam.managerLogin },
      { failedAttempts: 0, lockedUntil: null, lockedOut: false },
    );
    await logins.update(
      { tenantId: f.acme.id, id: f.emma.login },
      { failedAttempts: 0, lockedUntil: null, lockedOut: false },
    );
  });

  it('locks hard at the cap: only an owner unlocks', async () => {
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { failedAttempts: 19 });
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    const last = await c.post(ApiPaths.pin, { pin: '999000' });
    // The guess that reaches the cap: none left, the login is locked now.
    expect([last.status, last.body.attemptsLeft]).toEqual([401, 0]);
    await t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.emma.login }, { lockedUntil: null });
    const d = await new TestClient(server).begin();
    const res = await d.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect([res.status, res.body.lockedUntil]).toEqual([423, null]);
    expect(res.body.message).toMatch(/account owner/);
    expect((await owner.post(ApiPaths.unlock(f.acme.id, f.emma.login))).status).toBe(200);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'login.unlocked' })).toBe(2);
  });

  it('keeps no secret in clear: a dump of every table holds no TOTP secret, PIN or backup code', async () => {
    const tables = [
      'tenant',
      'user_type',
      'identity',
      'login',
      'session',
      'audit_event',
      'platform_setting',
      'totp_device',
      'totp_used_step',
      'backup_code',
    ];
    let dump = '';
    for (const table of tables) dump += JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`));
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain('480263');
    for (const code of backupCodes) expect(dump).not.toContain(code);
    expect(dump).not.toContain(PASSWORD);
  });
});

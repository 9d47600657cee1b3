import type { Server } from 'node:http';
import { ApiPaths, BACKUP_CODE_PATTERN } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';
import { secretOf, totpAt } from './totp-vectors';

const step = () => Math.floor(Date.now() / 1000 / 30);

/** Profile → Security: devices, PIN, backup codes, own opt-in. */
describe('self-service security', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let sam: TestClient;
  let samSecret = '';
  let samBackupCodes: string[] = [];
  /** Each secret's codes are spent one step at a time: next, then the one after. */
  const spent = new Map<string, number>();
  const code = (secret: string) => {
    const next = Math.max(step() - 1, (spent.get(secret) ?? -Infinity) + 1);
    spent.set(secret, next);
    return totpAt(secret, next * 30);
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, {
      manager: { method: 'authenticator' },
      employee: { method: 'pin' },
    });

    sam = await new TestClient(server).begin();
    await sam.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    await sam.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    samSecret = secretOf((await sam.post(ApiPaths.totpEnrol)).body.otpauthUri);
    const confirmed = await sam.post(ApiPaths.totpEnrolConfirm, {
      code: code(samSecret),
      deviceName: 'Phone',
    });
    samBackupCodes = confirmed.body.backupCodes;
  });
  afterAll(() => t.close());

  it('shows my factors, never a secret', async () => {
    const res = await sam.get(ApiPaths.mySecurity);
    expect(res.body).toMatchObject({
      effective: { method: 'authenticator', reason: { layer: 'user-type' } },
      hasPin: false,
      backupCodesRemaining: 10,
      optedIn: false,
      canOptIn: false,
    });
    expect(res.body.devices).toHaveLength(1);
    expect(res.body.devices[0]).toMatchObject({ name: 'Phone' });
    expect(JSON.stringify(res.body)).not.toContain(samSecret);
  });

  it('adds a second device with its own secret, renames and removes it, but never the last one', async () => {
    const started = await sam.post(ApiPaths.myDevices);
    const tabletSecret = secretOf(started.body.otpauthUri);
    expect(tabletSecret).not.toBe(samSecret);
    const confirmed = await sam.post(ApiPaths.myDevicesConfirm, {
      code: code(tabletSecret),
      deviceName: 'Tablet',
    });
    expect(confirmed.body).toMatchObject({ device: { name: 'Tablet' }, backupCodes: null });
    const tabletId = confirmed.body.device.id;

    expect((await sam.send('PATCH', ApiPaths.myDevice(tabletId), { name: 'Old tablet' })).body.name).toBe(
      'Old tablet',
    );
    const devices = (await sam.get(ApiPaths.mySecurity)).body.devices;
    expect(devices.map((d: { name: string }) => d.name).sort()).toEqual(['Old tablet', 'Phone']);

    const phoneId = devices.find((d: { name: string }) => d.name === 'Phone').id;
    expect((await sam.send('DELETE', ApiPaths.myDevice(tabletId))).status).toBe(204);
    const last = await sam.send('DELETE', ApiPaths.myDevice(phoneId));
    expect(last.status).toBe(409);
    expect(last.body.message).toMatch(/last authenticator/);
    expect((await sam.get(ApiPaths.mySecurity)).body.devices).toHaveLength(1);

    // Another login's device is not mine to rename.
    const other = new TestClient(server);
    await other.signIn('olivia@acme.test', PASSWORD);
    expect((await other.send('PATCH', ApiPaths.myDevice(phoneId), { name: 'Mine now' })).status).toBe(404);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'factor.device-removed' })).toBe(1);
  });

  it('regenerates backup codes with a code from the app; the old set stops working', async () => {
    const refused = await sam.post(ApiPaths.myBackupCodes, {
      code: '000000' === code(samSecret) ? '111111' : '000000',
    });
    expect(refused.status).toBe(401);
    const res = await sam.post(ApiPaths.myBackupCodes, { code: code(samSecret) });
    expect(res.body.backupCodes).toHaveLength(10);
    for (const c of res.body.backupCodes) expect(c).toMatch(BACKUP_CODE_PATTERN);

    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect((await c.post(ApiPaths.totp, { code: samBackupCodes[0] })).body.reason).toBe('incorrect');
    expect((await c.post(ApiPaths.totp, { code: res.body.backupCodes[0] })).body.state).toBe('signed-in');
  });

  it('changes a PIN only with the current one', async () => {
    const emma = await new TestClient(server).begin();
    await emma.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect(
      (await emma.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })).body.state,
    ).toBe('signed-in');

    const without = await emma.send('PUT', ApiPaths.myPin, { pin: '730194', pinConfirmation: '730194' });
    expect([without.status, without.body.errors[0].field]).toEqual([400, 'currentPin']);
    const wrong = await emma.send('PUT', ApiPaths.myPin, {
      currentPin: '111000',
      pin: '730194',
      pinConfirmation: '730194',
    });
    expect([wrong.status, wrong.body.reason]).toEqual([401, 'incorrect']);
    const trivial = await emma.send('PUT', ApiPaths.myPin, {
      currentPin: '480263',
      pin: '222222',
      pinConfirmation: '222222',
    });
    expect([trivial.status, trivial.body.errors[0].field]).toEqual([400, 'pin']);
    expect(
      (
        await emma.send('PUT', ApiPaths.myPin, {
          currentPin: '480263',
          pin: '730194',
          pinConfirmation: '730194',
        })
      ).status,
    ).toBe(204);

    const next = await new TestClient(server).begin();
    await next.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect((await next.post(ApiPaths.pin, { pin: '480263' })).status).toBe(401);
    expect((await next.post(ApiPaths.pin, { pin: '730194' })).body.state).toBe('signed-in');
  });

  it('lets a user whose policy is off turn the authenticator on, and off again only with a code', async () => {
    const before = (await owner.get(ApiPaths.mySecurity)).body;
    expect(before).toMatchObject({ canOptIn: true, optedIn: false, effective: { method: 'off' } });
    const noDevice = await owner.send('PUT', ApiPaths.myTwoFactor, { enabled: true, code: '123456' });
    expect(noDevice.status).toBe(409);

    const secret = secretOf((await owner.post(ApiPaths.myDevices)).body.otpauthUri);
    const confirmed = await owner.post(ApiPaths.myDevicesConfirm, { code: code(secret) });
    expect(confirmed.body.backupCodes).toHaveLength(10);
    const on = await owner.send('PUT', ApiPaths.myTwoFactor, { enabled: true, code: code(secret) });
    expect(on.body).toMatchObject({
      optedIn: true,
      effective: { method: 'authenticator', reason: { layer: 'own-choice' } },
    });

    const signIn = await new TestClient(server).begin();
    expect(
      (await signIn.post(ApiPaths.login, { email: 'olivia@acme.test', password: PASSWORD })).body.state,
    ).toBe('totp');
    const lastDevice = await owner.send('DELETE', ApiPaths.myDevice(on.body.devices[0].id));
    expect([lastDevice.status, lastDevice.body.message]).toEqual([
      409,
      expect.stringMatching(/turn two-factor sign-in off first/),
    ]);

    expect((await owner.send('PUT', ApiPaths.myTwoFactor, { enabled: false, code: 'nope' })).status).toBe(
      400,
    );
    const off = await owner.send('PUT', ApiPaths.myTwoFactor, { enabled: false, code: code(secret) });
    expect(off.body).toMatchObject({ optedIn: false, effective: { method: 'off' } });
    const again = await new TestClient(server).begin();
    expect(
      (await again.post(ApiPaths.login, { email: 'olivia@acme.test', password: PASSWORD })).body.state,
    ).toBe('signed-in');
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'factor.opted-in' })).toBe(1);
  });
});

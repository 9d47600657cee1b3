import type { Server } from 'node:http';
import { ApiPaths, HANDOVER_CODE_PATTERN } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Login } from '../src/directory/login.entity';
import { BackupCode, TotpDevice } from '../src/factors/factor.entities';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';
import { secretOf, totpAt } from './totp-vectors';

const now = () => Math.floor(Date.now() / 1000);

/** The lost phone: an owner resets a login; the user hands over the code and enrols again. */
describe('owner reset with a one-time handover code', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  const samManager = async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    return { client: c, answer: (await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin })).body };
  };
  const enrol = async (client: TestClient, step: number) => {
    const enrolment = (await client.post(ApiPaths.totpEnrol)).body;
    const secret = secretOf(enrolment.otpauthUri);
    const res = await client.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, step * 30) });
    expect(res.body.state).toBe('signed-in');
    return secret;
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, { manager: { method: 'authenticator', graceDays: 30 } });
  });
  afterAll(() => t.close());

  it('removes the factors, signs out everywhere, makes old codes fail, and asks for handover then enrolment', async () => {
    const first = await samManager();
    expect(first.answer.state).toBe('totp-enrol');
    const oldSecret = await enrol(first.client, Math.floor(now() / 30));
    expect((await first.client.get(ApiPaths.me)).status).toBe(200);

    const reset = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    expect(reset.status).toBe(200);
    expect(reset.body.handoverCode).toMatch(HANDOVER_CODE_PATTERN);
    const expires = Date.parse(reset.body.handoverExpiresAt) - Date.now();
    expect(expires).toBeGreaterThan(55 * 60_000);
    expect(expires).toBeLessThanOrEqual(60 * 60_000);

    expect((await first.client.get(ApiPaths.me)).status).toBe(401);
    expect(await t.dataSource.getRepository(TotpDevice).countBy({ loginId: f.sam.managerLogin })).toBe(0);
    expect(await t.dataSource.getRepository(BackupCode).countBy({ loginId: f.sam.managerLogin })).toBe(0);
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'login.reset' });
    expect(audit).toMatchObject({
      actorLabel: 'olivia@acme.test',
      targetId: f.sam.managerLogin,
      after: { handover: true },
    });
    expect(JSON.stringify(audit)).not.toContain(reset.body.handoverCode);
    let dump = '';
    for (const table of ['login', 'audit_event', 'session'])
      dump += JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`));
    expect(dump).not.toContain(reset.body.handoverCode);

    // The password alone gets no further than the handover step; an old code does nothing.
    const thief = await samManager();
    expect(thief.answer).toMatchObject({ state: 'handover', deadline: null, handover: 'reset' });
    expect((await thief.client.post(ApiPaths.totp, { code: totpAt(oldSecret, now()) })).status).toBe(401);
    expect((await thief.client.post(ApiPaths.totpEnrol)).status).toBe(401);
    const wrong = await thief.client.post(ApiPaths.handover, { code: 'AAAA-AAAA' });
    expect([wrong.status, wrong.body.reason]).toEqual([401, 'incorrect']);
    // Typed loosely, a wrong code is still a guess, not a malformed request.
    const loose = await thief.client.post(ApiPaths.handover, { code: ' aaaa aaaa ' });
    expect([loose.status, loose.body.reason]).toEqual([401, 'incorrect']);

    // The right code in lower case, without its dash, with spaces.
    const user = await samManager();
    const code = reset.body.handoverCode.toLowerCase() as string;
    const handed = await user.client.post(ApiPaths.handover, {
      code: ` ${code.slice(0, 2)} ${code.slice(2, 4)}${code.slice(5, 7)} ${code.slice(7)} `,
    });
    // Enrolment right away: no grace after a reset, even though the type has 30 days.
    expect(handed.body).toMatchObject({ state: 'totp-enrol', deadline: null });
    const newSecret = await enrol(user.client, Math.floor(now() / 30));
    expect(newSecret).not.toBe(oldSecret);

    // The code was single-use.
    const again = await samManager();
    expect(again.answer.state).toBe('totp');
  });

  it('lets a tenant turn the handover off: a reset then leads straight to enrolment', async () => {
    const off = await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
      mandatoryForAll: false,
      graceDays: 0,
      handoverEnabled: false,
    });
    expect(off.body.handoverEnabled).toBe(false);
    const reset = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    expect(reset.body).toEqual({ handoverCode: null, handoverExpiresAt: null });
    expect((await samManager()).answer).toMatchObject({ state: 'totp-enrol', deadline: null });
    await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
      mandatoryForAll: false,
      graceDays: 0,
      handoverEnabled: true,
    });
  });

  it('refuses an expired handover code', async () => {
    const reset = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    expect(reset.body.handoverCode).toMatch(HANDOVER_CODE_PATTERN);
    await t.dataSource
      .getRepository(Login)
      .update(
        { tenantId: f.acme.id, id: f.sam.managerLogin },
        { handoverExpiresAt: new Date(Date.now() - 1000) },
      );
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const res = await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/expired/);
  });

  it('answers 404 for a login of another tenant', async () => {
    expect((await owner.post(ApiPaths.reset(f.acme.id, f.gail.login))).status).toBe(404);
  });
});

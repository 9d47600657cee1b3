import type { Server } from 'node:http';
import { ApiPaths, SESSION_COOKIE } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Clock } from '../src/common/clock';
import { Login } from '../src/directory/login.entity';
import { TotpDevice } from '../src/factors/factor.entities';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { listening, startTestApp, type TestApp } from './harness';
import { secretOf, totpAt } from './totp-vectors';

/**
 * The holes of issue 9, continued: what a step earns (a handover grant, a pending secret, a
 * first enrolment, the last device) belongs to the sign-in that earned it, and an owner's reset
 * wins over whatever is in flight. Real parallel requests against a listening server, on SQLite
 * and (with DATABASE_URL) PostgreSQL.
 */
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('grants belong to the sign-in that earned them', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  const samManager = async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    return { client: c, answer: await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin }) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = await listening(t);
    owner = await acmeWithPolicy(server, f, { manager: { method: 'authenticator' } });
  });
  afterAll(() => t.close());

  it('refuses every other sign-in of the login while the handover grant is held, even with the password', async () => {
    const reset = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    const code = reset.body.handoverCode as string;
    // Two sessions race the same code: exactly one goes on to enrol.
    const [a, b] = await Promise.all([samManager(), samManager()]);
    expect([a.answer.body.state, b.answer.body.state]).toEqual(['handover', 'handover']);
    const raced = await Promise.all([a, b].map((s) => s.client.post(ApiPaths.handover, { code })));
    const winners = raced.filter((r) => r.body.state === 'totp-enrol');
    expect(winners).toHaveLength(1);
    expect(winners[0].body.deadline).toBeNull();
    const user = raced[0].body.state === 'totp-enrol' ? a.client : b.client;
    const loser = user === a.client ? b.client : a.client;
    expect((await loser.post(ApiPaths.totpEnrol)).status).toBe(401);

    const enrolment = (await user.post(ApiPaths.totpEnrol)).body;
    // The attacker with only the password: refused at once, and audited.
    const thief = await samManager();
    expect(thief.answer.status).toBe(403);
    expect(thief.answer.body.message).toMatch(/Another sign-in is enrolling/);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'enrolment.refused' })).toBe(1);
    // The user's pending secret is untouched and confirms.
    const confirmed = await user.post(ApiPaths.totpEnrolConfirm, {
      code: totpAt(secretOf(enrolment.otpauthUri), nowSeconds()),
    });
    expect(confirmed.body.state).toBe('signed-in');
    const devices = await t.dataSource.getRepository(TotpDevice).findBy({ loginId: f.sam.managerLogin });
    expect(devices.map((d) => d.confirmedAt !== null)).toEqual([true]);
    // Finished: the grant is gone, and a new sign-in asks for a code of the new device.
    expect((await samManager()).answer.body.state).toBe('totp');
  });

  it('ends an unused grant with the clock: then only a new code from the owner lets anyone enrol', async () => {
    const reset = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    const { client } = await samManager();
    expect((await client.post(ApiPaths.handover, { code: reset.body.handoverCode })).body.state).toBe(
      'totp-enrol',
    );
    t.app.get(Clock).advance(16 * 60_000);
    const later = await samManager();
    expect(later.answer.status).toBe(403);
    expect(later.answer.body.message).toMatch(/ask them for a new code/);
    const again = await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin));
    const fresh = await samManager();
    expect(fresh.answer.body).toMatchObject({ state: 'handover', deadline: null, handover: 'reset' });
    expect((await fresh.client.post(ApiPaths.handover, { code: again.body.handoverCode })).body.state).toBe(
      'totp-enrol',
    );
  });

  it('keeps each pending secret with the session that started it, and refuses a second first enrolment', async () => {
    // Emma's Employee type now requires the authenticator; two password holders reach enrolment.
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'authenticator',
      graceDays: 0,
    });
    const [one, two] = await Promise.all(
      [0, 1].map(async () => {
        const c = await new TestClient(server).begin();
        expect(
          (await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state,
        ).toBe('totp-enrol');
        return c;
      }),
    );
    const [e1, e2] = await Promise.all([one.post(ApiPaths.totpEnrol), two.post(ApiPaths.totpEnrol)]);
    // Starting the second enrolment deleted nothing of the first: both pending secrets exist.
    expect(await t.dataSource.getRepository(TotpDevice).countBy({ loginId: f.emma.login })).toBe(2);
    // A code of session one's secret does nothing for session two.
    const step = nowSeconds();
    const crossed = await two.post(ApiPaths.totpEnrolConfirm, {
      code: totpAt(secretOf(e1.body.otpauthUri), step),
    });
    expect(crossed.status).toBe(401);
    const [c1, c2] = await Promise.all([
      one.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secretOf(e1.body.otpauthUri), step) }),
      two.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secretOf(e2.body.otpauthUri), step) }),
    ]);
    expect([c1.status, c2.status].sort()).toEqual([200, 409]);
    const active = await t.dataSource.getRepository(TotpDevice).findBy({ loginId: f.emma.login });
    expect(active.filter((d) => d.confirmedAt !== null)).toHaveLength(1);
  });

  it('asks a new login for its enrolment invite before the first enrolment, and binds it the same way', async () => {
    expect(
      (
        await owner.send('PUT', ApiPaths.tenantPolicy(f.acme.id), {
          mandatoryForAll: false,
          graceDays: 0,
          enrolmentInviteRequired: true,
        })
      ).body.enrolmentInviteRequired,
    ).toBe(true);
    const created = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'nina@acme.test',
      displayName: 'Nina',
      userTypeId: f.acme.manager,
    });
    expect(created.status).toBe(201);
    const { inviteCode, initialPassword } = created.body;
    expect(inviteCode).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    const signIn = async () => {
      const c = await new TestClient(server).begin();
      return { c, res: await c.post(ApiPaths.login, { email: 'nina@acme.test', password: initialPassword }) };
    };
    const leaked = await signIn();
    expect(leaked.res.body).toMatchObject({ state: 'handover', deadline: null, handover: 'invite' });
    expect((await leaked.c.post(ApiPaths.handover, { code: 'AAAA-BBBB' })).body.reason).toBe('incorrect');
    const nina = await signIn();
    expect((await nina.c.post(ApiPaths.handover, { code: inviteCode })).body.state).toBe('totp-enrol');
    expect((await signIn()).res.status).toBe(403);
    const secret = secretOf((await nina.c.post(ApiPaths.totpEnrol)).body.otpauthUri);
    expect(
      (await nina.c.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, nowSeconds()) })).body.state,
    ).toBe('signed-in');
    expect((await signIn()).res.body.state).toBe('totp');

    // Where the policy asks for nothing, the invite waits for a first enrolment: no code now.
    const admin = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'omar@acme.test',
      displayName: 'Omar',
      userTypeId: f.acme.administrator,
    });
    const omar = await new TestClient(server).begin();
    const answer = await omar.post(ApiPaths.login, {
      email: 'omar@acme.test',
      password: admin.body.initialPassword,
    });
    expect(answer.body.state).toBe('signed-in');
    const row = await t.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: f.acme.id, id: admin.body.user.loginId });
    expect([row.handoverKind, row.handoverHash !== null]).toEqual(['invite', true]);
  });
});

describe('the last required device, removed in parallel', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = await listening(t);
    await acmeWithPolicy(server, f, { manager: { method: 'authenticator' } });
  });
  afterAll(() => t.close());

  it('lets only one of two parallel removals of the last two devices succeed', async () => {
    const sam = await new TestClient(server).begin();
    await sam.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    await sam.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    const first = secretOf((await sam.post(ApiPaths.totpEnrol)).body.otpauthUri);
    expect((await sam.post(ApiPaths.totpEnrolConfirm, { code: totpAt(first, nowSeconds()) })).status).toBe(
      200,
    );
    for (let round = 0; round < 3; round++) {
      const added = secretOf((await sam.post(ApiPaths.myDevices)).body.otpauthUri);
      expect((await sam.post(ApiPaths.myDevicesConfirm, { code: totpAt(added, nowSeconds()) })).status).toBe(
        200,
      );
      const ids = (await sam.get(ApiPaths.mySecurity)).body.devices.map((d: { id: string }) => d.id);
      expect(ids).toHaveLength(2);
      const answers = await Promise.all(ids.map((id: string) => sam.send('DELETE', ApiPaths.myDevice(id))));
      expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
      expect(answers.find((a) => a.status === 409)?.body.message).toMatch(/last authenticator/);
      const left = await t.dataSource.getRepository(TotpDevice).findBy({ loginId: f.sam.managerLogin });
      expect(left.filter((d) => d.confirmedAt !== null)).toHaveLength(1);
    }
  });
});

describe('an owner’s reset wins over a sign-in in flight', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = await listening(t);
    owner = await acmeWithPolicy(server, f, { employee: { method: 'pin' } });
    const emma = await new TestClient(server).begin();
    await emma.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect((await emma.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })).status).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  it('leaves no session behind when the right PIN and the reset cross, whichever commits first', async () => {
    for (let round = 0; round < 6; round++) {
      const c = await new TestClient(server).begin();
      expect((await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state).toBe(
        'pin',
      );
      const [reset, pin] = await Promise.all([
        owner.post(ApiPaths.reset(f.acme.id, f.emma.login)),
        new Promise((resolve) => setTimeout(resolve, round * 15)).then(() =>
          c.post(ApiPaths.pin, { pin: '480263' }),
        ),
      ]);
      expect(reset.status).toBe(200);
      // Signed in before the reset and then signed out by it; refused because the reset came
      // between the check and the write (409); or the pending sign-in already ended (401).
      expect([200, 401, 409]).toContain(pin.status);
      // Never a session that outlives the reset.
      expect((await c.get(ApiPaths.me)).status).toBe(401);
      // Back to a PIN for the next round, through the handover.
      const again = await new TestClient(server).begin();
      expect(
        (await again.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state,
      ).toBe('handover');
      expect((await again.post(ApiPaths.handover, { code: reset.body.handoverCode })).body.state).toBe(
        'pin-setup',
      );
      expect((await again.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })).status).toBe(
        200,
      );
    }
  });

  it('leaves no session behind when a remembered browser and the reset cross', async () => {
    await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'pin',
      graceDays: 0,
      rememberDays: 30,
    });
    const browser = new TestClient(server);
    const freshSession = async () => {
      browser.cookies.delete(SESSION_COOKIE);
      await browser.begin();
    };
    for (let round = 0; round < 4; round++) {
      // This browser signs in with the PIN and is remembered.
      await freshSession();
      expect(
        (await browser.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state,
      ).toBe('pin');
      expect((await browser.post(ApiPaths.pin, { pin: '480263', rememberBrowser: true })).status).toBe(200);
      // Next time it skips the PIN, while the owner resets the login.
      await freshSession();
      const [reset] = await Promise.all([
        owner.post(ApiPaths.reset(f.acme.id, f.emma.login)),
        new Promise((resolve) => setTimeout(resolve, round * 10)).then(() =>
          browser.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD }),
        ),
      ]);
      expect(reset.status).toBe(200);
      // Never a session that outlives the reset.
      expect((await browser.get(ApiPaths.me)).status).toBe(401);
      const again = await new TestClient(server).begin();
      await again.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
      expect((await again.post(ApiPaths.handover, { code: reset.body.handoverCode })).body.state).toBe(
        'pin-setup',
      );
      expect((await again.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })).status).toBe(
        200,
      );
    }
  });
});

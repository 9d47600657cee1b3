import type { Server } from 'node:http';
import { ApiPaths } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Clock } from '../src/common/clock';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { listening, startTestApp, type TestApp } from './harness';
import { secretOf, totpAt } from './totp-vectors';

/**
 * The holes of issue 9, tried as an attacker would: real parallel requests against a listening
 * server, on SQLite and (with DATABASE_URL) PostgreSQL. No test sleeps through a wait: the
 * app's Clock is moved on instead.
 */
const nowSeconds = () => Math.floor(Date.now() / 1000);


describe('attempts are reserved before a guess is checked', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;

  const samManagerAtStep = async () => {
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'sam@acme.test', password: PASSWORD });
    const res = await c.post(ApiPaths.pick, { loginId: f.sam.managerLogin });
    return { client: c, state: res.body.state as string };
  };
  const loginRow = (id: string) =>
    t.dataSource.getRepository(Login).findOneByOrFail({ tenantId: f.acme.id, id });
  const clear = (id: string) =>
    t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id }, { failedAttempts: 0, lockedUntil: null, lockedOut: false });

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = await listening(t);
    await acmeWithPolicy(server, f, { manager: { method: 'authenticator' }, employee: { method: 'pin' } });
    // Sam's manager login enrols, so that the code step is reached.
    const { client, state } = await samManagerAtStep();
    expect(state).toBe('totp-enrol');
    const secret = secretOf((await client.post(ApiPaths.totpEnrol)).body.otpauthUri);
    expect(
      (await client.post(ApiPaths.totpEnrolConfirm, { code: totpAt(secret, nowSeconds()) })).status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  it('evaluates at most 5 of 50 parallel wrong codes on one pending session; the rest are refused as locked', async () => {
    const { client, state } = await samManagerAtStep();
    expect(state).toBe('totp');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.post(ApiPaths.totp, { code: String(100000 + i * 17) })),
    );
    const evaluated = answers.filter((a) => a.body.reason === 'incorrect' || a.body.reason === 'clock-drift');
    const locked = answers.filter((a) => a.status === 423 && a.body.reason === 'locked');
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(evaluated.length + locked.length).toBe(50);
    const failed = await t.dataSource
      .getRepository(AuditEvent)
      .countBy({ action: 'factor.failed', targetId: f.sam.managerLogin });
    expect(failed).toBe(evaluated.length);
    const row = await loginRow(f.sam.managerLogin);
    expect(row.failedAttempts).toBe(evaluated.length);
    expect(row.lockedOut).toBe(false);
    await clear(f.sam.managerLogin);
  });

  it('holds the limit across 50 parallel PIN guesses from 10 pending sessions', async () => {
    // Ten password holders reach the PIN step (one after another: parallel passwords would be
    // reserved like any guesses).
    const sessions: Array<{ c: TestClient; state: string }> = [];
    for (let i = 0; i < 10; i++) {
      const c = await new TestClient(server).begin();
      const res = await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
      sessions.push({ c, state: res.body.state as string });
    }
    // Emma has no PIN yet: the first session sets one, the others were already at pin-setup.
    expect(sessions.map((s) => s.state)).toEqual(Array(10).fill('pin-setup'));
    expect(
      (await sessions[0].c.post(ApiPaths.pinSetup, { pin: '480263', pinConfirmation: '480263' })).status,
    ).toBe(200);
    // Another session's PIN set-up is refused: the login has a PIN now (decided by the write).
    const late = await sessions[1].c.post(ApiPaths.pinSetup, { pin: '572913', pinConfirmation: '572913' });
    expect(late.status).toBe(409);
    const guessers: TestClient[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await new TestClient(server).begin();
      expect((await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD })).body.state).toBe(
        'pin',
      );
      guessers.push(c);
    }
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        guessers[i % 10].post(ApiPaths.pin, { pin: String(700000 + i * 7) }),
      ),
    );
    const evaluated = answers.filter((a) => a.body.reason === 'incorrect').length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 423).length).toBe(50 - evaluated);
    expect((await loginRow(f.emma.login)).failedAttempts).toBe(evaluated);

    // The wait ends with the clock, and the right PIN then clears the count.
    t.app.get(Clock).advance(31_000);
    const c = await new TestClient(server).begin();
    await c.post(ApiPaths.login, { email: 'emma@acme.test', password: PASSWORD });
    expect((await c.post(ApiPaths.pin, { pin: '480263' })).body.state).toBe('signed-in');
    expect((await loginRow(f.emma.login)).failedAttempts).toBe(0);
  });

  it('locks hard only after second-factor failures, and never for a flood of wrong passwords', async () => {
    const clock = t.app.get(Clock);
    // 25 parallel wrong passwords for the sole owner: at most 5 are checked, then the email waits.
    const answers = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const c = await new TestClient(server).begin();
        return c.post(ApiPaths.login, { email: 'olivia@acme.test', password: `guess-${i}` });
      }),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 423).length).toBe(25 - checked);
    // During the wait the right password answers exactly like a wrong one, and so does an unknown email.
    const right = await (
      await new TestClient(server).begin()
    ).post(ApiPaths.login, {
      email: 'olivia@acme.test',
      password: PASSWORD,
    });
    const wrong = await (
      await new TestClient(server).begin()
    ).post(ApiPaths.login, {
      email: 'olivia@acme.test',
      password: 'another-guess',
    });
    expect(right.status).toBe(423);
    expect([wrong.status, wrong.body]).toEqual([right.status, right.body]);
    const owner = await loginRow(f.olivia.login);
    expect([owner.lockedOut, owner.failedAttempts]).toEqual([false, 0]);

    // Keep flooding across many waits: the wait grows to 15 minutes at most, never a hard lock.
    for (let round = 0; round < 20; round++) {
      clock.advance(15 * 60_000 + 1000);
      const res = await (
        await new TestClient(server).begin()
      ).post(ApiPaths.login, {
        email: 'olivia@acme.test',
        password: `round-${round}`,
      });
      expect(res.status).toBe(401);
      const waitTo = await (
        await new TestClient(server).begin()
      ).post(ApiPaths.login, {
        email: 'olivia@acme.test',
        password: PASSWORD,
      });
      expect(waitTo.status).toBe(423);
      expect(Date.parse(waitTo.body.lockedUntil) - clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
    }
    expect((await loginRow(f.olivia.login)).lockedOut).toBe(false);
    clock.advance(15 * 60_000 + 1000);
    const back = await new TestClient(server).signIn('olivia@acme.test', PASSWORD);
    expect(back.body.state).toBe('signed-in');

    // An unknown email floods and waits in exactly the same way.
    const unknown = await Promise.all(
      Array.from({ length: 8 }, async () =>
        (await new TestClient(server).begin()).post(ApiPaths.login, {
          email: 'nobody@acme.test',
          password: 'x-guess',
        }),
      ),
    );
    expect(unknown.filter((a) => a.status === 401).length).toBeLessThanOrEqual(5);
    const unknownWait = unknown.find((a) => a.status === 423);
    expect(unknownWait?.body).toMatchObject({ reason: 'locked', statusCode: 423 });
    expect(unknownWait?.body.message).toBe(
      right.body.message.replace(
        /\d+ seconds/,
        `${unknownWait?.body.message.match(/(\d+) seconds/)?.[1]} seconds`,
      ),
    );
  });
});

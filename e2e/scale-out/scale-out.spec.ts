import { spawn, spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { expect, test } from '@playwright/test';
import { ApiPaths } from '@latchkey/contracts';
import { codeFor } from '../src/totp';
import { PORTS, root, SCALE_OUT_DATABASE_URL, serverEnv } from '../scale-out.config';
import { A, B, Browser, PASSWORD } from './browser';

test.describe.serial('two API processes on one PostgreSQL database', () => {
  let owner: Browser;
  let tenantId: string;
  let markLogin: string;
  let markSecret: string;
  let backupCodes: string[];
  let handoverCode: string;

  test.beforeAll(async () => {
    // The super user (on A) switches two-factor on for Acme; the owner (on B) asks Managers for
    // the authenticator, with no grace.
    const root = await Browser.open();
    const rootState = await root.signIn(A, 'admin@latchkey.test');
    if (rootState.state === 'totp-enrol')
      expect((await root.call(A, 'POST', ApiPaths.postpone)).status()).toBe(200);
    const tenants = await (await root.call(A, 'GET', ApiPaths.platformTenants)).json();
    const acme = (tenants.items ?? tenants).find((t: { name: string }) => t.name === 'Acme');
    tenantId = acme.id;
    const on = await root.call(A, 'PATCH', ApiPaths.platformTenant(tenantId), { twoFactorEnabled: true });
    expect(on.status(), await on.text()).toBe(200);
    await root.close();

    owner = await Browser.open();
    expect((await owner.signIn(B, 'olivia.owner@acme.test')).state).toBe('signed-in');
    const types = await (await owner.call(B, 'GET', ApiPaths.userTypes(tenantId))).json();
    const manager = (types.items ?? types).find((t: { name: string }) => t.name === 'Manager');
    const policy = await owner.call(B, 'PUT', ApiPaths.userTypePolicy(tenantId, manager.id), {
      method: 'authenticator',
      graceDays: 0,
    });
    expect(policy.status(), await policy.text()).toBe(200);
  });

  test('a session made on one process works on the other', async () => {
    const onA = await (await owner.call(A, 'GET', ApiPaths.me)).json();
    const onB = await (await owner.call(B, 'GET', ApiPaths.me)).json();
    expect(onA).toEqual(onB);
    expect(onA.email).toBe('olivia.owner@acme.test');
  });

  test('enrolment started on one process is confirmed on the other', async () => {
    const mark = await Browser.open();
    expect((await mark.signIn(A, 'mark.manager@acme.test')).state).toBe('totp-enrol');
    const enrolment = await (await mark.call(B, 'POST', ApiPaths.totpEnrol)).json();
    markSecret = enrolment.secret;
    const confirmed = await mark.call(A, 'POST', ApiPaths.totpEnrolConfirm, { code: codeFor(markSecret) });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    const answer = await confirmed.json();
    expect(answer.state).toBe('signed-in');
    backupCodes = answer.backupCodes;
    expect(backupCodes.length).toBeGreaterThan(0);
    const me = await (await mark.call(B, 'GET', ApiPaths.me)).json();
    markLogin = me.loginId;
    expect(markLogin).toBeTruthy();
    await mark.close();
  });

  test('a TOTP code accepted on one process is refused on the other', async () => {
    const first = await Browser.open();
    const second = await Browser.open();
    expect((await first.signIn(A, 'mark.manager@acme.test')).state).toBe('totp');
    expect((await second.signIn(B, 'mark.manager@acme.test')).state).toBe('totp');
    // The next step's code: unused (enrolment used the current one) and inside the window.
    const code = codeFor(markSecret, Date.now() / 1000 + 30);
    const accepted = await first.call(A, 'POST', ApiPaths.totp, { code });
    expect(accepted.status(), await accepted.text()).toBe(200);
    const replayed = await second.call(B, 'POST', ApiPaths.totp, { code });
    expect(replayed.status()).toBe(401);
    expect((await second.call(B, 'GET', ApiPaths.me)).status()).toBe(401);
    await Promise.all([first.close(), second.close()]);
  });

  test('a backup code raced on both processes is accepted once', async () => {
    const onA = await Browser.open();
    const onB = await Browser.open();
    expect((await onA.signIn(A, 'mark.manager@acme.test')).state).toBe('totp');
    expect((await onB.signIn(B, 'mark.manager@acme.test')).state).toBe('totp');
    const code = backupCodes[0];
    const answers = await Promise.all([
      onA.call(A, 'POST', ApiPaths.totp, { code }),
      onB.call(B, 'POST', ApiPaths.totp, { code }),
    ]);
    expect(answers.map((r) => r.status()).sort()).toEqual([200, 401]);
    const winners = await Promise.all([onA.call(A, 'GET', ApiPaths.me), onB.call(B, 'GET', ApiPaths.me)]);
    expect(winners.map((r) => r.status()).sort()).toEqual([200, 401]);
    await Promise.all([onA.close(), onB.close()]);
  });

  test('attempts reserved on one process count on the other: 40 parallel wrong codes, at most 5 checked', async () => {
    const mark = await Browser.open();
    expect((await mark.signIn(A, 'mark.manager@acme.test')).state).toBe('totp');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        mark.call(i % 2 ? A : B, 'POST', ApiPaths.totp, { code: String(200000 + i * 13) }),
      ),
    );
    const reasons = await Promise.all(answers.map(async (r) => (await r.json()).reason as string));
    const checked = reasons.filter((r) => r === 'incorrect' || r === 'clock-drift').length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(40 - checked);
    const unlocked = await owner.call(B, 'POST', ApiPaths.unlock(tenantId, markLogin));
    expect(unlocked.status(), await unlocked.text()).toBe(200);
    await mark.close();
  });

  test('the lockout count reached on one process locks on the other', async () => {
    for (let i = 0; i < 5; i++) {
      const guesser = await Browser.open();
      const res = await guesser.call(A, 'POST', ApiPaths.login, {
        email: 'emma.employee@acme.test',
        password: `guess-${i}`,
      });
      expect(res.status()).toBe(401);
      await guesser.close();
    }
    const emma = await Browser.open();
    const locked = await emma.call(B, 'POST', ApiPaths.login, {
      email: 'emma.employee@acme.test',
      password: PASSWORD,
    });
    expect(locked.status()).toBe(423);
    expect((await locked.json()).reason).toBe('locked');
    await emma.close();
  });

  test('the server command lifts the wait: `main.js unlock EMAIL` on the shared database', async () => {
    const run = spawnSync(process.execPath, ['dist/apps/api/main.js', 'unlock', 'emma.employee@acme.test'], {
      cwd: root,
      env: { ...process.env, ...serverEnv(PORTS[1] + 2) },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Unlocked emma\.employee@acme\.test: 1 login, audited as the server command\./,
    );
    expect(run.stdout).toMatch(/Lifted the password wait of emma\.employee@acme\.test/);
    const emma = await Browser.open();
    expect((await emma.signIn(A, 'emma.employee@acme.test')).state).not.toBe('signed-out');
    await emma.close();
    const unknown = spawnSync(process.execPath, ['dist/apps/api/main.js', 'unlock', 'nobody@acme.test'], {
      cwd: root,
      env: { ...process.env, ...serverEnv(PORTS[1] + 2) },
      encoding: 'utf8',
    });
    expect([unknown.status, unknown.stdout.trim()]).toEqual([
      1,
      'No one signs in as nobody@acme.test here. Nothing was changed.',
    ]);
  });

  test('a reset on one process revokes the sessions used on the other', async () => {
    const mark = await Browser.open();
    expect((await mark.signIn(B, 'mark.manager@acme.test')).state).toBe('totp');
    const signedIn = await mark.call(B, 'POST', ApiPaths.totp, { code: backupCodes[1] });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    expect((await mark.call(B, 'GET', ApiPaths.me)).status()).toBe(200);

    const reset = await owner.call(A, 'POST', ApiPaths.reset(tenantId, markLogin));
    expect(reset.status(), await reset.text()).toBe(200);
    handoverCode = (await reset.json()).handoverCode;
    expect((await mark.call(B, 'GET', ApiPaths.me)).status()).toBe(401);
    expect((await mark.call(A, 'GET', ApiPaths.me)).status()).toBe(401);
    await mark.close();
  });

  test('a handover grant earned on one process holds for that sign-in on the other, and for no other', async () => {
    const mark = await Browser.open();
    expect((await mark.signIn(A, 'mark.manager@acme.test')).state).toBe('handover');
    const handed = await mark.call(A, 'POST', ApiPaths.handover, { code: handoverCode });
    expect((await handed.json()).state).toBe('totp-enrol');
    const enrolment = await (await mark.call(B, 'POST', ApiPaths.totpEnrol)).json();

    const thief = await Browser.open();
    const refused = await thief.call(B, 'POST', ApiPaths.login, {
      email: 'mark.manager@acme.test',
      password: PASSWORD,
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).message).toMatch(/Another sign-in is enrolling/);

    const confirmed = await mark.call(B, 'POST', ApiPaths.totpEnrolConfirm, {
      code: codeFor(enrolment.secret),
    });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    expect((await thief.signIn(A, 'mark.manager@acme.test')).state).toBe('totp');
    await Promise.all([mark.close(), thief.close()]);
  });

  /** A third process, started here so that the test can kill it with SIGKILL. */
  async function startThird(): Promise<{ origin: string; kill(): void }> {
    const port = PORTS[1] + 1;
    const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
      cwd: root,
      env: { ...process.env, ...serverEnv(port) },
      stdio: 'ignore',
    });
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${origin}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return { origin, kill: () => child.kill('SIGKILL') };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error('the third API process did not start');
  }

  async function factorsOf(loginId: string): Promise<{ active: number; pending: number; codes: number }> {
    const db = new Client({ connectionString: SCALE_OUT_DATABASE_URL });
    await db.connect();
    try {
      const devices = await db.query(
        'SELECT count(*) FILTER (WHERE confirmed_at IS NOT NULL) AS active, count(*) FILTER (WHERE confirmed_at IS NULL) AS pending FROM totp_device WHERE login_id = $1',
        [loginId],
      );
      const codes = await db.query('SELECT count(*) AS n FROM backup_code WHERE login_id = $1', [loginId]);
      return {
        active: Number(devices.rows[0].active),
        pending: Number(devices.rows[0].pending),
        codes: Number(codes.rows[0].n),
      };
    } finally {
      await db.end();
    }
  }

  async function samAsManager(origin: string): Promise<{ browser: Browser; loginId: string; state: string }> {
    const browser = await Browser.open();
    const pick = (await browser.signIn(origin, 'sam@acme.test')) as {
      state: string;
      logins: Array<{ loginId: string; userTypeName: string }>;
    };
    expect(pick.state).toBe('pick-login');
    const loginId = pick.logins.find((l) => l.userTypeName === 'Manager')?.loginId as string;
    const answer = await (await browser.call(origin, 'POST', ApiPaths.pick, { loginId })).json();
    return { browser, loginId, state: answer.state };
  }

  test('a process killed in the middle of enrolment leaves the pending secret inactive', async () => {
    const third = await startThird();
    const sam = await samAsManager(third.origin);
    expect(sam.state).toBe('totp-enrol');
    const enrolment = await (await sam.browser.call(third.origin, 'POST', ApiPaths.totpEnrol)).json();
    expect(enrolment.secret).toBeTruthy();
    third.kill();

    expect(await factorsOf(sam.loginId)).toEqual({ active: 0, pending: 1, codes: 0 });
    // The sign-in goes on on another process, still at enrolment: the secret is not active.
    expect((await (await sam.browser.call(A, 'GET', ApiPaths.state)).json()).state).toBe('totp-enrol');
    const again = await samAsManager(A);
    expect(again.state).toBe('totp-enrol');
    await Promise.all([sam.browser.close(), again.browser.close()]);
  });

  test('a process killed while confirming leaves the secret either active with its codes or inactive', async () => {
    const third = await startThird();
    const sam = await samAsManager(third.origin);
    expect(sam.state).toBe('totp-enrol');
    // The earlier test's pending secret belongs to its own sign-in and stays pending beside this one.
    const { pending: others } = await factorsOf(sam.loginId);
    const enrolment = await (await sam.browser.call(third.origin, 'POST', ApiPaths.totpEnrol)).json();
    const confirming = sam.browser
      .call(third.origin, 'POST', ApiPaths.totpEnrolConfirm, { code: codeFor(enrolment.secret) })
      .then(
        (r) => r.status(),
        () => 'killed',
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
    third.kill();
    const outcome = await confirming;

    const factors = await factorsOf(sam.loginId);
    // All or nothing, whichever side of the commit the kill fell on.
    expect([
      { active: 0, pending: others + 1, codes: 0 },
      { active: 1, pending: others, codes: 10 },
    ]).toContainEqual(factors);
    if (outcome === 200) expect(factors.active).toBe(1);
    const next = await samAsManager(A);
    expect(next.state).toBe(factors.active ? 'totp' : 'totp-enrol');
    await Promise.all([sam.browser.close(), next.browser.close()]);
  });

  test.afterAll(() => owner?.close());
});

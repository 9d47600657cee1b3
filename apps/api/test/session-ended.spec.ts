import type { Server } from 'node:http';
import { sign } from 'cookie-signature';
import { ApiPaths, SESSION_COOKIE, SESSION_END_MESSAGES, type SessionEndReason } from '@latchkey/contracts';
import { EndedSessionRow } from '../src/database/ended-session.entity';
import { TestClient } from './client';
import { acmeWithPolicy, PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/**
 * Issue 13, item 6: a person sent back to sign-in by a reset or a "sign out now" is told why. A
 * revocation records the ended sessions with its reason; the browser's next call to a signed-in
 * route answers 401 with `sessionEnded` and a sentence naming it.
 */
describe('a session ended server-side says why', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  let root: TestClient;

  const signedIn = async (email: string, loginId?: string) => {
    const client = new TestClient(server);
    expect((await client.signIn(email, PASSWORD, loginId)).body.state).toBe('signed-in');
    expect((await client.get(ApiPaths.me)).status).toBe(200);
    return client;
  };
  /** The session id inside the client's signed cookie (`s:<id>.<signature>`). */
  const sessionIdOf = (client: TestClient) => {
    const value = decodeURIComponent(client.sessionId ?? '');
    expect(value.startsWith('s:')).toBe(true);
    return value.slice(2, value.lastIndexOf('.'));
  };
  const recorded = async (client: TestClient) =>
    (await t.dataSource.getRepository(EndedSessionRow).findOneBy({ id: sessionIdOf(client) }))?.reason ??
    null;
  const expectEnded = async (client: TestClient, reason: SessionEndReason) => {
    const res = await client.get(ApiPaths.me);
    expect([res.status, res.body.sessionEnded, res.body.message]).toEqual([
      401,
      reason,
      SESSION_END_MESSAGES[reason],
    ]);
    expect(await recorded(client)).toBe(reason);
  };
  const expectNoReason = async (client: TestClient) => {
    const res = await client.get(ApiPaths.me);
    expect([res.status, res.body.message]).toEqual([401, 'Not signed in']);
    expect(res.body).not.toHaveProperty('sessionEnded');
  };
  /** The owner's own session stays, and nothing records it as ended. */
  const expectOwnerKept = async () => {
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
    expect(await recorded(owner)).toBeNull();
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    owner = await acmeWithPolicy(server, f, {});
    root = new TestClient(server);
    await root.signIn('root@latchkey.test', PASSWORD);
  });
  afterAll(() => t.close());

  it("an owner's reset", async () => {
    const sam = await signedIn('sam@acme.test', f.sam.managerLogin);
    expect((await owner.post(ApiPaths.reset(f.acme.id, f.sam.managerLogin))).status).toBe(200);
    await expectEnded(sam, 'reset');
    const row = await t.dataSource.getRepository(EndedSessionRow).findOneByOrFail({ id: sessionIdOf(sam) });
    expect(Math.abs(row.endedAt.getTime() - Date.now())).toBeLessThan(60_000);
    // Asked again, the same answer: reading the record does not spend it.
    await expectEnded(sam, 'reset');
    await expectOwnerKept();
  });

  it('an owner\'s exception with "sign out now"', async () => {
    const emma = await signedIn('emma@acme.test');
    const put = await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), {
      method: 'pin',
      signOut: true,
    });
    expect(put.status).toBe(200);
    await expectEnded(emma, 'signed-out-by-owner');
    await expectOwnerKept();
    await owner.send('PUT', ApiPaths.exception(f.acme.id, f.emma.login), { method: null });
  });

  it("an owner's bulk sign-out; of the owner's own login, their other browsers only", async () => {
    const emma = await signedIn('emma@acme.test');
    const oliviaElsewhere = await signedIn('olivia@acme.test');
    const res = await owner.post(ApiPaths.usersBulk(f.acme.id), {
      action: 'sign-out',
      loginIds: [f.emma.login, f.olivia.login],
    });
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    await expectEnded(emma, 'signed-out-by-owner');
    // Signing out one's own login is one's own sign-out everywhere, this browser kept.
    await expectEnded(oliviaElsewhere, 'signed-out-everywhere');
    await expectOwnerKept();
  });

  it('a deactivation', async () => {
    const sam = await signedIn('sam@acme.test', f.sam.employeeLogin);
    const off = await owner.send('PATCH', ApiPaths.user(f.acme.id, f.sam.employeeLogin), { active: false });
    expect(off.status).toBe(200);
    await expectEnded(sam, 'deactivated');
    await expectOwnerKept();
  });

  it("the person's own sign out everywhere, from another browser (and this one)", async () => {
    const here = await signedIn('emma@acme.test');
    const there = await signedIn('emma@acme.test');
    expect((await here.post(ApiPaths.signOutEverywhere)).status).toBe(204);
    await expectEnded(there, 'signed-out-everywhere');
    await expectEnded(here, 'signed-out-everywhere');
  });

  it('a policy change that signs the affected users out now', async () => {
    const emma = await signedIn('emma@acme.test');
    const put = await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
      method: 'off',
      graceDays: 0,
      signOutAffected: true,
    });
    expect(put.status).toBe(200);
    await expectEnded(emma, 'policy-changed');
    await expectOwnerKept();
  });

  it("a suspended account's sessions", async () => {
    const gail = await signedIn('gail@globex.test');
    const res = await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { suspended: true });
    expect(res.body.suspended).toBe(true);
    await expectEnded(gail, 'account-suspended');
    await root.send('PATCH', ApiPaths.platformTenant(f.globex.id), { suspended: false });
  });

  it('no reason for a cookie that is forged, unsigned or signed with another secret', async () => {
    const emma = await signedIn('emma@acme.test');
    await owner.post(ApiPaths.usersBulk(f.acme.id), { action: 'sign-out', loginIds: [f.emma.login] });
    await expectEnded(emma, 'signed-out-by-owner');
    const id = sessionIdOf(emma);
    const withCookie = (value: string) => {
      const client = new TestClient(server);
      client.cookies.set(SESSION_COOKIE, encodeURIComponent(value));
      return client;
    };
    await expectNoReason(withCookie(`s:${id}.forged`));
    await expectNoReason(withCookie(id));
    await expectNoReason(withCookie(`s:${sign(id, 'another-secret-that-is-long-enough-0123456789')}`));
    // A well-signed cookie of a session nobody ended says nothing either.
    await expectNoReason(withCookie(`s:${sign('never-ended', t.config.sessionSecret)}`));
    // The real cookie still gets its reason.
    await expectEnded(withCookie(decodeURIComponent(emma.sessionId ?? '')), 'signed-out-by-owner');
  });

  it("no reason after the person's own sign-out in this browser", async () => {
    const emma = await signedIn('emma@acme.test');
    const cookie = emma.sessionId ?? '';
    await emma.post(ApiPaths.logout);
    const back = new TestClient(server);
    back.cookies.set(SESSION_COOKIE, cookie);
    await expectNoReason(back);
  });
});

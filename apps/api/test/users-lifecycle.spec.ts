import type { Server } from 'node:http';
import * as client from 'openid-client';
import request from 'supertest';
import { ApiPaths, type ApiTokenScope, type UserRow } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { missingScope } from '../src/common/access.guard';
import { SessionRow } from '../src/database/session.entity';
import { Login } from '../src/directory/login.entity';
import { findAccountIn } from '../src/oidc/oidc-accounts';
import { NOT_YOURSELF, TOKEN_KEEPS_OWNERS } from '../src/users/login-lifecycle.service';
import { TestClient } from './client';
import { PASSWORD, type Fixtures } from './fixtures';
import type { TestApp } from './harness';
import { authorizationOf, listeningProvider, OidcBrowser, redeem, registeredClient } from './oidc-browser';

/**
 * Issue 11: an owner (in the console, or the vendor's back end with an API token) changes a
 * login's name and user type, deactivates it — its sessions, its password sign-in and what the
 * OpenID provider issued to it end at once — and reactivates it; and removes an empty user type.
 * Over real HTTP on a listening server, so that the races are real parallel requests.
 */
describe('users: change, deactivate, reactivate; user types: delete', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let base: string;
  let owner: TestClient;
  let hr: client.Configuration;
  const callback = 'https://hr.example.com/auth/callback';

  const patch = (who: TestClient, loginId: string, body: unknown) =>
    who.send('PATCH', ApiPaths.user(f.acme.id, loginId), body);
  const bearer = (secret: string, method: string, path: string, body?: unknown) => {
    const req = request(server)[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${secret}`);
    return body === undefined ? req : req.send(body as object);
  };
  const token = async (name: string, scopes: ApiTokenScope[]) => {
    const res = await owner.post(ApiPaths.apiTokens(f.acme.id), { name, scopes });
    expect(res.status).toBe(201);
    return res.body.secret as string;
  };
  const events = (action: string, targetId: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { action, targetId }, order: { createdAt: 'ASC' } });
  const row = (loginId: string) =>
    t.dataSource.getRepository(Login).findOneByOrFail({ tenantId: f.acme.id, id: loginId });
  const activeOwners = () =>
    t.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .where("l.tenant_id = :tenantId AND l.role = 'owner' AND l.deactivated_at IS NULL", {
        tenantId: f.acme.id,
      })
      .getCount();

  /** Only these owners of Acme stay active (the others are set aside in the database). */
  const onlyActiveOwners = (ids: string[]) =>
    t.dataSource
      .getRepository(Login)
      .createQueryBuilder()
      .update()
      .set({ deactivatedAt: new Date() })
      .where("tenant_id = :tenantId AND role = 'owner' AND id NOT IN (:...ids)", { tenantId: f.acme.id, ids })
      .execute();
  const oliviaBack = () =>
    t.dataSource
      .getRepository(Login)
      .update({ tenantId: f.acme.id, id: f.olivia.login }, { deactivatedAt: null });

  /** A new owner of Acme, made by Olivia, signed in on their own client. */
  let owners = 0;
  const newOwner = async (): Promise<{ loginId: string; client: TestClient; email: string }> => {
    const email = `owner${++owners}@acme.test`;
    const made = await owner.post(ApiPaths.users(f.acme.id), {
      email,
      displayName: `Owner ${owners}`,
      userTypeId: f.acme.administrator,
      role: 'owner',
      password: 'an-owner-password-1',
    });
    expect(made.status).toBe(201);
    const c = new TestClient(server);
    expect((await c.signIn(email, 'an-owner-password-1')).body.state).toBe('signed-in');
    return { loginId: made.body.user.loginId, client: c, email };
  };

  beforeAll(async () => {
    let issuer: URL;
    ({ t, f, server, base, issuer } = await listeningProvider());
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    hr = await registeredClient(owner, f.acme.id, issuer, {
      name: 'HR portal',
      kind: 'confidential',
      redirectUris: [callback],
    });
  });
  afterAll(() => t.close());

  it('changes the name and the user type, audited, the new policy applying at the next sign-in', async () => {
    const renamed = await patch(owner, f.emma.login, { displayName: '  Emma Stone ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Emma Stone', userTypeName: 'Employee', active: true });
    const moved = await patch(owner, f.emma.login, { userTypeId: f.acme.manager });
    expect(moved.body).toMatchObject({ userTypeId: f.acme.manager, userTypeName: 'Manager' });
    // The same values again change nothing and say nothing.
    expect(
      (await patch(owner, f.emma.login, { displayName: 'Emma Stone', userTypeId: f.acme.manager })).status,
    ).toBe(200);

    const [name, type, ...more] = await events('login.updated', f.emma.login);
    expect(more).toEqual([]);
    expect(name).toMatchObject({
      tenantId: f.acme.id,
      actorLabel: 'olivia@acme.test',
      before: { displayName: 'Emma' },
      after: { displayName: 'Emma Stone' },
    });
    expect(type).toMatchObject({
      before: { userType: 'Employee' },
      after: { userType: 'Manager', newPolicyApplies: 'at the next sign-in' },
    });
    await patch(owner, f.emma.login, { displayName: 'Emma', userTypeId: f.acme.employee });
  });

  it.each([
    [{ displayName: '' }, 'displayName'],
    [{ displayName: 'x'.repeat(201) }, 'displayName'],
    [{ userTypeId: 42 }, 'userTypeId'],
    [{ active: 'no' }, 'active'],
    [{ role: 'owner' }, 'role'],
  ])('answers %j with a 400 naming %s', async (body, field) => {
    const res = await patch(owner, f.emma.login, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a user type of another account (400), an unknown login (404) and a second login of one type (409)', async () => {
    const foreignType = await patch(owner, f.emma.login, { userTypeId: f.globex.employee });
    expect([foreignType.status, foreignType.body.errors[0].field]).toEqual([400, 'userTypeId']);
    expect((await patch(owner, '00000000-0000-4000-8000-00000000dead', { active: false })).status).toBe(404);
    expect((await patch(owner, f.gail.login, { displayName: 'Mine' })).status).toBe(404);
    // Sam has an Employee and a Manager login: one cannot become the other.
    const clash = await patch(owner, f.sam.employeeLogin, { userTypeId: f.acme.manager });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('sam@acme.test already has a Manager login');
    expect((await row(f.sam.employeeLogin)).userTypeId).toBe(f.acme.employee);
  });

  it('deactivates at once: the live session, the password sign-in and an application’s tokens all end', async () => {
    // Emma, signed in to the console and, through Latchkey, to the HR portal.
    const emma = new TestClient(server);
    expect((await emma.signIn('emma@acme.test', PASSWORD)).body.state).toBe('signed-in');
    const browser = new OidcBrowser(server, base);
    const a = await authorizationOf(hr, callback);
    await browser.start(a);
    const answer = await browser.password('emma@acme.test', PASSWORD);
    const tokens = await redeem(hr, await browser.back(answer.body.redirectTo), a);
    expect(tokens.refresh_token).toBeDefined();
    expect((await emma.get(ApiPaths.me)).status).toBe(200);

    const off = await patch(owner, f.emma.login, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });

    expect((await emma.get(ApiPaths.me)).status).toBe(401);
    expect((await browser.get(ApiPaths.me)).status).toBe(401);
    const again = await new TestClient(server).signIn('emma@acme.test', PASSWORD);
    expect([again.status, again.body.message]).toEqual([
      403,
      'This email has no active login. Ask your account owner.',
    ]);
    await expect(client.refreshTokenGrant(hr, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const userinfo = await fetch(`${base}/oidc/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(401);
    // The provider has no account for it either, whatever token would still name it.
    expect(await findAccountIn(t.dataSource)({} as never, f.emma.login, undefined as never)).toBeUndefined();

    const [event] = await events('login.deactivated', f.emma.login);
    expect(event).toMatchObject({
      actorLabel: 'olivia@acme.test',
      before: { active: true },
      after: { active: false, sessionsEnded: 2, applicationGrantsEnded: true },
    });
    const listed = (await owner.get(ApiPaths.users(f.acme.id))).body.items.find(
      (r: UserRow) => r.loginId === f.emma.login,
    );
    expect(listed).toMatchObject({ active: false });

    // A second deactivation changes nothing; reactivation lets Emma sign in again.
    expect((await patch(owner, f.emma.login, { active: false })).status).toBe(200);
    expect(await events('login.deactivated', f.emma.login)).toHaveLength(1);
    const on = await patch(owner, f.emma.login, { active: true });
    expect(on.body).toMatchObject({ active: true, deactivatedAt: null });
    expect((await new TestClient(server).signIn('emma@acme.test', PASSWORD)).body.state).toBe('signed-in');
    expect(await events('login.reactivated', f.emma.login)).toHaveLength(1);
    expect(
      (await findAccountIn(t.dataSource)({} as never, f.emma.login, undefined as never))?.accountId,
    ).toBe(f.emma.login);
  });

  it('leaves no session behind when sign-ins race the deactivation of their login', async () => {
    // The deactivation lands at different moments of the sign-ins (their password hashes take a while).
    for (const [round, delayMs] of [0, 30, 45, 60, 75, 90, 120, 150].entries()) {
      const email = `racer${round}@acme.test`;
      const made = await owner.post(ApiPaths.users(f.acme.id), {
        email,
        displayName: `Racer ${round}`,
        userTypeId: f.acme.employee,
        password: 'a-racer-password-1',
      });
      const loginId: string = made.body.user.loginId;
      const clients = await Promise.all(Array.from({ length: 6 }, () => new TestClient(server).begin()));
      const [deactivated, ...signIns] = await Promise.all([
        new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
          patch(owner, loginId, { active: false }),
        ),
        ...clients.map((c) => c.post(ApiPaths.login, { email, password: 'a-racer-password-1' })),
      ]);
      expect(deactivated.status).toBe(200);
      // Each sign-in finished before the deactivation (its session then ended by it) or was refused
      // (403 deactivated, 423 the email's password attempts waiting while the others run).
      for (const answer of signIns) expect([200, 403, 423]).toContain(answer.status);
      expect(await t.dataSource.getRepository(SessionRow).countBy({ loginId })).toBe(0);
    }
  });

  it('leaves a deactivated login out of the picker, and expires a pending sign-in of it', async () => {
    expect((await patch(owner, f.sam.managerLogin, { active: false })).status).toBe(200);
    // Sam had two logins: the one left signs in straight away, no picker.
    const sam = await new TestClient(server).signIn('sam@acme.test', PASSWORD);
    expect(sam.body).toMatchObject({ state: 'signed-in', me: { loginId: f.sam.employeeLogin } });
    await patch(owner, f.sam.managerLogin, { active: true });

    // Pat's reset asks for a handover code after the password; Pat is deactivated meanwhile.
    const made = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'pat@acme.test',
      displayName: 'Pat',
      userTypeId: f.acme.employee,
      password: 'pats-password-123',
    });
    const handover = (await owner.post(ApiPaths.reset(f.acme.id, made.body.user.loginId))).body.handoverCode;
    const pat = new TestClient(server);
    expect((await pat.signIn('pat@acme.test', 'pats-password-123')).body.state).toBe('handover');
    expect((await patch(owner, made.body.user.loginId, { active: false })).status).toBe(200);
    expect((await pat.post(ApiPaths.handover, { code: handover })).status).toBe(401);
    expect((await pat.get(ApiPaths.state)).body.state).toBe('signed-out');
  });

  it('keeps an owner from deactivating themself, and an API token from (re)activating an owner', async () => {
    const self = await patch(owner, f.olivia.login, { active: false });
    expect([self.status, self.body.message]).toEqual([409, NOT_YOURSELF]);
    const second = await newOwner();
    const writer = await token('HR sync', ['users:write']);
    const refused = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, second.loginId), {
      active: false,
    });
    expect([refused.status, refused.body.message]).toEqual([403, TOKEN_KEEPS_OWNERS]);
    // An owner's name is the token's to keep in step with the HR system; the role is no field.
    const renamed = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, second.loginId), {
      displayName: 'Otto',
    });
    expect(renamed.body).toMatchObject({ displayName: 'Otto', role: 'owner', active: true });
    const role = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, f.emma.login), { role: 'owner' });
    expect([role.status, role.body.errors[0].field]).toEqual([400, 'role']);
    expect((await row(f.emma.login)).role).toBe('user');
    expect((await owner.get(ApiPaths.me)).status).toBe(200);
    expect((await patch(owner, second.loginId, { active: false })).status).toBe(200);
    const back = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, second.loginId), { active: true });
    expect(back.status).toBe(403);
    expect((await row(second.loginId)).deactivatedAt).not.toBeNull();
  });

  it('lets a users:write token change and deactivate a user, audited as the token; users:read gets 403', async () => {
    const writer = await token('Provisioner', ['users:write']);
    const renamed = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, f.emma.login), {
      displayName: 'Emma S.',
    });
    expect(renamed.status).toBe(200);
    const off = await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, f.emma.login), { active: false });
    expect(off.body).toMatchObject({ displayName: 'Emma S.', active: false });
    expect(
      (await bearer(writer, 'PATCH', ApiPaths.user(f.acme.id, f.emma.login), { active: true })).body.active,
    ).toBe(true);
    const [deactivated] = (await events('login.deactivated', f.emma.login)).slice(-1);
    expect(deactivated?.actorLabel).toBe('API token "Provisioner"');

    const reader = await token('Reader', ['users:read']);
    const res = await bearer(reader, 'PATCH', ApiPaths.user(f.acme.id, f.emma.login), {
      displayName: 'Nope',
    });
    expect([res.status, res.body.message]).toEqual([403, missingScope('users:write')]);
    expect((await row(f.emma.login)).displayName).toBe('Emma S.');
  });

  it('never leaves the account without an active owner: two owners deactivating each other at once', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await newOwner();
      const b = await newOwner();
      // Olivia and the owners of earlier rounds step aside: a third active owner would let both through.
      await onlyActiveOwners([a.loginId, b.loginId]);
      try {
        const [ab, ba] = await Promise.all([
          patch(a.client, b.loginId, { active: false }),
          patch(b.client, a.loginId, { active: false }),
        ]);
        const statuses = [ab.status, ba.status].sort();
        expect(statuses[0]).toBe(200);
        // The other is refused: the last owner (409), or its own login or session already gone (401).
        expect([401, 409]).toContain(statuses[1]);
        expect(await activeOwners()).toBe(1);
        const loser = ab.status === 200 ? ba : ab;
        if (loser.status === 409)
          expect(loser.body.message).toMatch(/is the last active owner of this account/);
      } finally {
        await oliviaBack();
      }
    }
  });

  it('lets no deactivated owner act: owners deactivating each other in a ring keep one, and only active ones decide', async () => {
    const ring = [await newOwner(), await newOwner(), await newOwner(), await newOwner()];
    await onlyActiveOwners(ring.map((o) => o.loginId));
    const answers = await Promise.all(
      ring.map((o, i) => patch(o.client, ring[(i + 1) % ring.length].loginId, { active: false })),
    );
    expect(answers.every((r) => [200, 401, 409].includes(r.status))).toBe(true);
    expect(await activeOwners()).toBeGreaterThanOrEqual(1);
    const done = answers.filter((r) => r.status === 200).length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThanOrEqual(ring.length - 1);
    expect(await activeOwners()).toBe(ring.length - done);
    // Every deactivation that went through was asked by an owner who was still active then.
    const ids = new Set(ring.map((o) => o.loginId));
    const made = (
      await t.dataSource.getRepository(AuditEvent).findBy({ action: 'login.deactivated' })
    ).filter((e) => ids.has(String(e.targetId)));
    expect(made).toHaveLength(done);
    for (const e of made) {
      const actorGone = made.find((other) => other.targetId === e.actorLoginId);
      if (actorGone) expect(actorGone.createdAt.getTime()).toBeGreaterThanOrEqual(e.createdAt.getTime());
    }
    await oliviaBack();
  });

  it('deletes a user type no login has; refuses one with logins (deactivated ones too), naming how many', async () => {
    const made = await owner.post(ApiPaths.userTypes(f.acme.id), { name: 'Contractors' });
    const app = await owner.post(ApiPaths.applications(f.acme.id), {
      name: 'Timesheets',
      kind: 'public',
      redirectUris: ['https://timesheets.example.com/cb'],
      allowedUserTypeIds: [made.body.id],
    });
    expect(app.status).toBe(201);
    expect((await owner.send('DELETE', ApiPaths.userType(f.acme.id, made.body.id))).status).toBe(204);
    const types = (await owner.get(ApiPaths.userTypes(f.acme.id))).body.map((u: { id: string }) => u.id);
    expect(types).not.toContain(made.body.id);
    const [event] = await events('user-type.deleted', made.body.id);
    expect(event).toMatchObject({
      actorLabel: 'olivia@acme.test',
      targetLabel: 'Contractors',
      before: { name: 'Contractors' },
    });
    // Applications keep their lists as they were: the removed id admits nobody.
    const listed = (await owner.get(ApiPaths.applications(f.acme.id))).body.find(
      (x: { id: string }) => x.id === app.body.application.id,
    );
    expect(listed.allowedUserTypeIds).toEqual([made.body.id]);
    expect((await owner.send('DELETE', ApiPaths.userType(f.acme.id, made.body.id))).status).toBe(404);

    const busy = await owner.send('DELETE', ApiPaths.userType(f.acme.id, f.acme.manager));
    expect([busy.status, busy.body.message]).toEqual([
      409,
      'Manager still has 1 login (deactivated ones included): give it another user type first',
    ]);
    const temps = await owner.post(ApiPaths.userTypes(f.acme.id), { name: 'Temps' });
    const temp = await owner.post(ApiPaths.users(f.acme.id), {
      email: 'tim@acme.test',
      displayName: 'Tim',
      userTypeId: temps.body.id,
    });
    await patch(owner, temp.body.user.loginId, { active: false });
    expect((await owner.send('DELETE', ApiPaths.userType(f.acme.id, temps.body.id))).status).toBe(409);
    expect((await owner.get(ApiPaths.userTypes(f.acme.id))).body.map((u: { id: string }) => u.id)).toContain(
      temps.body.id,
    );
  });

  it('deletes user types with a policy:write token only', async () => {
    const made = await owner.post(ApiPaths.userTypes(f.acme.id), { name: 'Interns' });
    const users = await token('Users', ['users:write']);
    const refused = await bearer(users, 'DELETE', ApiPaths.userType(f.acme.id, made.body.id));
    expect([refused.status, refused.body.message]).toEqual([403, missingScope('policy:write')]);
    const policy = await token('Policy', ['policy:write']);
    expect((await bearer(policy, 'DELETE', ApiPaths.userType(f.acme.id, made.body.id))).status).toBe(204);
    const [event] = await events('user-type.deleted', made.body.id);
    expect(event?.actorLabel).toBe('API token "Policy"');
  });
});

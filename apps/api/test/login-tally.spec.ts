import type { Server } from 'node:http';
import {
  ApiPaths,
  ENROLMENT_STATES,
  TWO_FACTOR_METHODS,
  type AccountOverview,
  type UserFilter,
} from '@latchkey/contracts';
import { In } from 'typeorm';
import { Login } from '../src/directory/login.entity';
import { LoginTally, pairKey } from '../src/directory/login-tally';
import { TestClient } from './client';
import { acmeWithPolicy, seedFixtures, type Fixtures } from './fixtures';
import { listening, ON_POSTGRES, startTestApp, type TestApp } from './harness';

/**
 * The counts the database keeps (issues 13 and 14: `login_tally`, written by triggers on `login`)
 * must always equal a count of the logins themselves, whatever wrote them and however many wrote
 * at once; the homes and the Users list's totals are read from it.
 */
describe(`the login tally on ${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let owner: TestClient;
  const made: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = await listening(t);
    owner = await acmeWithPolicy(server, f, {
      employee: { method: 'pin' },
      manager: { method: 'authenticator' },
    });
    for (let i = 0; i < 16; i++) {
      const res = await owner.post(ApiPaths.users(f.acme.id), {
        email: `tally-${i}@acme.test`,
        displayName: `Tally ${i}`,
        userTypeId: i % 2 === 0 ? f.acme.employee : f.acme.manager,
        password: 'a-long-enough-password',
      });
      expect(res.status).toBe(201);
      made.push(res.body.user.loginId);
    }
  });
  afterAll(() => t.close());

  /** The key of a login as the tally keeps it, computed here from the rows, without the database's help. */
  const keyOf = (l: Login) =>
    [
      l.tenantId,
      l.userTypeId,
      l.role,
      l.exceptionMethod ?? '',
      l.optedInAt ? 1 : 0,
      l.pinSetAt ? 1 : 0,
      l.totpEnrolledAt ? 1 : 0,
      l.deactivatedAt ? 0 : 1,
      l.enrolDeadline ? l.enrolDeadline.toISOString().slice(0, 10) : '',
    ].join('|');

  const expectTallyTrue = async () => {
    const recount = new Map<string, number>();
    for (const l of await t.dataSource.getRepository(Login).find())
      recount.set(keyOf(l), (recount.get(keyOf(l)) ?? 0) + 1);
    const kept = (await t.dataSource.query('SELECT * FROM login_tally WHERE n <> 0')) as Array<
      Record<string, unknown>
    >;
    const tallied = kept.map(
      (r) =>
        [
          r['tenant_id'],
          r['user_type_id'],
          r['role'],
          r['exception_method'],
          Number(r['opted']),
          Number(r['has_pin']),
          Number(r['has_totp']),
          Number(r['active']),
          r['deadline_day'],
        ].join('|') + `=${Number(r['n'])}`,
    );
    expect(tallied.sort()).toEqual([...recount].map(([k, n]) => `${k}=${n}`).sort());
    expect(kept.every((r) => Number(r['n']) > 0)).toBe(true);
  };

  it('holds what the logins hold after the owner’s writes and direct ones', async () => {
    await expectTallyTrue();
    const logins = t.dataSource.getRepository(Login);
    expect(
      (await owner.send('PUT', ApiPaths.exception(f.acme.id, made[0]), { method: 'authenticator' })).status,
    ).toBe(200);
    expect((await owner.send('PATCH', ApiPaths.user(f.acme.id, made[1]), { active: false })).status).toBe(
      200,
    );
    expect(
      (await owner.send('PATCH', ApiPaths.user(f.acme.id, made[2]), { userTypeId: f.acme.manager })).status,
    ).toBe(200);
    await logins.update(
      { id: made[3] },
      { pinSetAt: new Date(), enrolDeadline: new Date(Date.now() + 86_400_000) },
    );
    await logins.update(
      { id: made[4] },
      { enrolDeadline: new Date(Date.now() - 3 * 86_400_000), optedInAt: new Date() },
    );
    await expectTallyTrue();
    expect((await owner.post(ApiPaths.reset(f.acme.id, made[3]), {})).status).toBe(200);
    expect((await owner.send('PUT', ApiPaths.exception(f.acme.id, made[0]), { method: null })).status).toBe(
      200,
    );
    await logins.delete({ id: made[5] });
    made.splice(5, 1);
    await expectTallyTrue();
    // Statements of many rows: one update moving a whole user type, one delete of several.
    await logins.update({ tenantId: f.acme.id, userTypeId: f.acme.manager }, { optedInAt: new Date() });
    await logins.update({ tenantId: f.acme.id, userTypeId: f.acme.manager }, { optedInAt: null });
    await logins.delete({ id: In([made[6], made[7]]) });
    made.splice(6, 2);
    await expectTallyTrue();
  });

  it('stays exact when many requests move logins between groups in both directions at once', async () => {
    // Half the logins get an exception while the other half lose theirs, twice over: on
    // PostgreSQL each move takes two tally rows, in an order that cannot deadlock.
    const movers = made.filter((_, i) => i !== 1);
    for (const [i, id] of movers.entries())
      if (i % 2 === 1)
        expect(
          (await owner.send('PUT', ApiPaths.exception(f.acme.id, id), { method: 'authenticator' })).status,
        ).toBe(200);
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        movers.map((id, i) =>
          owner.send('PUT', ApiPaths.exception(f.acme.id, id), {
            method: (i + round) % 2 === 0 ? 'authenticator' : null,
          }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(movers.map(() => 200));
      const toggles = await Promise.all(
        movers
          .slice(0, 6)
          .map((id, i) =>
            owner.send('PATCH', ApiPaths.user(f.acme.id, id), { active: (i + round) % 2 === 0 }),
          ),
      );
      expect(toggles.map((r) => r.status)).toEqual(movers.slice(0, 6).map(() => 200));
      await expectTallyTrue();
    }
  });

  it('splits the deadlines of today at the present instant, the nearest one exact', async () => {
    const logins = t.dataSource.getRepository(Login);
    const now = Date.now();
    const dayStart = Date.parse(new Date(now).toISOString().slice(0, 10));
    const earlierToday = new Date(dayStart + (now - dayStart) / 2);
    const laterToday = new Date(now + (dayStart + 86_400_000 - now) / 2);
    await logins.update(
      { tenantId: f.acme.id, userTypeId: f.acme.employee },
      { enrolDeadline: null, exceptionMethod: null },
    );
    const employees = (await logins.findBy({ tenantId: f.acme.id, userTypeId: f.acme.employee }))
      .filter((l) => !l.deactivatedAt && !l.pinSetAt && !l.totpEnrolledAt && !l.optedInAt)
      .map((l) => l.id);
    expect(employees.length).toBeGreaterThanOrEqual(3);
    await logins.update({ id: employees[0] }, { enrolDeadline: earlierToday });
    await logins.update({ id: employees[1] }, { enrolDeadline: laterToday });
    await logins.update({ id: employees[2] }, { enrolDeadline: new Date(laterToday.getTime() + 86_400_000) });
    await expectTallyTrue();

    const res = await owner.get(ApiPaths.overview(f.acme.id));
    expect(res.status).toBe(200);
    const employee = (res.body as AccountOverview).userTypes.find(
      (u) => u.userTypeId === f.acme.employee,
    )?.counts;
    expect(employee).toMatchObject({ inGrace: 2, overdue: 1, nearestDeadline: laterToday.toISOString() });
  });

  it('finds the nearest deadline among more (account, user type) pairs than one statement may select', async () => {
    const soon = new Date(Date.now() + 3_600_000);
    const logins = t.dataSource.getRepository(Login);
    const owing = (await logins.findBy({ tenantId: f.acme.id, userTypeId: f.acme.employee })).find(
      (l) => !l.deactivatedAt && !l.pinSetAt && !l.totpEnrolledAt && !l.optedInAt && !l.exceptionMethod,
    );
    expect(owing).toBeDefined();
    // The only deadline of the type (an earlier test left others, which may fall sooner).
    await logins.update({ tenantId: f.acme.id, userTypeId: f.acme.employee }, { enrolDeadline: null });
    await logins.update({ id: owing?.id }, { enrolDeadline: soon });
    const shape = { exceptionMethod: null, optedIn: false, hasPin: false, hasAuthenticator: false };
    // 1,800 pairs (PostgreSQL refuses a select list of more than 1,664), the real one last.
    const wanted = Array.from({ length: 1800 }, (_, i) => ({
      tenantId: `no-such-tenant-${i}`,
      userTypeId: f.acme.employee,
      shapes: [shape],
    }));
    wanted.push({ tenantId: f.acme.id, userTypeId: f.acme.employee, shapes: [shape] });
    const nearest = await t.app.get(LoginTally).nearestDeadlines(wanted, new Date());
    expect([...nearest.keys()]).toEqual([pairKey(f.acme.id, f.acme.employee)]);
    expect(nearest.get(pairKey(f.acme.id, f.acme.employee))?.toISOString()).toBe(soon.toISOString());
  });

  it('keeps its triggers after every migration (a later one that rebuilds the table on SQLite drops them)', async () => {
    const triggers: Array<{ name: string }> = ON_POSTGRES
      ? await t.dataSource.query(
          `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'login'::regclass AND NOT tgisinternal ORDER BY 1`,
        )
      : await t.dataSource.query(
          `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'login' ORDER BY 1`,
        );
    expect(triggers.map((r) => r.name)).toEqual([
      'login_tally_delete',
      'login_tally_insert',
      'login_tally_update',
    ]);
  });

  it('gives the Users list totals that match the rows it lists, for every filter it can sum', async () => {
    const filters: UserFilter[] = [
      {},
      { active: true },
      { active: false },
      { exception: true },
      { exception: false },
    ];
    for (const userTypeId of [undefined, f.acme.employee, f.acme.manager]) {
      for (const method of TWO_FACTOR_METHODS)
        filters.push({ userTypeId, method }, { userTypeId, method, enrolled: false });
      for (const enrolment of ENROLMENT_STATES)
        filters.push({ userTypeId, enrolment }, { userTypeId, enrolment, active: true });
      filters.push({ userTypeId, enrolled: true }, { userTypeId, enrolled: false, exception: false });
    }
    for (const filter of filters) {
      const query = new URLSearchParams({ pageSize: '100' });
      for (const [k, v] of Object.entries(filter)) if (v !== undefined) query.set(k, String(v));
      const res = await owner.get(`${ApiPaths.users(f.acme.id)}?${query}`);
      expect(res.status).toBe(200);
      expect({ filter, total: res.body.total }).toEqual({ filter, total: res.body.items.length });
    }
  });
});

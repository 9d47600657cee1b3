import type { Server } from 'node:http';
import { IsNull } from 'typeorm';
import { ApiPaths, type AuditEventView } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

const UNKNOWN_EMAIL = 'nobody@nowhere.test';
const CSV_HEADER = 'time,action,actor,target type,target,target id,before,after,address';

describe('platform audit log: the events without a tenant', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let root: TestClient;
  let owner: TestClient;

  const actions = (items: AuditEventView[]) => items.map((e) => e.action);
  const platformLog = async (query = '') => {
    const res = await root.get(`${ApiPaths.platformAudit}${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: AuditEventView[]; total: number; page: number; pageSize: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    // A super user signs in (a platform event) and switches 2FA on for Acme (an Acme event).
    root = new TestClient(server);
    expect((await root.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');
    expect(
      (await root.send('PATCH', ApiPaths.platformTenant(f.acme.id), { twoFactorEnabled: true })).status,
    ).toBe(200);
    // Acme's owner changes a policy: an Acme event.
    owner = new TestClient(server);
    expect((await owner.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    expect(
      (
        await owner.send('PUT', ApiPaths.userTypePolicy(f.acme.id, f.acme.employee), {
          method: 'pin',
          graceDays: 3,
        })
      ).status,
    ).toBe(200);
    // The super user changes the floor for every tenant: a platform event.
    const floor = await root.send('PUT', ApiPaths.platformFloor, { method: 'pin', graceDays: 4 });
    expect(floor.status).toBe(200);
    // Someone tries an email nobody has: a platform event.
    const stranger = await new TestClient(server).begin();
    expect(
      (await stranger.post(ApiPaths.login, { email: UNKNOWN_EMAIL, password: 'not-a-password' })).status,
    ).toBe(401);
  });
  afterAll(() => t.close());

  it("lists the floor change, the super user's sign-in and the unknown email's failure, newest first", async () => {
    const log = await platformLog();
    const platformEvents =
      (await t.dataSource.getRepository(AuditEvent).countBy({ tenantId: IsNull() })) +
      (await t.dataSource.getRepository(AuditEvent).countBy({ tenantId: f.root.platformTenantId }));
    expect(log.total).toBe(platformEvents);
    expect(log.page).toBe(1);

    const floor = log.items.find((e) => e.action === 'platform.floor-changed');
    expect(floor).toMatchObject({
      tenantId: null,
      actor: 'root@latchkey.test',
      targetType: 'platform',
      before: { floor: null, graceDays: 0 },
      after: { floor: 'pin', graceDays: 4 },
    });
    const signIn = log.items.find((e) => e.action === 'sign-in.succeeded');
    expect(signIn).toMatchObject({
      tenantId: null,
      actor: 'root@latchkey.test',
      targetType: 'login',
      targetId: f.root.login,
      after: { role: 'super' },
    });
    const failed = log.items.find((e) => e.action === 'sign-in.failed');
    expect(failed).toMatchObject({
      tenantId: null,
      actor: UNKNOWN_EMAIL,
      after: { reason: 'unknown-email' },
    });

    // Newest first: the failure came last, the sign-in before the floor change.
    const at = (e: AuditEventView | undefined) => log.items.indexOf(e as AuditEventView);
    expect(at(failed)).toBeLessThan(at(floor));
    expect(at(floor)).toBeLessThan(at(signIn));
    const times = log.items.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("never lists a tenant's events, not even a super user's", async () => {
    const log = await platformLog('?pageSize=200');
    expect(log.items.length).toBe(log.total);
    expect(log.items.every((e) => e.tenantId === null || e.tenantId === f.root.platformTenantId)).toBe(true);
    expect(actions(log.items)).not.toContain('policy.user-type-changed');
    expect(actions(log.items)).not.toContain('platform.feature-switched');
    // Both happened, in Acme.
    const acme = await t.dataSource.getRepository(AuditEvent).findBy({ tenantId: f.acme.id });
    expect(actions(acme as unknown as AuditEventView[])).toEqual(
      expect.arrayContaining(['policy.user-type-changed', 'platform.feature-switched']),
    );
  });

  it('filters by action and actor, and pages, as the tenant log does', async () => {
    const byAction = await platformLog('?action=platform.');
    expect(actions(byAction.items)).toEqual(['platform.floor-changed']);
    expect(byAction.total).toBe(1);

    const exact = await platformLog('?action=sign-in.failed');
    expect(exact.items.map((e) => [e.action, e.actor])).toEqual([['sign-in.failed', UNKNOWN_EMAIL]]);

    const byStranger = await platformLog('?actor=NOBODY@nowhere');
    expect(byStranger.items.map((e) => e.action)).toEqual(['sign-in.failed']);

    const byRoot = await platformLog('?actor=root@');
    expect(actions(byRoot.items)).toEqual(
      expect.arrayContaining(['platform.floor-changed', 'sign-in.succeeded']),
    );
    expect(byRoot.items.every((e) => e.actor === 'root@latchkey.test')).toBe(true);

    const byTarget = await platformLog('?target=every tenant');
    expect(actions(byTarget.items)).toEqual(['platform.floor-changed']);

    const all = await platformLog();
    const first = await platformLog('?pageSize=1&page=1');
    const second = await platformLog('?pageSize=1&page=2');
    expect([first.total, second.total]).toEqual([all.total, all.total]);
    expect([first.items[0].id, second.items[0].id]).toEqual([all.items[0].id, all.items[1].id]);
  });

  it('validates the query as the tenant log does', async () => {
    const cases: Array<[string, string]> = [
      ['?from=yesterday', 'from'],
      ['?to=2026-13-45', 'to'],
      ['?pageSize=1000', 'pageSize'],
      ['?page=0', 'page'],
      ['?page=999', 'page'],
      [`?action=${'x'.repeat(65)}`, 'action'],
    ];
    for (const [query, field] of cases) {
      const res = await root.get(`${ApiPaths.platformAudit}${query}`);
      expect([query, res.status, res.body.errors?.[0]?.field]).toEqual([query, 400, field]);
    }
    const future = await platformLog(
      `?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`,
    );
    expect([future.total, future.items]).toEqual([0, []]);
  });

  it('exports CSV with the header row and one row per event, in a file named for the platform', async () => {
    const json = await platformLog('?pageSize=200');
    const csv = await root.get(ApiPaths.platformAudit, { Accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['vary']).toMatch(/Accept/);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="latchkey-audit-platform-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(json.total + 1);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(actions(json.items));
    expect(lines.some((l) => l.includes(',platform.floor-changed,root@latchkey.test,platform,'))).toBe(true);
    expect(lines.some((l) => l.includes(`,sign-in.failed,${UNKNOWN_EMAIL},`))).toBe(true);

    const filtered = await root.get(`${ApiPaths.platformAudit}?action=sign-in.failed`, {
      Accept: 'text/csv',
    });
    const rows = filtered.text.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(CSV_HEADER);
    expect(rows[1]).toContain(`,sign-in.failed,${UNKNOWN_EMAIL},`);

    // A bare */* gets JSON.
    const any = await root.get(ApiPaths.platformAudit, { Accept: '*/*' });
    expect(any.headers['content-type']).toMatch(/application\/json/);
  });

  it('refuses an owner with 403 and a signed-out client with 401', async () => {
    expect((await owner.get(ApiPaths.platformAudit)).status).toBe(403);
    expect((await owner.get(ApiPaths.platformAudit, { Accept: 'text/csv' })).status).toBe(403);
    const anonymous = await new TestClient(server).begin();
    expect((await anonymous.get(ApiPaths.platformAudit)).status).toBe(401);
    expect((await anonymous.get(ApiPaths.platformAudit, { Accept: 'text/csv' })).status).toBe(401);
  });

  it("lets a super user read Acme's tenant log, which holds Acme's events only", async () => {
    const res = await root.get(`${ApiPaths.audit(f.acme.id)}?pageSize=200`);
    expect(res.status).toBe(200);
    const items = res.body.items as AuditEventView[];
    expect(actions(items)).toEqual(
      expect.arrayContaining(['policy.user-type-changed', 'platform.feature-switched']),
    );
    expect(items.every((e) => e.tenantId === f.acme.id)).toBe(true);
    expect(actions(items)).not.toContain('platform.floor-changed');

    const csv = await root.get(ApiPaths.audit(f.acme.id), { Accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="latchkey-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(csv.text.split('\r\n')[0]).toBe(CSV_HEADER);

    // The platform tenant has no tenant log.
    expect((await root.get(ApiPaths.audit(f.root.platformTenantId))).status).toBe(404);
  });

  it("also lists what the platform's own logins do, which is written with the platform tenant's id", async () => {
    const other = new TestClient(server);
    expect((await other.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');
    expect((await other.post(ApiPaths.logout)).status).toBe(200);
    const signOut = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'sign-out' });
    expect(signOut.tenantId).toBe(f.root.platformTenantId);
    const log = await platformLog('?action=sign-out');
    expect(log.items.map((e) => [e.action, e.actor])).toEqual([['sign-out', 'root@latchkey.test']]);
    // And never in a tenant's log.
    const acme = await root.get(`${ApiPaths.audit(f.acme.id)}?action=sign-out`);
    expect(acme.body.items).toEqual([]);
  });
});

import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApiPaths, type AuditAction, type AuditDetails, type AuditPage } from '@latchkey/contracts';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { AuditService } from '../src/audit/audit.service';
import { TestClient } from './client';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { startTestApp, type TestApp } from './harness';

/**
 * Reading the audit log by the owner's filters: several actions at once, a free-text search
 * (actor, target, the action's label, details; the user's % and _ matched as themselves), one
 * person's events as actor or target, each within the tenant's own log.
 */
describe('audit log filters', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let olivia: TestClient;
  let gail: TestClient;
  let root: TestClient;
  const ids: Record<string, string> = {};

  /** Writes one event through the table's one writer, remembering its id by `name`. */
  async function event(
    name: string,
    tenantId: string | null,
    action: AuditAction,
    actor: { loginId: string | null; label: string },
    target?: { type: string; id: string | null; label: string | null },
    after?: AuditDetails,
  ): Promise<void> {
    const seen = new Set((await t.dataSource.getRepository(AuditEvent).find()).map((e) => e.id));
    await t.app.get(AuditService).record({
      action,
      tenantId,
      actor: { identityId: null, loginId: actor.loginId, label: actor.label },
      target,
      after: after ?? null,
    });
    const all = await t.dataSource.getRepository(AuditEvent).find({ select: { id: true } });
    const added = all.filter((e) => !seen.has(e.id));
    expect(added).toHaveLength(1);
    ids[name] = added[0]?.id ?? '';
  }

  const acmeLog = async (query: string, client = olivia) => {
    const res = await client.get(`${ApiPaths.audit(f.acme.id)}?${query}`);
    expect(res.status).toBe(200);
    return res.body as AuditPage;
  };
  const names = (page: AuditPage) =>
    page.items.map((e) => Object.keys(ids).find((name) => ids[name] === e.id) ?? e.action).sort();

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    const oliviaActor = { loginId: f.olivia.login, label: 'olivia@acme.test' };
    const emmaTarget = { type: 'login', id: f.emma.login, label: 'emma@acme.test' };
    await event('reset', f.acme.id, 'login.reset', oliviaActor, emmaTarget, { note: '100% sure' });
    await event('samOut', f.acme.id, 'sign-out', { loginId: f.sam.employeeLogin, label: 'sam@acme.test' });
    await event(
      'renamed',
      f.acme.id,
      'user-type.renamed',
      oliviaActor,
      { type: 'user-type', id: f.acme.employee, label: 'Staff_A' },
      { name: 'Staff_A' },
    );
    await event(
      'renamedAgain',
      f.acme.id,
      'user-type.renamed',
      oliviaActor,
      { type: 'user-type', id: f.acme.manager, label: 'StaffXA' },
      { note: '1000 users' },
    );
    await event('emmaChanged', f.acme.id, 'login.updated', oliviaActor, emmaTarget);
    await event('emmaPin', f.acme.id, 'factor.pin-set', { loginId: f.emma.login, label: 'emma@acme.test' });
    await event('gone', f.acme.id, 'login.deactivated', oliviaActor, {
      type: 'login',
      id: randomUUID(),
      label: null,
    });
    await event(
      'globexReset',
      f.globex.id,
      'login.reset',
      { loginId: f.gail.login, label: 'gail@globex.test' },
      { type: 'login', id: f.emma.login, label: 'emma@acme.test' },
      { note: '100% sure' },
    );

    olivia = new TestClient(server);
    expect((await olivia.signIn('olivia@acme.test', PASSWORD)).body.state).toBe('signed-in');
    gail = new TestClient(server);
    expect((await gail.signIn('gail@globex.test', PASSWORD)).body.state).toBe('signed-in');
    root = new TestClient(server);
    expect((await root.signIn('root@latchkey.test', PASSWORD)).body.state).toBe('signed-in');
  });
  afterAll(() => t.close());

  it('keeps the events of any of several actions, as repeated parameters or one', async () => {
    expect(names(await acmeLog('actions=login.reset&actions=sign-out'))).toEqual(['reset', 'samOut']);
    expect(names(await acmeLog('actions=user-type.renamed'))).toEqual(['renamed', 'renamedAgain']);
    expect(names(await acmeLog('actions=login.reset&actions=user-type.renamed&pageSize=2')).length).toBe(2);
    expect((await acmeLog('actions=login.reset&actions=user-type.renamed&pageSize=2')).total).toBe(3);
  });

  it('refuses an action that is not an audit action with a 400 naming the field', async () => {
    for (const query of ['actions=login.reset&actions=login.nope', 'actions=', 'actions=policy.']) {
      const res = await olivia.get(`${ApiPaths.audit(f.acme.id)}?${query}`);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'actions']);
    }
    const platform = await root.get(`${ApiPaths.platformAudit}?actions=DROP TABLE`);
    expect([platform.status, platform.body.errors?.[0]?.field]).toEqual([400, 'actions']);
  });

  it('searches actor, target, the action’s label and the details, ignoring case', async () => {
    expect(names(await acmeLog('q=SAM@ACME'))).toEqual(['samOut']);
    expect(names(await acmeLog(`q=${encodeURIComponent('Emma@Acme')}`))).toEqual([
      'emmaChanged',
      'emmaPin',
      'reset',
    ]);
    // "Second factor reset" is login.reset's label: the table holds only the code.
    expect(names(await acmeLog(`q=${encodeURIComponent('second FACTOR res')}`))).toEqual(['reset']);
    expect(names(await acmeLog(`q=${encodeURIComponent('  staff_a ')}`))).toEqual(['renamed']);
    expect(names(await acmeLog('q=nothing-like-this'))).toEqual([]);
  });

  it('matches the user’s % and _ as themselves, not as wildcards', async () => {
    expect(names(await acmeLog(`q=${encodeURIComponent('100%')}`))).toEqual(['reset']);
    expect(names(await acmeLog(`q=${encodeURIComponent('staff_')}`))).toEqual(['renamed']);
    expect(names(await acmeLog(`q=${encodeURIComponent('%')}`))).toEqual(['reset']);
    expect(names(await acmeLog(`q=${encodeURIComponent('_')}`))).toEqual(['renamed']);
  });

  it("keeps one login's events, as actor or as target, and names it", async () => {
    const emma = await acmeLog(`loginId=${f.emma.login}`);
    expect(names(emma)).toEqual(['emmaChanged', 'emmaPin', 'reset']);
    expect(emma.person).toEqual({ loginId: f.emma.login, label: 'emma@acme.test' });

    const sam = await acmeLog(`loginId=${f.sam.employeeLogin}`);
    expect(names(sam)).toEqual(['samOut']);
    expect(sam.items[0]).toMatchObject({ actor: 'sam@acme.test', actorLoginId: f.sam.employeeLogin });

    const combined = await acmeLog(`loginId=${f.emma.login}&actions=login.updated&actions=login.reset`);
    expect(names(combined)).toEqual(['emmaChanged', 'reset']);

    const none = await acmeLog(`loginId=${randomUUID()}`);
    expect([none.total, none.person?.label]).toEqual([0, null]);

    const bad = await olivia.get(`${ApiPaths.audit(f.acme.id)}?loginId=emma`);
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'loginId']);
  });

  it("keeps each owner to its own tenant's log, whatever the filters", async () => {
    const globex = await gail.get(`${ApiPaths.audit(f.globex.id)}?q=${encodeURIComponent('100%')}`);
    expect(globex.status).toBe(200);
    expect((globex.body as AuditPage).items.map((e) => e.id)).toEqual([ids['globexReset']]);

    // Gail's login is no name in Acme's log, and Acme's owner cannot open Globex's.
    const gailInAcme = await acmeLog(`loginId=${f.gail.login}`);
    expect([gailInAcme.total, gailInAcme.person?.label]).toEqual([0, null]);
    const foreign = await olivia.get(`${ApiPaths.audit(f.globex.id)}?loginId=${f.gail.login}`);
    expect(foreign.status).toBe(404);

    // A super user reads either, filtered alike; the platform's log has none of them.
    const fromRoot = await acmeLog(`loginId=${f.emma.login}&q=reset`, root);
    expect(names(fromRoot)).toEqual(['reset']);
    const platform = await root.get(`${ApiPaths.platformAudit}?actions=login.reset`);
    expect([platform.status, platform.body.total]).toEqual([200, 0]);
  });

  it('shows the actor and target ids beside their names, and exports the same filters as CSV', async () => {
    const gone = (await acmeLog('actions=login.deactivated')).items[0];
    expect(gone).toMatchObject({
      actor: 'olivia@acme.test',
      actorLoginId: f.olivia.login,
      targetLabel: null,
    });
    expect(gone?.targetId).toEqual(expect.any(String));

    const csv = await olivia.get(`${ApiPaths.audit(f.acme.id)}?actions=user-type.renamed&q=staff_`, {
      Accept: 'text/csv',
    });
    expect(csv.status).toBe(200);
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(',user-type.renamed,olivia@acme.test,user-type,Staff_A,');
  });
});

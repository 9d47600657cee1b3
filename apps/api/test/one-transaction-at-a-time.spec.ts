import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { startTestApp, type TestApp } from './harness';

/**
 * A transaction's rollback takes back its own writes only (both databases). On SQLite every
 * statement shares one connection, and TypeORM nests a transaction begun meanwhile as a
 * savepoint of the open one: without `sqlite-turns.ts`, another request's writes made while a
 * transaction was open (an attempt's reservation, an audit event) were lost when it rolled back.
 */
describe('one transaction at a time on the connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** An audit row written by `on` (the data source, or a transaction's manager). */
  const auditRow = (action: string, on: Pick<EntityManager, 'query'> = t.dataSource) =>
    on.query(
      `INSERT INTO audit_event (id, tenant_id, created_at, action, actor_label, target_type)
       VALUES ('${randomUUID()}', NULL, CURRENT_TIMESTAMP, '${action}', 'test', 'login')`,
    );
  const audits = (action: string) => t.dataSource.getRepository(AuditEvent).countBy({ action });
  const opened = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return { gate, release };
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 25));
  /** A transaction that does `first`, waits for `gate`, then rolls back: answers its error's message. */
  const rolledBackAfter = (gate: Promise<void>, first = (m: EntityManager) => m.query('SELECT 1')) =>
    t.dataSource
      .transaction(async (m) => {
        await first(m);
        await gate;
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);

  it('keeps a statement made elsewhere while a transaction was open, when that transaction rolls back', async () => {
    const { gate, release } = opened();
    const doomed = rolledBackAfter(gate);
    await tick();
    const elsewhere = auditRow('turns.elsewhere');
    await tick();
    release();
    expect(await doomed).toBe('rolled back');
    await elsewhere;
    expect(await audits('turns.elsewhere')).toBe(1);
  });

  it('keeps a committed transaction when one begun after it rolls back', async () => {
    const first = opened();
    const second = opened();
    const committed = t.dataSource.transaction(async (m) => {
      await m.query('SELECT 1');
      await first.gate;
      await auditRow('turns.committed', m);
    });
    await tick();
    const doomed = rolledBackAfter(second.gate, (m) => auditRow('turns.doomed', m));
    await tick();
    first.release();
    await committed;
    second.release();
    expect(await doomed).toBe('rolled back');
    expect(await audits('turns.committed')).toBe(1);
    expect(await audits('turns.doomed')).toBe(0);
  });

  it('keeps a save() made while another transaction was open', async () => {
    const { gate, release } = opened();
    const doomed = rolledBackAfter(gate);
    await tick();
    const saved = t.dataSource.getRepository(AuditEvent).save({
      id: randomUUID(),
      tenantId: null,
      createdAt: new Date(),
      action: 'turns.saved',
      actorLabel: 'test',
      targetType: 'login',
    } as AuditEvent);
    await tick();
    release();
    await doomed;
    await saved;
    expect(await audits('turns.saved')).toBe(1);
  });
});

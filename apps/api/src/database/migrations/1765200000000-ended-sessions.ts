import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timeColumn } from './migration-helpers';

/**
 * Issue 13: a person sent back to sign-in by a reset or an owner's "sign out now" is told why.
 * A revocation records the ids of the sessions it deletes with its reason; the access guard looks
 * a returning cookie's session up here. Rows older than a day are pruned (by `ended_at`).
 */
export class EndedSessions1765200000000 implements MigrationInterface {
  name = 'EndedSessions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ended_session',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'reason', type: 'varchar', length: '32' },
          timeColumn(q, 'ended_at'),
        ],
        indices: [new TableIndex({ name: 'idx_ended_session_ended_at', columnNames: ['ended_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ended_session');
  }
}

import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timeColumn } from './migration-helpers';

/**
 * Issue 11: the OpenID provider's storage (codes, grants, sessions, interactions, tokens), one
 * row per model instance, shared by every API process.
 */
export class OidcStore1764500000000 implements MigrationInterface {
  name = 'OidcStore1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'oidc_payload',
        columns: [
          { name: 'kind', type: 'varchar', length: '32', isPrimary: true },
          { name: 'id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'payload', type: 'text' },
          { name: 'grant_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'uid', type: 'varchar', length: '255', isNullable: true },
          { name: 'user_code', type: 'varchar', length: '255', isNullable: true },
          // The login a grant, session or token belongs to, so that a reset can end them all.
          { name: 'account_id', type: 'varchar', length: '255', isNullable: true },
          timeColumn(q, 'expires_at', true),
          timeColumn(q, 'consumed_at', true),
        ],
        indices: [
          new TableIndex({ name: 'idx_oidc_payload_grant', columnNames: ['grant_id'] }),
          new TableIndex({ name: 'idx_oidc_payload_uid', columnNames: ['kind', 'uid'] }),
          new TableIndex({ name: 'idx_oidc_payload_account', columnNames: ['account_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('oidc_payload');
  }
}

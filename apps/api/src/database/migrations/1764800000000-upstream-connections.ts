import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, timeColumn, trueColumn } from './migration-helpers';

/**
 * Issue 12: a tenant's own OpenID providers (the client secret sealed, lists as JSON text), and
 * the links of identities to their accounts there by (issuer, subject).
 */
export class UpstreamConnections1764800000000 implements MigrationInterface {
  name = 'UpstreamConnections1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'upstream_connection',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          idColumn('tenant_id'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'issuer', type: 'varchar', length: '2000' },
          { name: 'client_id', type: 'varchar', length: '255' },
          { name: 'client_secret_sealed', type: 'text' },
          { name: 'scopes', type: 'text' },
          { name: 'email_domains', type: 'text' },
          { name: 'allowed_user_type_ids', type: 'text', isNullable: true },
          { name: 'trust_mode', type: 'varchar', length: '16' },
          { name: 'trust_amr', type: 'text' },
          { name: 'trust_acr', type: 'text' },
          { name: 'trust_max_age_seconds', type: 'integer', isNullable: true },
          idColumn('jit_user_type_id', true),
          trueColumn(q, 'password_allowed'),
          trueColumn(q, 'enabled'),
          timeColumn(q, 'created_at'),
          { name: 'created_by', type: 'varchar', length: '320' },
          timeColumn(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_upstream_connection_tenant_name',
            columnNames: ['tenant_id', 'name'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_upstream_connection_tenant',
            columnNames: ['tenant_id'],
            referencedTableName: 'tenant',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'upstream_link',
        columns: [
          { name: 'issuer', type: 'varchar', length: '2000', isPrimary: true },
          { name: 'subject', type: 'varchar', length: '255', isPrimary: true },
          idColumn('identity_id'),
          timeColumn(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_upstream_link_identity', columnNames: ['identity_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_upstream_link_identity',
            columnNames: ['identity_id'],
            referencedTableName: 'identity',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('upstream_link');
    await q.dropTable('upstream_connection');
  }
}

import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, timeColumn } from './migration-helpers';

/**
 * Issue 11: a tenant's applications, the OpenID Connect clients that sign its users in through
 * Latchkey. The id is the client_id; lists are JSON text; a confidential application keeps only
 * the SHA-256 of its secret.
 */
export class Applications1764400000000 implements MigrationInterface {
  name = 'Applications1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'application',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          idColumn('tenant_id'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'redirect_uris', type: 'text' },
          { name: 'post_logout_redirect_uris', type: 'text' },
          { name: 'allowed_user_type_ids', type: 'text', isNullable: true },
          { name: 'secret_hash', type: 'varchar', length: '64', isNullable: true },
          timeColumn(q, 'secret_set_at', true),
          timeColumn(q, 'created_at'),
          { name: 'created_by', type: 'varchar', length: '320' },
          timeColumn(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_application_tenant_name', columnNames: ['tenant_id', 'name'], isUnique: true }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_application_tenant',
            columnNames: ['tenant_id'],
            referencedTableName: 'tenant',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('application');
  }
}

import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, timeColumn } from './migration-helpers';

/**
 * Issue 11: tenant API tokens, with which the vendor's back end provisions logins and user types
 * through the owner routes. Only the SHA-256 of a token is kept (unique: the lookup key); scopes
 * are JSON text; a revoked token keeps its row.
 */
export class ApiTokens1764600000000 implements MigrationInterface {
  name = 'ApiTokens1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_token',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          idColumn('tenant_id'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'scopes', type: 'text' },
          { name: 'secret_hash', type: 'varchar', length: '64' },
          idColumn('created_by'),
          timeColumn(q, 'created_at'),
          timeColumn(q, 'expires_at', true),
          timeColumn(q, 'revoked_at', true),
          timeColumn(q, 'last_used_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_api_token_secret_hash', columnNames: ['secret_hash'], isUnique: true }),
          new TableIndex({ name: 'idx_api_token_tenant', columnNames: ['tenant_id', 'created_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_api_token_tenant',
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
    await q.dropTable('api_token');
  }
}

import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { falseColumn, idColumn, timeColumn } from './migration-helpers';

/** Tenants, user types, identities, logins, sessions and the audit log. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'tenant',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          // 'platform' for the one tenant that holds the super users' logins, 'customer' otherwise.
          { name: 'kind', type: 'varchar', length: '16', default: "'customer'" },
          falseColumn(q, 'two_factor_enabled'),
          timeColumn(q, 'suspended_at', true),
          timeColumn(q, 'created_at'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_type',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          timeColumn(q, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_user_type_tenant_name',
            columnNames: ['tenant_id', 'name'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_user_type_tenant',
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
        name: 'identity',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          timeColumn(q, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_identity_email',
            columnNames: ['email'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'login',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('id'), isPrimary: true },
          idColumn('identity_id'),
          idColumn('user_type_id'),
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          timeColumn(q, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_login_identity',
            columnNames: ['identity_id'],
          }),
          new TableIndex({
            name: 'idx_login_tenant_type',
            columnNames: ['tenant_id', 'user_type_id'],
          }),
          new TableIndex({
            name: 'uq_login_tenant_identity_type',
            columnNames: ['tenant_id', 'identity_id', 'user_type_id'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_login_tenant',
            columnNames: ['tenant_id'],
            referencedTableName: 'tenant',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_login_identity',
            columnNames: ['identity_id'],
            referencedTableName: 'identity',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_login_user_type',
            columnNames: ['tenant_id', 'user_type_id'],
            referencedTableName: 'user_type',
            referencedColumnNames: ['tenant_id', 'id'],
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'session',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'data', type: 'text' },
          timeColumn(q, 'expires_at'),
          idColumn('identity_id', true),
          idColumn('tenant_id', true),
          idColumn('login_id', true),
        ],
        indices: [
          new TableIndex({
            name: 'idx_session_tenant_login',
            columnNames: ['tenant_id', 'login_id'],
          }),
          new TableIndex({
            name: 'idx_session_identity',
            columnNames: ['identity_id'],
          }),
          new TableIndex({
            name: 'idx_session_expires',
            columnNames: ['expires_at'],
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { ...idColumn('id'), isPrimary: true },
          idColumn('tenant_id', true),
          timeColumn(q, 'created_at'),
          { name: 'action', type: 'varchar', length: '64' },
          idColumn('actor_identity_id', true),
          idColumn('actor_login_id', true),
          {
            name: 'actor_label',
            type: 'varchar',
            length: '320',
            isNullable: true,
          },
          {
            name: 'target_type',
            type: 'varchar',
            length: '32',
            isNullable: true,
          },
          idColumn('target_id', true),
          {
            name: 'target_label',
            type: 'varchar',
            length: '320',
            isNullable: true,
          },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'address', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'idx_audit_tenant_time',
            columnNames: ['tenant_id', 'created_at'],
          }),
          new TableIndex({
            name: 'idx_audit_time',
            columnNames: ['created_at'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_event', 'session', 'login', 'identity', 'user_type', 'tenant']) {
      await q.dropTable(table);
    }
  }
}

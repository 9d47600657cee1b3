import {
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { idColumn, timeColumn, trueColumn } from './migration-helpers';

/**
 * Second factors: authenticator devices (secrets encrypted), the time steps each device has
 * accepted (the unique key is what refuses a replay, across every API process), backup codes
 * and the PIN (hashes only).
 */
export class SecondFactors1764200000000 implements MigrationInterface {
  name = 'SecondFactors1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const loginKey = () =>
      new TableForeignKey({
        columnNames: ['tenant_id', 'login_id'],
        referencedTableName: 'login',
        referencedColumnNames: ['tenant_id', 'id'],
        onDelete: 'CASCADE',
      });

    await q.createTable(
      new Table({
        name: 'totp_device',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('id'), isPrimary: true },
          idColumn('login_id'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'secret_enc', type: 'varchar', length: '255' },
          timeColumn(q, 'confirmed_at', true),
          timeColumn(q, 'created_at'),
          timeColumn(q, 'last_used_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_totp_device_login', columnNames: ['tenant_id', 'login_id'] })],
        foreignKeys: [{ ...loginKey(), name: 'fk_totp_device_login' }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'totp_used_step',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('device_id'), isPrimary: true },
          { name: 'step', type: 'bigint', isPrimary: true },
          timeColumn(q, 'used_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_totp_used_step_device',
            columnNames: ['tenant_id', 'device_id'],
            referencedTableName: 'totp_device',
            referencedColumnNames: ['tenant_id', 'id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'backup_code',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('login_id'), isPrimary: true },
          { name: 'slot', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '255' },
          timeColumn(q, 'used_at', true),
          timeColumn(q, 'created_at'),
        ],
        foreignKeys: [{ ...loginKey(), name: 'fk_backup_code_login' }],
      }),
    );

    await q.addColumns('login', [
      new TableColumn({ name: 'pin_hash', type: 'varchar', length: '255', isNullable: true }),
      // After an owner's reset: the hash of the one-time handover code, and until when it is good.
      new TableColumn({ name: 'handover_hash', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn(timeColumn(q, 'handover_expires_at', true)),
    ]);
    await q.addColumn('tenant', new TableColumn(trueColumn(q, 'handover_enabled')));

    // "Remember this browser": days per user type, and the browsers (token hashes) per login.
    await q.addColumn('user_type', new TableColumn({ name: 'remember_days', type: 'integer', default: 0 }));
    await q.createTable(
      new Table({
        name: 'remembered_browser',
        columns: [
          { ...idColumn('tenant_id'), isPrimary: true },
          { ...idColumn('id'), isPrimary: true },
          idColumn('login_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          timeColumn(q, 'expires_at'),
          timeColumn(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_remembered_browser_login', columnNames: ['tenant_id', 'login_id'] }),
        ],
        foreignKeys: [{ ...loginKey(), name: 'fk_remembered_browser_login' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('remembered_browser');
    await q.dropColumn('user_type', 'remember_days');
    await q.dropColumn('tenant', 'handover_enabled');
    await q.dropColumns('login', ['pin_hash', 'handover_hash', 'handover_expires_at']);
    await q.dropTable('backup_code');
    await q.dropTable('totp_used_step');
    await q.dropTable('totp_device');
  }
}

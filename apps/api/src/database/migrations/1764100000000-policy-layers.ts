import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { falseColumn, timeColumn } from './migration-helpers';

const methodColumn = (name: string, nullable = true): TableColumn =>
  new TableColumn({
    name,
    type: 'varchar',
    length: '16',
    isNullable: nullable,
    ...(nullable ? {} : { default: "'off'" }),
  });
const graceColumn = (name: string) => new TableColumn({ name, type: 'integer', default: 0 });
const setByColumn = (name: string) =>
  new TableColumn({ name, type: 'varchar', length: '320', isNullable: true });

/**
 * The policy layers (platform floor, tenant floors, user-type policy, per-user exception) and
 * the per-login factor state the resolver and the users page read. Policy lives in one row
 * per layer; logins carry only what is theirs (exception, enrolment, grace deadline, lock).
 */
export class PolicyLayers1764100000000 implements MigrationInterface {
  name = 'PolicyLayers1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const time = (name: string) => new TableColumn(timeColumn(q, name, true));

    await q.createTable(
      new Table({
        name: 'platform_setting',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          methodColumn('floor_method'),
          graceColumn('floor_grace_days'),
          setByColumn('floor_set_by'),
          time('floor_set_at'),
        ],
      }),
    );

    await q.addColumns('tenant', [
      methodColumn('platform_floor_method'),
      graceColumn('platform_floor_grace_days'),
      setByColumn('platform_floor_set_by'),
      time('platform_floor_set_at'),
      methodColumn('floor_method'),
      graceColumn('floor_grace_days'),
      setByColumn('floor_set_by'),
      time('floor_set_at'),
    ]);

    await q.addColumns('user_type', [
      methodColumn('method', false),
      graceColumn('grace_days'),
      setByColumn('policy_set_by'),
      time('policy_set_at'),
    ]);

    await q.addColumns('login', [
      methodColumn('exception_method'),
      setByColumn('exception_set_by'),
      time('exception_set_at'),
      time('opted_in_at'),
      time('totp_enrolled_at'),
      time('pin_set_at'),
      time('last_second_factor_at'),
      time('grace_started_at'),
      time('enrol_deadline'),
      new TableColumn({ name: 'failed_attempts', type: 'integer', default: 0 }),
      time('locked_until'),
      new TableColumn(falseColumn(q, 'locked_out')),
    ]);
    await q.createIndex(
      'login',
      new TableIndex({ name: 'idx_login_tenant_name', columnNames: ['tenant_id', 'display_name'] }),
    );
    await q.createIndex(
      'login',
      new TableIndex({ name: 'idx_login_tenant_created', columnNames: ['tenant_id', 'created_at'] }),
    );
    await q.createIndex(
      'login',
      new TableIndex({
        name: 'idx_login_tenant_last_factor',
        columnNames: ['tenant_id', 'last_second_factor_at'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('login', 'idx_login_tenant_last_factor');
    await q.dropIndex('login', 'idx_login_tenant_created');
    await q.dropIndex('login', 'idx_login_tenant_name');
    await q.dropColumns('login', [
      'exception_method',
      'exception_set_by',
      'exception_set_at',
      'opted_in_at',
      'totp_enrolled_at',
      'pin_set_at',
      'last_second_factor_at',
      'grace_started_at',
      'enrol_deadline',
      'failed_attempts',
      'locked_until',
      'locked_out',
    ]);
    await q.dropColumns('user_type', ['method', 'grace_days', 'policy_set_by', 'policy_set_at']);
    await q.dropColumns('tenant', [
      'platform_floor_method',
      'platform_floor_grace_days',
      'platform_floor_set_by',
      'platform_floor_set_at',
      'floor_method',
      'floor_grace_days',
      'floor_set_by',
      'floor_set_at',
    ]);
    await q.dropTable('platform_setting');
  }
}

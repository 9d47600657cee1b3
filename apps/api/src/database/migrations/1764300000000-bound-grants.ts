import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { falseColumn, idColumn, timeColumn } from './migration-helpers';

/**
 * Issue 9: grants bound to the sign-in that earned them, and attempts reserved before a guess.
 *
 * - `password_throttle`: password failures per email (a keyed hash of it, so unknown emails wait
 *   exactly like known ones without the table naming them); they only ever make an email wait.
 * - `login.enrolment_grant_*`: the sign-in flow a spent handover or invite code belongs to, until
 *   that enrolment finishes or the grant expires; `login.handover_kind`: reset or invite.
 * - `totp_device.enrolment_flow`: the flow (sign-in or profile session) a pending secret belongs to.
 * - `tenant.enrolment_invite_required`: new logins get a one-time code for their first enrolment.
 */
export class BoundGrants1764300000000 implements MigrationInterface {
  name = 'BoundGrants1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'password_throttle',
        columns: [
          { name: 'email_key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'integer', default: 0 },
          timeColumn(q, 'wait_until', true),
          timeColumn(q, 'updated_at'),
        ],
      }),
    );
    await q.addColumns('login', [
      new TableColumn({ name: 'handover_kind', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn(idColumn('enrolment_grant_flow', true)),
      new TableColumn(timeColumn(q, 'enrolment_grant_expires_at', true)),
    ]);
    await q.addColumn('totp_device', new TableColumn(idColumn('enrolment_flow', true)));
    await q.addColumn('tenant', new TableColumn(falseColumn(q, 'enrolment_invite_required')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('tenant', 'enrolment_invite_required');
    await q.dropColumn('totp_device', 'enrolment_flow');
    await q.dropColumns('login', ['enrolment_grant_expires_at', 'enrolment_grant_flow', 'handover_kind']);
    await q.dropTable('password_throttle');
  }
}

import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timeColumn } from './migration-helpers';

/**
 * Issue 11: an owner (or the vendor's back end, with an API token) deactivates a login instead of
 * deleting it. `login.deactivated_at` is set while it is deactivated: the sign-in's lookups and
 * the OpenID provider's accounts leave such a login out. Existing logins stay active (NULL).
 */
export class LoginDeactivation1764700000000 implements MigrationInterface {
  name = 'LoginDeactivation1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('login', new TableColumn(timeColumn(q, 'deactivated_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('login', 'deactivated_at');
  }
}

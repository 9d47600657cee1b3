import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the language a person chose (en, fr, nl, de), kept on their identity so that every
 * login of theirs, and the mails they receive, speak it. Null: no choice yet.
 */
export class IdentityLanguage1765300000000 implements MigrationInterface {
  name = 'IdentityLanguage1765300000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain SQL on both databases: TypeORM's addColumn rebuilds the table on SQLite.
    await q.query('ALTER TABLE identity ADD COLUMN language varchar(8) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity DROP COLUMN language');
  }
}

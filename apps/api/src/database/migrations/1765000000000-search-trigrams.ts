import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the Users search ("contains", in a name or an email) through an index on PostgreSQL:
 * trigram indexes (`pg_trgm`, shipped with PostgreSQL and trusted, so the database's owner may
 * create it) serve `LIKE '%…%'` for three characters or more. SQLite has no such index: there the
 * search reads the account's logins, which its embedded, single-machine use keeps small. The
 * entities declare these indexes with `synchronize: false` (TypeORM cannot spell them).
 */
export class SearchTrigrams1765000000000 implements MigrationInterface {
  name = 'SearchTrigrams1765000000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE INDEX idx_login_name_trgm ON login USING gin (LOWER(display_name) gin_trgm_ops)');
    await q.query('CREATE INDEX idx_identity_email_trgm ON identity USING gin (email gin_trgm_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query('DROP INDEX idx_identity_email_trgm');
    await q.query('DROP INDEX idx_login_name_trgm');
    // The extension stays: other schemas of the database may use it.
  }
}

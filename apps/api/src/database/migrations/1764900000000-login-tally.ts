import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 13 and 14: the homes' numbers and the Users list's totals at 100,000 logins. Counting the
 * logins themselves reads every row (26 ms for a bare COUNT(*) on the project machine), so the
 * counts are kept by the database: `login_tally` holds, per account and per combination of all
 * that a login's effective method and enrolment depend on, how many logins have it. Triggers on
 * `login` keep it in the same transaction as every write, whichever code path (or SQL) wrote.
 *
 * Time is not in the key: the enrolment deadline is kept as its UTC day, so "in grace" and
 * "overdue" are exact for every other day and only the logins whose deadline falls today are read
 * (through `idx_login_deadline`); locks are read from the locked rows (`idx_login_locked_*`).
 */
const KEY = [
  'tenant_id',
  'user_type_id',
  'role',
  'exception_method',
  'opted',
  'has_pin',
  'has_totp',
  'active',
  'deadline_day',
] as const;

/** A login's key in the tally, from its row (`r` is NEW, OLD or a table alias). */
function keyValues(r: string, day: (column: string) => string): string[] {
  return [
    `${r}.tenant_id`,
    `${r}.user_type_id`,
    `${r}.role`,
    `COALESCE(${r}.exception_method, '')`,
    `CASE WHEN ${r}.opted_in_at IS NULL THEN 0 ELSE 1 END`,
    `CASE WHEN ${r}.pin_set_at IS NULL THEN 0 ELSE 1 END`,
    `CASE WHEN ${r}.totp_enrolled_at IS NULL THEN 0 ELSE 1 END`,
    `CASE WHEN ${r}.deactivated_at IS NULL THEN 1 ELSE 0 END`,
    day(`${r}.enrol_deadline`),
  ];
}

const pgDay = (c: string) => `COALESCE(to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '')`;
/** SQLite keeps timestamps as UTC text ('2026-11-30 17:00:00.000'). */
const sqliteDay = (c: string) => `COALESCE(substr(${c}, 1, 10), '')`;

/** The columns a change of which may move a login to another key. */
const KEY_SOURCES = [
  'tenant_id',
  'user_type_id',
  'role',
  'exception_method',
  'opted_in_at',
  'pin_set_at',
  'totp_enrolled_at',
  'deactivated_at',
  'enrol_deadline',
];

function upsert(r: string, day: (column: string) => string, delta: '1' | '-1'): string {
  return `INSERT INTO login_tally (${KEY.join(', ')}, n) VALUES (${keyValues(r, day).join(', ')}, ${delta})
    ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = login_tally.n + excluded.n`;
}

export class LoginTally1764900000000 implements MigrationInterface {
  name = 'LoginTally1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const flag = postgres ? 'smallint' : 'integer';
    await q.query(`CREATE TABLE login_tally (
      tenant_id varchar(36) NOT NULL,
      user_type_id varchar(36) NOT NULL,
      role varchar(16) NOT NULL,
      exception_method varchar(16) NOT NULL,
      opted ${flag} NOT NULL,
      has_pin ${flag} NOT NULL,
      has_totp ${flag} NOT NULL,
      active ${flag} NOT NULL,
      deadline_day varchar(10) NOT NULL,
      n integer NOT NULL,
      CONSTRAINT pk_login_tally PRIMARY KEY (${KEY.join(', ')})
    )`);
    const day = postgres ? pgDay : sqliteDay;
    // No login written between the fill's count and the triggers' creation (other API processes
    // may still serve while this runs): the lock holds until the migration's transaction ends.
    // SQLite holds its write lock from the CREATE TABLE on.
    if (postgres) await q.query('LOCK TABLE login IN SHARE ROW EXCLUSIVE MODE');
    await q.query(
      `INSERT INTO login_tally (${KEY.join(', ')}, n)
       SELECT ${keyValues('l', day).join(', ')}, COUNT(*) FROM login l GROUP BY ${keyValues('l', day).join(', ')}`,
    );
    // The few rows the time-dependent states are read from.
    await q.query(
      'CREATE INDEX idx_login_deadline ON login (enrol_deadline, tenant_id) WHERE enrol_deadline IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX idx_login_type_deadline ON login (tenant_id, user_type_id, enrol_deadline) WHERE enrol_deadline IS NOT NULL',
    );
    await q.query('CREATE INDEX idx_login_locked_out ON login (tenant_id) WHERE locked_out');
    await q.query(
      'CREATE INDEX idx_login_locked_until ON login (locked_until, tenant_id) WHERE locked_until IS NOT NULL',
    );
    if (postgres) await this.postgresTriggers(q);
    else await this.sqliteTriggers(q);
  }

  /**
   * Inserts and deletes: once per statement, from its transition table, one upsert per key (a
   * statement of 100,000 logins updates a few tally rows once each, not 100,000 times: the same
   * row rewritten within one transaction grows a chain of versions, 97 s instead of 6 s).
   * Updates: per row, only when a key column is written, and a login moving from one key to
   * another takes the two tally rows in the order of their keys, so two moves cannot deadlock.
   */
  private async postgresTriggers(q: QueryRunner): Promise<void> {
    const grouped = (rows: string, sign: '' | '-') =>
      `INSERT INTO login_tally (${KEY.join(', ')}, n)
         SELECT ${keyValues('r', pgDay).join(', ')}, ${sign}COUNT(*) FROM ${rows} r
         GROUP BY ${keyValues('r', pgDay).join(', ')} ORDER BY ${keyValues('r', pgDay).join(', ')}
       ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = login_tally.n + excluded.n`;
    await q.query(`CREATE FUNCTION login_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${grouped('new_rows', '')}; RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION login_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${grouped('old_rows', '-')}; RETURN NULL; END $$`);
    const key = (r: string) => `concat_ws('|', ${keyValues(r, pgDay).join(', ')})`;
    await q.query(`CREATE FUNCTION login_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_key text := ${key('OLD')};
        new_key text := ${key('NEW')};
      BEGIN
        IF old_key = new_key THEN RETURN NULL; END IF;
        IF old_key < new_key THEN
          ${upsert('OLD', pgDay, '-1')};
          ${upsert('NEW', pgDay, '1')};
        ELSE
          ${upsert('NEW', pgDay, '1')};
          ${upsert('OLD', pgDay, '-1')};
        END IF;
        RETURN NULL;
      END
    $$`);
    await q.query(`CREATE TRIGGER login_tally_insert AFTER INSERT ON login
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION login_tally_insert()`);
    await q.query(`CREATE TRIGGER login_tally_delete AFTER DELETE ON login
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION login_tally_delete()`);
    await q.query(`CREATE TRIGGER login_tally_update AFTER UPDATE OF ${KEY_SOURCES.join(', ')} ON login
      FOR EACH ROW EXECUTE FUNCTION login_tally_update()`);
  }

  /** SQLite has one writer at a time: no order to keep, three plain triggers. */
  private async sqliteTriggers(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER login_tally_insert AFTER INSERT ON login BEGIN
      ${upsert('NEW', sqliteDay, '1')};
    END`);
    await q.query(`CREATE TRIGGER login_tally_delete AFTER DELETE ON login BEGIN
      ${upsert('OLD', sqliteDay, '-1')};
    END`);
    const changed = keyValues('OLD', sqliteDay)
      .map((old, i) => `${old} IS NOT ${keyValues('NEW', sqliteDay)[i]}`)
      .join(' OR ');
    await q.query(`CREATE TRIGGER login_tally_update AFTER UPDATE OF ${KEY_SOURCES.join(', ')} ON login
      WHEN ${changed} BEGIN
      ${upsert('OLD', sqliteDay, '-1')};
      ${upsert('NEW', sqliteDay, '1')};
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    for (const trigger of ['login_tally_update', 'login_tally_delete', 'login_tally_insert']) {
      await q.query(postgres ? `DROP TRIGGER ${trigger} ON login` : `DROP TRIGGER ${trigger}`);
      if (postgres) await q.query(`DROP FUNCTION ${trigger}()`);
    }
    for (const index of [
      'idx_login_locked_until',
      'idx_login_locked_out',
      'idx_login_type_deadline',
      'idx_login_deadline',
    ])
      await q.query(`DROP INDEX ${index}`);
    await q.query('DROP TABLE login_tally');
  }
}

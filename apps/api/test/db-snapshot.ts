import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The contents of every table, as a row count and a hash of its rows ordered by primary key,
 * so that a test can prove a request changed nothing. Tables are read from the database itself,
 * so a table added by a new migration is covered without editing this file.
 *
 * Excluded, always: `session`. express-session writes it on every request (rolling expiry,
 * a new session for a caller without one, the XSRF-less anonymous probe), so its contents say
 * nothing about whether a rejected request wrote application state. Sessions are checked where
 * they matter: the access sweep asserts that refused callers keep their session id and state.
 *
 * Two tables also get a second, narrower hash, for the rejections that change state by design
 * (DESIGN.md §4 Lockout: failures are counted in the database and audited):
 *   - `login` without its lock counters (failed_attempts, locked_until, locked_out);
 *   - `audit_event` without the rows a failure writes (FAILURE_AUDIT_ACTIONS).
 * A comparison uses the narrow hash only for an answer that is such a failure (see
 * `allowedChanges` in the fuzz suite); every other rejection must leave the full hashes alone.
 *
 * `fuzz_writes` is this file's own instrumentation (WriteCounters), not application state.
 */
export const EXCLUDED_TABLES = new Set(['session', 'fuzz_writes']);

/** Lock counters: the only columns of `login` a failed password or factor attempt may write. */
export const LOCK_COLUMNS = ['failed_attempts', 'locked_until', 'locked_out'];

/** What a failed password, factor or pick writes to the audit log (DESIGN.md §5.6). */
export const FAILURE_AUDIT_ACTIONS = [
  'sign-in.failed',
  'sign-in.pick-refused',
  'factor.failed',
  'login.locked',
  'enrolment.refused',
];

export type Snapshot = Record<string, string>;

interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
}

export class DatabaseSnapshots {
  private tables: TableShape[] = [];
  private postgres = false;
  private pgQuery = '';

  constructor(private readonly dataSource: DataSource) {}

  async init(): Promise<this> {
    this.postgres = this.dataSource.options.type === 'postgres';
    const names: string[] = this.postgres
      ? (
          await this.dataSource.query(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
          )
        ).map((r: { name: string }) => r.name)
      : (
          await this.dataSource.query(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`,
          )
        ).map((r: { name: string }) => r.name);
    for (const name of names.filter((n) => !EXCLUDED_TABLES.has(n))) {
      let columns: string[];
      let primaryKey: string[];
      if (this.postgres) {
        columns = (
          await this.dataSource.query(
            `SELECT column_name AS c FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
            [name],
          )
        ).map((r: { c: string }) => r.c);
        primaryKey = (
          await this.dataSource.query(
            `SELECT k.column_name AS c FROM information_schema.table_constraints t
             JOIN information_schema.key_column_usage k
               ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
             WHERE t.table_schema = current_schema() AND t.table_name = $1
               AND t.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position`,
            [name],
          )
        ).map((r: { c: string }) => r.c);
      } else {
        const info: Array<{ name: string; pk: number }> = await this.dataSource.query(
          `PRAGMA table_info("${name}")`,
        );
        columns = info.map((c) => c.name);
        primaryKey = info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
      }
      this.tables.push({ name, columns, primaryKey: primaryKey.length ? primaryKey : columns });
    }
    if (this.postgres) this.pgQuery = this.tables.flatMap((t) => this.pgParts(t)).join('\nUNION ALL\n');
    return this;
  }

  /** Names of the tables a snapshot covers. */
  get tableNames(): string[] {
    return this.tables.map((t) => t.name);
  }

  async take(): Promise<Snapshot> {
    const snapshot: Snapshot = {};
    if (this.postgres) {
      const rows: Array<{ k: string; n: number; h: string | null }> = await this.dataSource.query(
        this.pgQuery,
      );
      for (const r of rows) snapshot[r.k] = `${r.n}:${r.h ?? ''}`;
      return snapshot;
    }
    for (const table of this.tables) {
      const order = table.primaryKey.map((c) => `"${c}"`).join(', ');
      const rows: Array<Record<string, unknown>> = await this.dataSource.query(
        `SELECT * FROM "${table.name}" ORDER BY ${order}`,
      );
      const full = createHash('sha256');
      const narrow = createHash('sha256');
      let narrowCount = 0;
      for (const row of rows) {
        full.update(JSON.stringify(table.columns.map((c) => row[c])));
        full.update('\n');
        if (table.name === 'login') {
          narrow.update(
            JSON.stringify(table.columns.filter((c) => !LOCK_COLUMNS.includes(c)).map((c) => row[c])),
          );
          narrow.update('\n');
          narrowCount++;
        } else if (table.name === 'audit_event' && !FAILURE_AUDIT_ACTIONS.includes(String(row['action']))) {
          narrow.update(JSON.stringify(table.columns.map((c) => row[c])));
          narrow.update('\n');
          narrowCount++;
        }
      }
      snapshot[table.name] = `${rows.length}:${full.digest('hex')}`;
      if (table.name === 'login' || table.name === 'audit_event')
        snapshot[`${table.name}~narrow`] = `${narrowCount}:${narrow.digest('hex')}`;
    }
    return snapshot;
  }

  private pgParts(table: TableShape): string[] {
    const q = (c: string) => `"${c}"`;
    const order = table.primaryKey.map((c) => `x.${q(c)}`).join(', ');
    const rowText = (cols: string[]) => `json_build_array(${cols.map((c) => `x.${q(c)}`).join(', ')})::text`;
    const part = (key: string, cols: string[], where = '') =>
      `(SELECT '${key}' AS k, count(*)::int AS n, md5(string_agg(${rowText(cols)}, E'\\n' ORDER BY ${order})) AS h
        FROM "${table.name}" x ${where})`;
    const parts = [part(table.name, table.columns)];
    if (table.name === 'login')
      parts.push(
        part(
          'login~narrow',
          table.columns.filter((c) => !LOCK_COLUMNS.includes(c)),
        ),
      );
    if (table.name === 'audit_event')
      parts.push(
        part(
          'audit_event~narrow',
          table.columns,
          `WHERE x.action NOT IN (${FAILURE_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')})`,
        ),
      );
    return parts;
  }
}

/** The keys of two snapshots whose contents differ, ignoring `ignore`. */
export function changedTables(
  before: Snapshot,
  after: Snapshot,
  ignore: ReadonlySet<string> = new Set(),
): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !ignore.has(k) && before[k] !== after[k]).sort();
}

/**
 * Per-request change detection that costs one tiny query: triggers on every table but the
 * excluded ones count the rows each request inserts, deletes or really changes (an UPDATE that
 * leaves every value as it was does not count), in `fuzz_writes`. The same two narrow classes
 * as the snapshots are kept apart, so a failure's lock counters and failure audit rows can be
 * allowed without allowing anything else:
 *   `login~lock`          an UPDATE of login that changes only its lock counters;
 *   `audit_event~failure` an INSERT of an audit row whose action is a failure's.
 * A transaction that rolls back rolls its counts back too: a rolled-back write changed nothing.
 * The content snapshots above stay the reference: the fuzz suite compares them around every run
 * of rejected requests, which also proves these triggers miss nothing.
 */
export class WriteCounters {
  private postgres = false;

  constructor(private readonly dataSource: DataSource) {}

  async install(tables: string[]): Promise<this> {
    this.postgres = this.dataSource.options.type === 'postgres';
    const q = (sql: string) => this.dataSource.query(sql);
    await q(`CREATE TABLE fuzz_writes (k varchar(100) PRIMARY KEY, n integer NOT NULL)`);
    const columnsOf = async (table: string): Promise<string[]> =>
      this.postgres
        ? (
            await this.dataSource.query(
              `SELECT column_name AS c FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = $1`,
              [table],
            )
          ).map((r: { c: string }) => r.c)
        : (await this.dataSource.query(`PRAGMA table_info("${table}")`)).map((c: { name: string }) => c.name);
    const failures = FAILURE_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ');
    if (this.postgres) {
      await q(`CREATE FUNCTION fuzz_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO fuzz_writes (k, n) VALUES (TG_ARGV[0], 1)
            ON CONFLICT (k) DO UPDATE SET n = fuzz_writes.n + 1;
          RETURN NULL;
        END $$`);
    }
    const bump = (key: string) =>
      `INSERT INTO fuzz_writes (k, n) VALUES ('${key}', 1) ON CONFLICT (k) DO UPDATE SET n = n + 1;`;
    let serial = 0;
    const trigger = async (table: string, event: string, key: string, when?: string) => {
      const name = `fuzz_w_${++serial}`;
      if (this.postgres) {
        await q(
          `CREATE TRIGGER ${name} AFTER ${event} ON "${table}" FOR EACH ROW ${when ? `WHEN (${when})` : ''}
           EXECUTE FUNCTION fuzz_bump('${key}')`,
        );
      } else {
        await q(
          `CREATE TRIGGER ${name} AFTER ${event} ON "${table}" FOR EACH ROW ${when ? `WHEN ${when}` : ''}
           BEGIN ${bump(key)} END`,
        );
      }
    };
    const changed = (cols: string[]) =>
      `(${cols.map((c) => `OLD."${c}" ${this.postgres ? 'IS DISTINCT FROM' : 'IS NOT'} NEW."${c}"`).join(' OR ')})`;
    for (const table of tables) {
      const columns = await columnsOf(table);
      await trigger(table, 'DELETE', table);
      if (table === 'audit_event') {
        await trigger(table, 'INSERT', `${table}~failure`, `NEW.action IN (${failures})`);
        await trigger(table, 'INSERT', table, `NEW.action NOT IN (${failures})`);
      } else {
        await trigger(table, 'INSERT', table);
      }
      if (table === 'login') {
        await trigger(table, 'UPDATE', table, changed(columns.filter((c) => !LOCK_COLUMNS.includes(c))));
        await trigger(
          table,
          'UPDATE',
          `${table}~lock`,
          changed(LOCK_COLUMNS.filter((c) => columns.includes(c))),
        );
      } else {
        await trigger(table, 'UPDATE', table, changed(columns));
      }
    }
    return this;
  }

  async read(): Promise<Record<string, number>> {
    const rows: Array<{ k: string; n: number | string }> = await this.dataSource.query(
      `SELECT k, n FROM fuzz_writes`,
    );
    return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
  }
}

/** The keys whose counts grew between two readings. */
export function grownCounters(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((k) => (after[k] ?? 0) !== (before[k] ?? 0))
    .sort();
}

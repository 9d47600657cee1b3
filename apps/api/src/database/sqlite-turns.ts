import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager, type DataSource } from 'typeorm';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { EntityPersistExecutor } from 'typeorm/persistence/EntityPersistExecutor';

/**
 * One transaction at a time on SQLite. TypeORM runs every SQLite statement on one connection,
 * and a transaction begun while another is open becomes a SAVEPOINT inside it: a request's
 * statements made meanwhile join the other's transaction and are lost when it rolls back (an
 * attempt's reservation, an audit event), and the savepoints of two requests release each
 * other's. Here a transaction takes the connection for its whole length: every statement from
 * elsewhere, and every other transaction, waits its turn, in the order it asked. Statements of
 * the transaction itself (its async context, `AsyncLocalStorage`) go straight on. PostgreSQL has
 * a connection per transaction and is left alone.
 *
 * Not covered: `queryRunner.startTransaction()` called directly (TypeORM's migrations and schema
 * builder, a query builder's `useTransaction(true)`). Migrations run inside `initialize()`, before
 * the app takes a request; nothing else of ours does it. Work inside a transaction that waits for
 * something started from another async context which itself needs the connection would wait
 * forever: a transaction's work awaits only its own statements (and hashes, which hold the turn).
 */
class ConnectionTurns {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` alone on the connection, after whatever asked before; nested calls run in place. */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    const held = holders.getStore();
    if (held?.turns === this && !held.ended) {
      held.inFlight += 1;
      try {
        return await work();
      } finally {
        held.inFlight -= 1;
        if (held.ended && held.inFlight === 0) held.release?.();
      }
    }
    const before = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    await before;
    const holder: Holder = { turns: this, ended: false, inFlight: 0, release: null };
    try {
      return await holders.run(holder, work);
    } finally {
      holder.ended = true;
      // A statement the work started and left running (a Promise.all that one rejection cut
      // short) still finishes inside this turn, not in the next holder's transaction.
      if (holder.inFlight === 0) done();
      else holder.release = done;
    }
  }
}

interface Holder {
  turns: ConnectionTurns;
  /** New work from the transaction's context after it ended waits its turn like any other. */
  ended: boolean;
  /** Statements of the holder under way; the turn passes on when the last one ends. */
  inFlight: number;
  release: (() => void) | null;
}

const holders = new AsyncLocalStorage<Holder>();
const turnsOf = new WeakMap<object, ConnectionTurns>();

function turnsFor(dataSource: DataSource | undefined): ConnectionTurns | null {
  if (dataSource?.options.type !== 'better-sqlite3') return null;
  const driver = dataSource.driver as object;
  let turns = turnsOf.get(driver);
  if (!turns) {
    turns = new ConnectionTurns();
    turnsOf.set(driver, turns);
  }
  return turns;
}

let installed = false;

/** Installs the turns once per process (prototype wrappers that act on SQLite data sources only). */
export function takeSqliteTurns(): void {
  if (installed) return;
  installed = true;

  type Transaction = EntityManager['transaction'];
  const transaction = EntityManager.prototype.transaction as (...args: unknown[]) => Promise<unknown>;
  EntityManager.prototype.transaction = function (this: EntityManager, ...args: unknown[]) {
    const turns = turnsFor(this.connection);
    return turns ? turns.alone(() => transaction.apply(this, args)) : transaction.apply(this, args);
  } as Transaction;

  // save() and remove() open a transaction of their own when none is active.
  const persist = EntityPersistExecutor.prototype.execute;
  EntityPersistExecutor.prototype.execute = function (this: EntityPersistExecutor) {
    const turns = turnsFor((this as unknown as { dataSource: DataSource }).dataSource);
    return turns ? turns.alone(() => persist.call(this)) : persist.call(this);
  };

  const query = BetterSqlite3QueryRunner.prototype.query as (...args: unknown[]) => Promise<unknown>;
  BetterSqlite3QueryRunner.prototype.query = function (this: BetterSqlite3QueryRunner, ...args: unknown[]) {
    const turns = turnsFor(this.connection);
    return turns ? turns.alone(() => query.apply(this, args)) : query.apply(this, args);
  } as BetterSqlite3QueryRunner['query'];
}

import { Store, type SessionData } from 'express-session';
import { LessThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { EndedSessionRow } from './ended-session.entity';
import { returningRows } from './conditional-write';
import { SessionRow } from './session.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an ended session's reason is kept for its browser to be told (`ended_session`). */
export const ENDED_SESSION_KEPT_MS = DAY_MS;
/** A session's expiry is moved forward in the database at most this often (rolling sessions). */
const TOUCH_EVERY_MS = 60 * 1000;
const REMEMBERED_EXPIRIES = 50_000;
type Callback<T = void> = (err?: unknown, value?: T) => void;

/**
 * express-session's store on our own `session` table, so that sessions live in the database
 * every API process shares, and so that they can be revoked by login or identity. `writeIn` and
 * `destroyIn` take a transaction's manager: a consumed code and the signed-in session it earns
 * commit together or not at all (the sign-in's session port passes it).
 */
export class TypeOrmSessionStore extends Store {
  private readonly rows: Repository<SessionRow>;
  private readonly endedRows: Repository<EndedSessionRow>;
  private readonly postgres: boolean;
  /** What was last written for each live session object (see `set`). */
  private readonly written = new WeakMap<SessionData, string>();
  /** The expiry each session last had in the database, as far as this process knows. */
  private readonly expiries = new Map<string, number>();

  constructor(dataSource: DataSource) {
    super();
    this.rows = dataSource.getRepository(SessionRow);
    this.endedRows = dataSource.getRepository(EndedSessionRow);
    this.postgres = dataSource.options.type === 'postgres';
  }

  private repository(manager?: EntityManager): Repository<SessionRow> {
    return manager ? manager.getRepository(SessionRow) : this.rows;
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.rows
      .findOneBy({ id: sid })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(undefined, null);
        this.rememberExpiry(sid, row.expiresAt.getTime());
        callback(undefined, JSON.parse(row.data) as SessionData);
      })
      .catch((e: unknown) => callback(e));
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.writeIn(undefined, sid, session).then(
      () => callback?.(),
      (e: unknown) => callback?.(e),
    );
  }

  /** Writes the session's row, in `manager`'s transaction when one is given. */
  async writeIn(manager: EntityManager | undefined, sid: string, session: SessionData): Promise<void> {
    // express-session saves a rotated session once more when the request ends (it does not see
    // the write made in the rotation's transaction), after touching its cookie's expiry. The
    // same object with the same content is one write, not two: a second upsert could bring back
    // a row that a reset deleted in between (the expiry moves on through `touch`).
    const written = `${sid}\n${contentOf(session)}`;
    if (this.written.get(session) === written) return;
    const row = rowOf(sid, session);
    await this.repository(manager).upsert(row, ['id']);
    this.written.set(session, written);
    this.rememberExpiry(sid, row.expiresAt.getTime());
  }

  /**
   * A session's new id (express-session's `regenerate`, in the caller's transaction): the old
   * row goes and the new one is written. On PostgreSQL one statement does both (one round trip).
   * With `mustExist`, nothing is written unless the old row was still there to delete: a session
   * revoked while the request ran (a reset, a suspension) is not carried on under a new id.
   * Answers whether the new row was written.
   */
  async replaceIn(
    manager: EntityManager | undefined,
    oldSid: string,
    sid: string,
    session: SessionData,
    mustExist = false,
  ): Promise<boolean> {
    this.expiries.delete(oldSid);
    if (!this.postgres) {
      const gone = (await this.repository(manager).delete({ id: oldSid })).affected ?? 0;
      if (mustExist && gone === 0) return false;
      await this.writeIn(manager, sid, session);
      return true;
    }
    const row = rowOf(sid, session);
    const written = await returningRows<{ id: string }>(
      manager ?? this.rows.manager,
      `WITH gone AS (DELETE FROM session WHERE id = :oldSid RETURNING id)
       INSERT INTO session (id, data, expires_at, identity_id, tenant_id, login_id)
       SELECT :id, :data, CAST(:expiresAt AS timestamptz), :identityId, :tenantId, :loginId
       WHERE :mustExist = false OR EXISTS (SELECT 1 FROM gone)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at,
         identity_id = EXCLUDED.identity_id, tenant_id = EXCLUDED.tenant_id, login_id = EXCLUDED.login_id
       RETURNING id`,
      { ...row, oldSid, mustExist },
    );
    if (written.length === 0) return false;
    this.written.set(session, `${sid}\n${contentOf(session)}`);
    this.rememberExpiry(sid, row.expiresAt.getTime());
    return true;
  }

  /** Rolling expiry without a write on every request: only once it has moved a minute. */
  override touch(sid: string, session: SessionData, callback?: Callback): void {
    const expiresAt = expiryOf(session);
    const known = this.expiries.get(sid);
    if (known !== undefined && expiresAt.getTime() - known < TOUCH_EVERY_MS) {
      callback?.();
      return;
    }
    this.rows
      .update({ id: sid }, { expiresAt })
      .then(() => {
        this.rememberExpiry(sid, expiresAt.getTime());
        callback?.();
      })
      .catch((e: unknown) => callback?.(e));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.destroyIn(undefined, sid).then(
      () => callback?.(),
      (e: unknown) => callback?.(e),
    );
  }

  /** Deletes the session's row, in `manager`'s transaction when one is given. */
  async destroyIn(manager: EntityManager | undefined, sid: string): Promise<void> {
    this.expiries.delete(sid);
    await this.repository(manager).delete({ id: sid });
  }

  private rememberExpiry(sid: string, expiresAt: number): void {
    if (this.expiries.size >= REMEMBERED_EXPIRIES) this.expiries.clear();
    this.expiries.set(sid, expiresAt);
  }

  /**
   * Deletes sessions whose time is up, and the records of ended sessions older than a day; the
   * app calls it now and then. Answers how many sessions went.
   */
  async prune(now = new Date()): Promise<number> {
    const result = await this.rows.delete({ expiresAt: LessThan(now) });
    await this.endedRows.delete({ endedAt: LessThan(new Date(now.getTime() - ENDED_SESSION_KEPT_MS)) });
    return result.affected ?? 0;
  }
}

function rowOf(sid: string, session: SessionData): SessionRow {
  const signIn = session.signIn;
  return {
    id: sid,
    data: JSON.stringify(session),
    expiresAt: expiryOf(session),
    identityId: signIn?.identityId ?? null,
    tenantId: signIn?.tenantId ?? null,
    loginId: signIn?.loginId ?? null,
  };
}

/** A session's content without its cookie (whose expiry every request moves). */
function contentOf(session: SessionData): string {
  return JSON.stringify(session, function (this: unknown, key, value: unknown) {
    return this === session && key === 'cookie' ? undefined : value;
  });
}

function expiryOf(session: SessionData): Date {
  const expires = session.cookie?.expires;
  if (expires) return new Date(expires);
  return new Date(Date.now() + DAY_MS);
}

import { Store, type SessionData } from 'express-session';
import { LessThan, type DataSource, type Repository } from 'typeorm';
import { SessionRow } from './session.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
type Callback<T = void> = (err?: unknown, value?: T) => void;

/**
 * express-session's store on our own `session` table, so that sessions live in the database
 * every API process shares, and so that they can be revoked by login or identity.
 */
export class TypeOrmSessionStore extends Store {
  private readonly rows: Repository<SessionRow>;

  constructor(dataSource: DataSource) {
    super();
    this.rows = dataSource.getRepository(SessionRow);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.rows
      .findOneBy({ id: sid })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(undefined, null);
        callback(undefined, JSON.parse(row.data) as SessionData);
      })
      .catch((e: unknown) => callback(e));
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    const signIn = session.signIn;
    const row: SessionRow = {
      id: sid,
      data: JSON.stringify(session),
      expiresAt: expiryOf(session),
      identityId: signIn?.identityId ?? null,
      tenantId: signIn?.tenantId ?? null,
      loginId: signIn?.loginId ?? null,
    };
    this.rows
      .upsert(row, ['id'])
      .then(() => callback?.())
      .catch((e: unknown) => callback?.(e));
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.rows
      .update({ id: sid }, { expiresAt: expiryOf(session) })
      .then(() => callback?.())
      .catch((e: unknown) => callback?.(e));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.rows
      .delete({ id: sid })
      .then(() => callback?.())
      .catch((e: unknown) => callback?.(e));
  }

  /** Deletes sessions whose time is up; the app calls it now and then. */
  async prune(now = new Date()): Promise<number> {
    const result = await this.rows.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}

function expiryOf(session: SessionData): Date {
  const expires = session.cookie?.expires;
  if (expires) return new Date(expires);
  return new Date(Date.now() + DAY_MS);
}

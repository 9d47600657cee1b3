import type { SessionData } from 'express-session';
import { DataSource } from 'typeorm';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness';
import type { SignedIn } from '../sign-in/sign-in-session';
import { dataSourceOptions } from './data-source-options';
import { EndedSessionRow } from './ended-session.entity';
import { SessionRow } from './session.entity';
import { ENDED_SESSION_KEPT_MS, TypeOrmSessionStore } from './typeorm-session-store';

describe('TypeOrmSessionStore (real database)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: TypeOrmSessionStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(testConfig(db)), migrationsRun: true }).initialize();
    store = new TypeOrmSessionStore(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const call = <T>(fn: (cb: (err?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

  const session = (expiresInMs: number, signIn?: SessionData['signIn']): SessionData =>
    ({
      cookie: { originalMaxAge: expiresInMs, expires: new Date(Date.now() + expiresInMs) },
      ...(signIn ? { signIn } : {}),
    }) as unknown as SessionData;

  const signedIn: SignedIn = {
    stage: 'signed-in',
    identityId: '00000000-0000-4000-8000-000000000001',
    email: 'someone@acme.test',
    loginId: '00000000-0000-4000-8000-000000000002',
    tenantId: '00000000-0000-4000-8000-000000000003',
    role: 'user',
    signedInAt: 1,
  };

  it('keeps a session, with who it belongs to in columns for revocation', async () => {
    await call((cb) => store.set('sid-1', session(60_000, signedIn), cb));
    const back = await call<SessionData | null>((cb) => store.get('sid-1', cb));
    expect(back?.signIn).toEqual(signedIn);
    const row = await ds.getRepository(SessionRow).findOneByOrFail({ id: 'sid-1' });
    expect(row).toMatchObject({
      loginId: signedIn.loginId,
      tenantId: signedIn.tenantId,
      identityId: signedIn.identityId,
    });
  });

  it('overwrites on a second set, and forgets on destroy', async () => {
    await call((cb) => store.set('sid-2', session(60_000), cb));
    await call((cb) => store.set('sid-2', session(60_000, signedIn), cb));
    expect(await ds.getRepository(SessionRow).countBy({ id: 'sid-2' })).toBe(1);
    await call((cb) => store.destroy('sid-2', cb));
    expect(await call((cb) => store.get('sid-2', cb))).toBeNull();
  });

  it('answers nothing for an expired session, and prunes it', async () => {
    await call((cb) => store.set('sid-old', session(-1000, signedIn), cb));
    expect(await call((cb) => store.get('sid-old', cb))).toBeNull();
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
    expect(await ds.getRepository(SessionRow).countBy({ id: 'sid-old' })).toBe(0);
    expect(await ds.getRepository(SessionRow).countBy({ id: 'sid-1' })).toBe(1);
  });

  it("forgets an ended session's reason after a day, with the expired sessions", async () => {
    const ended = ds.getRepository(EndedSessionRow);
    const now = Date.now();
    await ended.insert([
      { id: 'ended-old', reason: 'reset', endedAt: new Date(now - ENDED_SESSION_KEPT_MS - 60_000) },
      { id: 'ended-new', reason: 'deactivated', endedAt: new Date(now - ENDED_SESSION_KEPT_MS + 60_000) },
    ]);
    await store.prune(new Date(now));
    expect((await ended.find({ order: { id: 'ASC' } })).map((r) => r.id)).toEqual(['ended-new']);
  });

  it('extends the expiry on touch', async () => {
    await call((cb) => store.set('sid-3', session(1000), cb));
    const later = session(3_600_000);
    await call((cb) => store.touch('sid-3', later, cb));
    const row = await ds.getRepository(SessionRow).findOneByOrFail({ id: 'sid-3' });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('writes a rolling expiry at most once a minute', async () => {
    await call((cb) => store.set('sid-4', session(600_000), cb));
    const stored = async () =>
      (await ds.getRepository(SessionRow).findOneByOrFail({ id: 'sid-4' })).expiresAt.getTime();
    const first = await stored();
    await call((cb) => store.touch('sid-4', session(630_000), cb));
    expect(await stored()).toBe(first);
    await call((cb) => store.touch('sid-4', session(700_000), cb));
    expect(await stored()).toBeGreaterThan(first + 60_000);
  });

  it('rotates a session to a new id, and refuses to when its row was revoked meanwhile', async () => {
    const rows = ds.getRepository(SessionRow);
    await call((cb) => store.set('sid-old', session(60_000, signedIn), cb));
    expect(await store.replaceIn(undefined, 'sid-old', 'sid-new', session(60_000, signedIn), true)).toBe(
      true,
    );
    expect(await rows.existsBy({ id: 'sid-old' })).toBe(false);
    expect(await rows.existsBy({ id: 'sid-new' })).toBe(true);
    // 'sid-old' is gone (as a reset deletes it): carried on under another id, it would undo that.
    expect(await store.replaceIn(undefined, 'sid-old', 'sid-other', session(60_000, signedIn), true)).toBe(
      false,
    );
    expect(await rows.existsBy({ id: 'sid-other' })).toBe(false);
    // A first sign-in's session was never stored: without mustExist it is written.
    expect(await store.replaceIn(undefined, 'never-stored', 'sid-first', session(60_000, signedIn))).toBe(
      true,
    );
    expect(await rows.existsBy({ id: 'sid-first' })).toBe(true);
  });
});

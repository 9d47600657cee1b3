import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Login } from '../directory/login.entity';
import { loginIdsOfUserType } from '../directory/login-store';
import { RememberedBrowser } from './factor.entities';

const DAY_MS = 24 * 60 * 60 * 1000;
const cookieName = (loginId: string) => `lk_rb_${loginId}`;
/** The httpOnly cookie that carries a remembered browser's token (the edge sets it). */
export interface BrowserCookie {
  name: string;
  value: string;
  expires: Date;
  path: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * "Remember this browser": after a successful code, a random token in an httpOnly cookie lets
 * this browser skip the code for the days the user type allows. Only its hash is stored, bound
 * to the login; a reset, a sign-out everywhere or a raised policy deletes the rows.
 */
@Injectable()
export class RememberedBrowsers {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the row; answers the cookie the edge sets on the answer (null: nothing to remember). */
  async remember(
    tenantId: string,
    loginId: string,
    days: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BrowserCookie | null> {
    if (days <= 0) return null;
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + days * DAY_MS);
    await manager
      .getRepository(RememberedBrowser)
      .insert({ tenantId, id, loginId, tokenHash: sha256(token), expiresAt, createdAt: now });
    return { name: cookieName(loginId), value: `${id}.${token}`, expires: expiresAt, path: '/api' };
  }

  /**
   * The id of this browser's row when it was remembered for this login, not so long ago that
   * the type's days have passed; null otherwise.
   */
  async recognises(
    cookies: Readonly<Record<string, string>>,
    login: Pick<Login, 'tenantId' | 'id'>,
    days: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    if (days <= 0) return null;
    const raw = cookies[cookieName(login.id)];
    const [id, token] = (raw ?? '').split('.');
    if (!id || !token) return null;
    const row = await manager
      .getRepository(RememberedBrowser)
      .findOneBy({ tenantId: login.tenantId, id, loginId: login.id });
    if (!row) return null;
    const now = Date.now();
    // A shorter setting applies at once: the browser counts from when it was remembered.
    if (row.expiresAt.getTime() <= now || row.createdAt.getTime() + days * DAY_MS <= now) return null;
    const expected = Buffer.from(row.tokenHash, 'hex');
    const given = Buffer.from(sha256(token), 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given) ? row.id : null;
  }

  /**
   * Whether the remembered row still exists, in the transaction that signs in on its strength
   * (and, on PostgreSQL, holding it until then): a reset that forgot it meanwhile wins.
   */
  async stillRemembered(
    manager: EntityManager,
    login: Pick<Login, 'tenantId' | 'id'>,
    id: string,
  ): Promise<boolean> {
    const touched = await manager
      .createQueryBuilder()
      .update(RememberedBrowser)
      .set({ expiresAt: () => 'expires_at' })
      .where('tenant_id = :tenantId AND id = :id AND login_id = :loginId', {
        tenantId: login.tenantId,
        id,
        loginId: login.id,
      })
      .execute();
    return touched.affected === 1;
  }

  forgetLogin(tenantId: string, loginId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.delete(RememberedBrowser, { tenantId, loginId });
  }

  forgetUserType(tenantId: string, userTypeId: string, manager: EntityManager = this.dataSource.manager) {
    const logins = loginIdsOfUserType(manager);
    return manager
      .createQueryBuilder()
      .delete()
      .from(RememberedBrowser)
      .where(`tenant_id = :tenantId AND login_id IN ${logins}`, { tenantId, userTypeId })
      .execute();
  }

  forgetTenant(tenantId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.delete(RememberedBrowser, { tenantId });
  }

  forgetEverywhere(manager: EntityManager = this.dataSource.manager) {
    return manager.createQueryBuilder().delete().from(RememberedBrowser).execute();
  }
}

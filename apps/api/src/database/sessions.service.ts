import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { loginIdsOfTenant, loginIdsOfUserType } from '../directory/login-store';
import { revokeProviderGrants } from '../oidc/oidc-adapter';
import { SessionRow } from './session.entity';

/**
 * Revokes sessions server-side: a deleted row is a session that no cookie can bring back. With
 * them go what the OpenID provider issued to the same logins for the tenants' applications
 * (grants, refresh and access tokens, codes): they end at once on every API process.
 */
@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async revokeLogin(
    tenantId: string,
    loginId: string,
    keep: string | null = null,
    manager?: EntityManager,
  ): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    await revokeProviderGrants(m, { loginId });
    const q = m
      .createQueryBuilder()
      .delete()
      .from(SessionRow)
      .where('tenant_id = :tenantId AND login_id = :loginId', { tenantId, loginId });
    if (keep) q.andWhere('id <> :keep', { keep });
    return (await q.execute()).affected ?? 0;
  }

  async revokeUserType(
    tenantId: string,
    userTypeId: string,
    keep: string | null = null,
    manager?: EntityManager,
  ): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    const logins = loginIdsOfUserType(m);
    await revokeProviderGrants(m, { subQuery: logins, parameters: { tenantId, userTypeId } });
    const q = m
      .createQueryBuilder()
      .delete()
      .from(SessionRow)
      .where(`tenant_id = :tenantId AND login_id IN ${logins}`, { tenantId, userTypeId });
    if (keep) q.andWhere('id <> :keep', { keep });
    return (await q.execute()).affected ?? 0;
  }

  async revokeTenant(tenantId: string, keep: string | null = null, manager?: EntityManager): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    await revokeProviderGrants(m, { subQuery: loginIdsOfTenant(m), parameters: { tenantId } });
    const q = m.createQueryBuilder().delete().from(SessionRow).where('tenant_id = :tenantId', { tenantId });
    if (keep) q.andWhere('id <> :keep', { keep });
    return (await q.execute()).affected ?? 0;
  }
}

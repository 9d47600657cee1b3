import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LockedLoginRow } from '@latchkey/contracts';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant, type TenantKind } from '../directory/tenant.entity';

/** The most rows the list answers; past it the super user unlocks from the top. */
export const MAX_LOCKED_LOGINS = 500;

/** The super user's view of the lockouts: every login locked now, in any tenant or the platform. */
@Injectable()
export class LockedLoginsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Logins locked until someone unlocks them, or waiting until a time after `now`; sorted by
   * tenant name (case-blind) and email, at most MAX_LOCKED_LOGINS.
   */
  async list(now: Date = new Date()): Promise<LockedLoginRow[]> {
    const { entities, raw } = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .select([
        'l.tenantId',
        'l.id',
        'l.displayName',
        'l.role',
        'l.failedAttempts',
        'l.lockedOut',
        'l.lockedUntil',
      ])
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .innerJoin(Tenant, 't', 't.id = l.tenant_id')
      .addSelect('i.email', 'email')
      .addSelect('t.name', 'tenant_name')
      .addSelect('t.kind', 'tenant_kind')
      .addSelect('LOWER(t.name)', 'tenant_sort')
      .where('(l.locked_out OR (l.locked_until IS NOT NULL AND l.locked_until > :now))', { now })
      .orderBy('tenant_sort', 'ASC')
      .addOrderBy('i.email', 'ASC')
      .addOrderBy('l.display_name', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .limit(MAX_LOCKED_LOGINS)
      .getRawAndEntities<{ l_id: string; email: string; tenant_name: string; tenant_kind: TenantKind }>();
    const joined = new Map(raw.map((r) => [r.l_id, r]));
    return entities.flatMap((login) => {
      const r = joined.get(login.id);
      if (!r) return [];
      const waiting = !!login.lockedUntil && login.lockedUntil.getTime() > now.getTime();
      return [
        {
          tenantId: login.tenantId,
          tenantName: r.tenant_name,
          platform: r.tenant_kind === 'platform',
          loginId: login.id,
          email: r.email,
          displayName: login.displayName,
          role: login.role,
          failedAttempts: login.failedAttempts ?? 0,
          lockedOut: !!login.lockedOut,
          // A wait that has ended is no wait: a hard lock alone shows no end.
          lockedUntil: waiting && login.lockedUntil ? login.lockedUntil.toISOString() : null,
        },
      ];
    });
  }
}

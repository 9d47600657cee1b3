import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PolicyPreviewAnswer, TwoFactorMethod } from '@latchkey/contracts';
import { isEnrolled } from '@latchkey/policy';
import { Login } from '../directory/login.entity';
import { PolicyContextService } from './policy-context';
import type { PolicyPreviewDto } from './policy.dto';
import { PolicyService } from './policy.service';

/** A group of logins that the resolver treats alike: what a preview counts. */
interface LoginGroup {
  userTypeId: string;
  exceptionMethod: TwoFactorMethod | null;
  optedIn: boolean;
  hasAuthenticator: boolean;
  hasPin: boolean;
  count: number;
}

/** The preview of a policy change: who it affects, before anything is saved. */
@Injectable()
export class PolicyPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: PolicyContextService,
    private readonly policy: PolicyService,
  ) {}

  /**
   * Who a proposed change affects: logins whose effective method would change, and of those
   * the ones that would have to enrol. One grouped query, then the resolver per group.
   */
  async preview(tenantId: string, dto: PolicyPreviewDto): Promise<PolicyPreviewAnswer> {
    const ctx = await this.context.load(tenantId);
    const proposedMethods = new Map<string, TwoFactorMethod>();
    for (const change of dto.userTypes ?? []) {
      this.policy.requireUserType(ctx, change.userTypeId, 'userTypes');
      proposedMethods.set(change.userTypeId, change.method);
    }
    const tenantFloorAfter =
      dto.mandatoryForAll === undefined
        ? this.context.tenantFloor(ctx.tenant)
        : dto.mandatoryForAll
          ? { method: 'authenticator' as const, setBy: null, setAt: null }
          : null;

    const byType = new Map<string, { affected: number; mustEnrol: number }>();
    for (const t of ctx.userTypes.keys()) byType.set(t, { affected: 0, mustEnrol: 0 });
    for (const group of await this.loginGroups(tenantId)) {
      const login = {
        userTypeId: group.userTypeId,
        role: 'user' as const,
        exceptionMethod: group.exceptionMethod,
        optedInAt: group.optedIn ? new Date(0) : null,
      };
      const before = this.context.resolve(ctx, login);
      const proposed = proposedMethods.get(group.userTypeId);
      const typePolicy = this.context.userTypePolicy(ctx.userTypes.get(group.userTypeId));
      const after = this.context.resolve(ctx, login, {
        tenantFloor: tenantFloorAfter,
        userTypePolicy: proposed && typePolicy ? { ...typePolicy, method: proposed } : typePolicy,
      });
      if (before.method === after.method) continue;
      const counts = byType.get(group.userTypeId);
      if (!counts) continue;
      counts.affected += group.count;
      if (!isEnrolled(after.method, group)) counts.mustEnrol += group.count;
    }
    const byUserType = [...byType].map(([userTypeId, c]) => ({
      userTypeId,
      userTypeName: ctx.userTypes.get(userTypeId)?.name ?? '',
      ...c,
    }));
    return {
      affected: byUserType.reduce((n, g) => n + g.affected, 0),
      mustEnrol: byUserType.reduce((n, g) => n + g.mustEnrol, 0),
      byUserType,
    };
  }

  private async loginGroups(tenantId: string): Promise<LoginGroup[]> {
    const flag = (column: string) => `CASE WHEN l.${column} IS NULL THEN 0 ELSE 1 END`;
    const rows: Array<Record<string, string | number | null>> = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .select('l.user_type_id', 'user_type_id')
      .addSelect('l.exception_method', 'exception_method')
      .addSelect(flag('opted_in_at'), 'opted')
      .addSelect(flag('totp_enrolled_at'), 'totp')
      .addSelect(flag('pin_set_at'), 'pin')
      .addSelect('COUNT(*)', 'n')
      .where('l.tenant_id = :tenantId', { tenantId })
      .groupBy('l.user_type_id')
      .addGroupBy('l.exception_method')
      .addGroupBy(flag('opted_in_at'))
      .addGroupBy(flag('totp_enrolled_at'))
      .addGroupBy(flag('pin_set_at'))
      .getRawMany();
    return rows.map((r) => ({
      userTypeId: String(r['user_type_id']),
      exceptionMethod: (r['exception_method'] as TwoFactorMethod | null) ?? null,
      optedIn: Number(r['opted']) === 1,
      hasAuthenticator: Number(r['totp']) === 1,
      hasPin: Number(r['pin']) === 1,
      count: Number(r['n']),
    }));
  }
}

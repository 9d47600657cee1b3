import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  emptyCounts,
  type AccountOverview,
  type PlatformOverview,
  type TwoFactorMethod,
} from '@latchkey/contracts';
import { rawTimestamp } from '../database/column-types';
import { Login } from '../directory/login.entity';
import { PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import { tallyBy, totalOf, type LoginGroup } from './enrolment-tally';

interface RawGroup {
  tenant_id: string;
  user_type_id: string;
  role: Login['role'];
  exception_method: TwoFactorMethod | null;
  opted: number | string | boolean;
  has_pin: number | string | boolean;
  has_totp: number | string | boolean;
  deadline: number | string;
  locked: number | string | boolean;
  n: number | string;
  nearest: Date | string | null;
}

/** A 0/1 flag the query computed (CASE … THEN 1 ELSE 0): a number, or its text on some drivers. */
const flag = (v: number | string | boolean) => Number(v) === 1;

/**
 * The home pages' numbers (issue 13): per user type, account and platform, how many active logins
 * must use each method and where they stand. One grouped query reads the logins (grouped by all
 * that the effective method and the state depend on: a few dozen groups whatever the number of
 * logins); the resolver then runs once per group, as the Users filters do.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PolicyContextService,
  ) {}

  async account(tenantId: string): Promise<AccountOverview> {
    const ctx = await this.policy.load(tenantId);
    const now = new Date();
    const groups = await this.groups(new Map([[tenantId, ctx]]), now);
    const byType = tallyBy(groups, (g) => g.userTypeId);
    return {
      totals: totalOf(groups),
      userTypes: [...ctx.userTypes.values()].map((t) => ({
        userTypeId: t.id,
        userTypeName: t.name,
        counts: byType.get(t.id) ?? emptyCounts(),
      })),
      at: now.toISOString(),
    };
  }

  async platform(): Promise<PlatformOverview> {
    const contexts = await this.policy.loadAll();
    const now = new Date();
    const groups = await this.groups(contexts, now);
    const byTenant = tallyBy(groups, (g) => g.tenantId);
    return {
      totals: totalOf(groups),
      tenants: [...contexts.values()]
        .sort((a, b) => a.tenant.name.localeCompare(b.tenant.name))
        .map((ctx) => ({
          tenantId: ctx.tenant.id,
          tenantName: ctx.tenant.name,
          counts: byTenant.get(ctx.tenant.id) ?? emptyCounts(),
        })),
      at: now.toISOString(),
    };
  }

  /** The active logins of these accounts, grouped, each group with its effective method. */
  private async groups(contexts: Map<string, TenantPolicyContext>, now: Date): Promise<LoginGroup[]> {
    if (contexts.size === 0) return [];
    const opted = 'CASE WHEN l.opted_in_at IS NULL THEN 0 ELSE 1 END';
    const hasPin = 'CASE WHEN l.pin_set_at IS NULL THEN 0 ELSE 1 END';
    const hasTotp = 'CASE WHEN l.totp_enrolled_at IS NULL THEN 0 ELSE 1 END';
    const deadline =
      'CASE WHEN l.enrol_deadline IS NULL THEN 0 WHEN l.enrol_deadline > :now THEN 1 ELSE 2 END';
    const locked =
      'CASE WHEN l.locked_out OR (l.locked_until IS NOT NULL AND l.locked_until > :now) THEN 1 ELSE 0 END';
    const qb = this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .select('l.tenant_id', 'tenant_id')
      .addSelect('l.user_type_id', 'user_type_id')
      .addSelect('l.role', 'role')
      .addSelect('l.exception_method', 'exception_method')
      .addSelect(opted, 'opted')
      .addSelect(hasPin, 'has_pin')
      .addSelect(hasTotp, 'has_totp')
      .addSelect(deadline, 'deadline')
      .addSelect(locked, 'locked')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(CASE WHEN l.enrol_deadline > :now THEN l.enrol_deadline END)', 'nearest')
      .where('l.deactivated_at IS NULL')
      .setParameter('now', now);
    // One account by its index; every account in one pass (the platform's own logins are dropped below).
    if (contexts.size === 1) qb.andWhere('l.tenant_id = :tenantId', { tenantId: [...contexts.keys()][0] });
    for (const expression of [
      'l.tenant_id',
      'l.user_type_id',
      'l.role',
      'l.exception_method',
      opted,
      hasPin,
      hasTotp,
      deadline,
      locked,
    ])
      qb.addGroupBy(expression);
    const rows = await qb.getRawMany<RawGroup>();
    return rows.flatMap((r): LoginGroup[] => {
      const ctx = contexts.get(r.tenant_id);
      if (!ctx) return [];
      const effective = this.policy.resolve(ctx, {
        userTypeId: r.user_type_id,
        role: r.role,
        exceptionMethod: r.exception_method,
        exceptionSetBy: null,
        exceptionSetAt: null,
        optedInAt: flag(r.opted) ? new Date(0) : null,
      });
      const state = Number(r.deadline);
      return [
        {
          tenantId: r.tenant_id,
          userTypeId: r.user_type_id,
          method: effective.method,
          hasPin: flag(r.has_pin),
          hasAuthenticator: flag(r.has_totp),
          deadline: state === 0 ? 'none' : state === 1 ? 'ahead' : 'passed',
          locked: flag(r.locked),
          count: Number(r.n),
          nearestDeadline: rawTimestamp(r.nearest),
        },
      ];
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  PREVIEW_GROUPS,
  type Page,
  type PolicyPreviewAnswer,
  type PreviewGroupName,
  type PreviewLoginRow,
  type TwoFactorMethod,
} from '@latchkey/contracts';
import { changeGroupOf, methodRank, strongest, whyEmpty } from '@latchkey/policy';
import { badField } from '../common/http-errors';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { RememberedBrowser } from '../factors/factor.entities';
import { PolicyContextService, type TenantPolicyContext } from './policy-context';
import type { PolicyPreviewDto, PolicyPreviewLoginsDto } from './policy.dto';
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

interface Classified extends LoginGroup {
  before: TwoFactorMethod;
  after: TwoFactorMethod;
  group: Exclude<PreviewGroupName, 'browsers-forgotten'> | null;
}

/** A proposed change, resolved for every group of logins of the account. */
interface Proposal {
  ctx: TenantPolicyContext;
  groups: Classified[];
  /** User types the form changes (all of them when "mandatory for all" changes). */
  touchedTypes: Set<string>;
  /** User types whose remembered browsers the save would forget (a raise). */
  raisedTypes: Set<string>;
  strongestProposed: TwoFactorMethod | null;
  proposes: boolean;
}

const keyOf = (
  g: Pick<LoginGroup, 'userTypeId' | 'exceptionMethod' | 'optedIn' | 'hasAuthenticator' | 'hasPin'>,
) => [g.userTypeId, g.exceptionMethod ?? '-', +g.optedIn, +g.hasAuthenticator, +g.hasPin].join('|');

const flag = (column: string) => `CASE WHEN l.${column} IS NULL THEN 0 ELSE 1 END`;

/** The preview of a policy change: who it affects, before anything is saved, in counts and by name. */
@Injectable()
export class PolicyPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: PolicyContextService,
    private readonly policy: PolicyService,
  ) {}

  /**
   * Who a proposed change affects: logins whose effective method would change (must enrol,
   * already compliant, asked less), and those whose remembered browsers a raise forgets; an
   * empty group says why. One grouped query, then the resolver per group.
   */
  async preview(tenantId: string, dto: PolicyPreviewDto): Promise<PolicyPreviewAnswer> {
    const p = await this.propose(tenantId, dto);
    const byType = new Map<string, { affected: number; mustEnrol: number }>();
    for (const t of p.ctx.userTypes.keys()) byType.set(t, { affected: 0, mustEnrol: 0 });
    const counts: Record<PreviewGroupName, number> = {
      'must-enrol': 0,
      'already-compliant': 0,
      relaxed: 0,
      'browsers-forgotten': 0,
    };
    let raised = 0;
    let lowered = 0;
    for (const g of p.groups) {
      if (!g.group) continue;
      const c = byType.get(g.userTypeId);
      if (!c) continue;
      c.affected += g.count;
      if (g.group === 'must-enrol') c.mustEnrol += g.count;
      counts[g.group] += g.count;
      if (methodRank(g.after) > methodRank(g.before)) raised += g.count;
      else lowered += g.count;
    }
    counts['browsers-forgotten'] = p.raisedTypes.size
      ? await this.browsersQuery(tenantId, p.raisedTypes)
          .select('COUNT(*)', 'n')
          .getRawOne()
          .then((r) => Number(r?.n ?? 0))
      : 0;
    const byUserType = [...byType].map(([userTypeId, c]) => ({
      userTypeId,
      userTypeName: p.ctx.userTypes.get(userTypeId)?.name ?? '',
      ...c,
    }));
    const changed = counts['must-enrol'] + counts['already-compliant'] + counts.relaxed;
    const facts = {
      proposes: p.proposes,
      loginsTouched: p.groups
        .filter((g) => p.touchedTypes.has(g.userTypeId))
        .reduce((n, g) => n + g.count, 0),
      floor: this.context.floorLock(p.ctx),
      strongestProposed: p.strongestProposed,
      changed,
      raised,
      lowered,
      raisesPolicy: p.raisedTypes.size > 0,
    };
    return {
      affected: changed,
      mustEnrol: counts['must-enrol'],
      byUserType,
      groups: Object.fromEntries(
        PREVIEW_GROUPS.map((group) => [
          group,
          { count: counts[group], why: whyEmpty(group, counts[group], facts) },
        ]),
      ) as PolicyPreviewAnswer['groups'],
    };
  }

  /** One group of the preview by name, ordered by name, a page at a time. */
  async logins(tenantId: string, dto: PolicyPreviewLoginsDto): Promise<Page<PreviewLoginRow>> {
    const p = await this.propose(tenantId, dto);
    const page = dto.page ?? 1;
    const pageSize = dto.pageSize ?? 25;
    const qb =
      dto.group === 'browsers-forgotten'
        ? this.browsersQuery(tenantId, p.raisedTypes)
        : this.groupQuery(
            tenantId,
            p.groups.filter((g) => g.group === dto.group),
          );
    const counted = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const total = Number(counted?.n ?? 0);
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (page > lastPage) throw badField('page', `page ${page} is beyond the last page (${lastPage})`);
    const rows: Array<Record<string, string | number | null>> = await qb
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .select('l.id', 'id')
      .addSelect('l.display_name', 'display_name')
      .addSelect('i.email', 'email')
      .addSelect('l.user_type_id', 'user_type_id')
      .addSelect('l.exception_method', 'exception_method')
      .addSelect(flag('opted_in_at'), 'opted')
      .addSelect(flag('totp_enrolled_at'), 'totp')
      .addSelect(flag('pin_set_at'), 'pin')
      .orderBy('l.display_name', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany();
    const byKey = new Map(p.groups.map((g) => [keyOf(g), g]));
    const items = rows.map((r): PreviewLoginRow => {
      const userTypeId = String(r['user_type_id']);
      const g = byKey.get(
        keyOf({
          userTypeId,
          exceptionMethod: (r['exception_method'] as TwoFactorMethod | null) ?? null,
          optedIn: Number(r['opted']) === 1,
          hasAuthenticator: Number(r['totp']) === 1,
          hasPin: Number(r['pin']) === 1,
        }),
      );
      return {
        loginId: String(r['id']),
        displayName: String(r['display_name']),
        email: String(r['email']),
        userTypeId,
        userTypeName: p.ctx.userTypes.get(userTypeId)?.name ?? '',
        before: g?.before ?? 'off',
        after: g?.after ?? 'off',
      };
    });
    return { items, total, page, pageSize };
  }

  private async propose(tenantId: string, dto: PolicyPreviewDto): Promise<Proposal> {
    const ctx = await this.context.load(tenantId);
    const proposedMethods = new Map<string, TwoFactorMethod>();
    for (const change of dto.userTypes ?? []) {
      this.policy.requireUserType(ctx, change.userTypeId, 'userTypes');
      proposedMethods.set(change.userTypeId, change.method);
    }
    const wasMandatory = this.context.tenantFloor(ctx.tenant) !== null;
    const tenantFloorAfter =
      dto.mandatoryForAll === undefined
        ? this.context.tenantFloor(ctx.tenant)
        : dto.mandatoryForAll
          ? { method: 'authenticator' as const, setBy: null, setAt: null }
          : null;
    const mandatoryChanges = dto.mandatoryForAll !== undefined && dto.mandatoryForAll !== wasMandatory;
    const touchedTypes = new Set(mandatoryChanges ? ctx.userTypes.keys() : proposedMethods.keys());
    // What the save forgets: a type's method raised, or "mandatory for all" newly on.
    const raisedTypes = new Set(
      dto.mandatoryForAll && !wasMandatory
        ? ctx.userTypes.keys()
        : [...proposedMethods]
            .filter(([id, method]) => methodRank(method) > methodRank(ctx.userTypes.get(id)?.method ?? 'off'))
            .map(([id]) => id),
    );

    const groups = (await this.loginGroups(tenantId)).map((group): Classified => {
      const login = {
        userTypeId: group.userTypeId,
        role: 'user' as const,
        exceptionMethod: group.exceptionMethod,
        optedInAt: group.optedIn ? new Date(0) : null,
      };
      const before = this.context.resolve(ctx, login).method;
      const proposed = proposedMethods.get(group.userTypeId);
      const typePolicy = this.context.userTypePolicy(ctx.userTypes.get(group.userTypeId));
      const after = this.context.resolve(ctx, login, {
        tenantFloor: tenantFloorAfter,
        userTypePolicy: proposed && typePolicy ? { ...typePolicy, method: proposed } : typePolicy,
      }).method;
      return { ...group, before, after, group: changeGroupOf(before, after, group) };
    });
    const proposedList = [
      ...proposedMethods.values(),
      ...(dto.mandatoryForAll ? ['authenticator' as const] : []),
    ];
    return {
      ctx,
      groups,
      touchedTypes,
      raisedTypes,
      strongestProposed: strongest(proposedList, (m) => m),
      proposes: proposedMethods.size > 0 || mandatoryChanges,
    };
  }

  /** The logins of the given groups: a clause per group, as the Users filters build them. */
  private groupQuery(tenantId: string, groups: LoginGroup[]): SelectQueryBuilder<Login> {
    const qb = this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      // A deactivated login signs in no more: no change of policy affects it.
      .where('l.tenant_id = :tenantId AND l.deactivated_at IS NULL', { tenantId });
    const params: Record<string, string> = {};
    const clauses = groups.map((g, n) => {
      params[`ut${n}`] = g.userTypeId;
      if (g.exceptionMethod) params[`ex${n}`] = g.exceptionMethod;
      return [
        `l.user_type_id = :ut${n}`,
        g.exceptionMethod ? `l.exception_method = :ex${n}` : 'l.exception_method IS NULL',
        `l.opted_in_at IS ${g.optedIn ? 'NOT ' : ''}NULL`,
        `l.totp_enrolled_at IS ${g.hasAuthenticator ? 'NOT ' : ''}NULL`,
        `l.pin_set_at IS ${g.hasPin ? 'NOT ' : ''}NULL`,
      ].join(' AND ');
    });
    return qb.andWhere(clauses.length ? `((${clauses.join(') OR (')}))` : '1 = 0', params);
  }

  /** The logins of these user types with a remembered browser not yet expired. */
  private browsersQuery(tenantId: string, userTypeIds: Set<string>): SelectQueryBuilder<Login> {
    const qb = this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      // A deactivated login signs in no more: no change of policy affects it.
      .where('l.tenant_id = :tenantId AND l.deactivated_at IS NULL', { tenantId });
    if (userTypeIds.size === 0) return qb.andWhere('1 = 0');
    const remembered = qb
      .subQuery()
      .select('1')
      .from(RememberedBrowser, 'rb')
      .where('rb.tenant_id = l.tenant_id AND rb.login_id = l.id AND rb.expires_at > :now')
      .getQuery();
    return qb
      .andWhere('l.user_type_id IN (:...userTypeIds)', { userTypeIds: [...userTypeIds] })
      .andWhere(`EXISTS ${remembered}`, { now: new Date() });
  }

  private async loginGroups(tenantId: string): Promise<LoginGroup[]> {
    const rows: Array<Record<string, string | number | null>> = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .select('l.user_type_id', 'user_type_id')
      .addSelect('l.exception_method', 'exception_method')
      .addSelect(flag('opted_in_at'), 'opted')
      .addSelect(flag('totp_enrolled_at'), 'totp')
      .addSelect(flag('pin_set_at'), 'pin')
      .addSelect('COUNT(*)', 'n')
      .where('l.tenant_id = :tenantId AND l.deactivated_at IS NULL', { tenantId })
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

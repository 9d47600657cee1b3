import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EffectivePolicy, FloorLock, PolicySetting, TwoFactorMethod } from '@latchkey/contracts';
import {
  resolvePolicy,
  strongest,
  type Enrolment,
  type LayerSetting,
  type PolicyInput,
} from '@latchkey/policy';
import { AppConfig } from '../config/app-config';
import type { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';
import { GLOBAL_SETTING_ID, PlatformSetting } from './platform-setting.entity';

/** Every policy row that bears on the logins of one tenant: read once, resolved many times. */
export interface TenantPolicyContext {
  tenant: Tenant;
  platform: PlatformSetting | null;
  userTypes: Map<string, UserType>;
}

/** The parts of a login the resolver reads. */
export type LoginPolicyFields = Pick<
  Login,
  'userTypeId' | 'role' | 'exceptionMethod' | 'exceptionSetBy' | 'exceptionSetAt' | 'optedInAt'
>;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function layer(
  method: TwoFactorMethod | null | undefined,
  setBy?: string | null,
  setAt?: Date | null,
  graceDays = 0,
): LayerSetting | null {
  if (!method || method === 'off') return null;
  return { method, setBy: setBy ?? null, setAt: iso(setAt), graceDays };
}

export function settingView(s: LayerSetting | null): PolicySetting | null {
  return s ? { method: s.method, graceDays: s.graceDays ?? 0, setBy: s.setBy, setAt: s.setAt } : null;
}

export function enrolmentOf(login: Pick<Login, 'totpEnrolledAt' | 'pinSetAt'>): Enrolment {
  return { hasAuthenticator: !!login.totpEnrolledAt, hasPin: !!login.pinSetAt };
}

/** Reads policy rows and runs the pure resolver over them. Never writes. */
@Injectable()
export class PolicyContextService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The context of a tenant; `customerOnly` answers 404 for the platform tenant (owner routes). */
  async load(
    tenantId: string,
    customerOnly = true,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TenantPolicyContext> {
    // One read: the tenant, its user types and the platform's settings (every sign-in and every
    // owner's request starts here).
    const found = await manager
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .leftJoinAndMapMany('t.policyUserTypes', UserType, 'ut', 'ut.tenant_id = t.id')
      .leftJoinAndMapOne('t.policyPlatform', PlatformSetting, 'p', 'p.id = :global', {
        global: GLOBAL_SETTING_ID,
      })
      .where('t.id = :tenantId', { tenantId })
      .orderBy('ut.name', 'ASC')
      .getOne();
    if (!found || (customerOnly && found.kind !== 'customer')) throw new NotFoundException('No such tenant');
    const { policyUserTypes, policyPlatform, ...tenant } = found as Tenant & {
      policyUserTypes?: UserType[];
      policyPlatform?: PlatformSetting | null;
    };
    return {
      tenant: Object.assign(new Tenant(), tenant),
      platform: policyPlatform ?? null,
      userTypes: new Map((policyUserTypes ?? []).map((t) => [t.id, t])),
    };
  }

  /** Every customer account's context, in three reads whatever their number. */
  async loadAll(): Promise<Map<string, TenantPolicyContext>> {
    const manager = this.dataSource.manager;
    const [tenants, platform, userTypes] = await Promise.all([
      manager.getRepository(Tenant).find({ where: { kind: 'customer' } }),
      manager.getRepository(PlatformSetting).findOneBy({ id: GLOBAL_SETTING_ID }),
      manager.getRepository(UserType).find({ order: { name: 'ASC' } }),
    ]);
    const contexts = new Map<string, TenantPolicyContext>(
      tenants.map((tenant) => [tenant.id, { tenant, platform, userTypes: new Map() }]),
    );
    for (const type of userTypes) contexts.get(type.tenantId)?.userTypes.set(type.id, type);
    return contexts;
  }

  platformFloor(ctx: Pick<TenantPolicyContext, 'platform'>): LayerSetting | null {
    const p = ctx.platform;
    return p ? layer(p.floorMethod, p.floorSetBy, p.floorSetAt, p.floorGraceDays) : null;
  }

  tenantPlatformFloor(tenant: Tenant): LayerSetting | null {
    return layer(
      tenant.platformFloorMethod,
      tenant.platformFloorSetBy,
      tenant.platformFloorSetAt,
      tenant.platformFloorGraceDays ?? 0,
    );
  }

  tenantFloor(tenant: Tenant): LayerSetting | null {
    return layer(tenant.floorMethod, tenant.floorSetBy, tenant.floorSetAt, tenant.floorGraceDays ?? 0);
  }

  userTypePolicy(userType: UserType | undefined): LayerSetting | null {
    if (!userType) return null;
    return {
      method: userType.method ?? 'off',
      setBy: userType.policySetBy ?? null,
      setAt: iso(userType.policySetAt),
      graceDays: userType.graceDays ?? 0,
    };
  }

  /** The resolver's input for one login; `overrides` replace layers for a preview. */
  input(
    ctx: TenantPolicyContext,
    login: LoginPolicyFields,
    overrides: Partial<PolicyInput> = {},
  ): PolicyInput {
    return {
      isSuperUser: login.role === 'super',
      superUserGraceDays: this.config.superUserGraceDays,
      featureEnabled: ctx.tenant.twoFactorEnabled,
      platformFloor: this.platformFloor(ctx),
      tenantPlatformFloor: this.tenantPlatformFloor(ctx.tenant),
      tenantFloor: this.tenantFloor(ctx.tenant),
      userTypePolicy: this.userTypePolicy(ctx.userTypes.get(login.userTypeId)),
      exception: login.exceptionMethod
        ? {
            method: login.exceptionMethod,
            setBy: login.exceptionSetBy ?? null,
            setAt: iso(login.exceptionSetAt),
          }
        : null,
      ownChoice: login.optedInAt
        ? { method: 'authenticator', setBy: null, setAt: iso(login.optedInAt) }
        : null,
      ...overrides,
    };
  }

  resolve(
    ctx: TenantPolicyContext,
    login: LoginPolicyFields,
    overrides: Partial<PolicyInput> = {},
  ): EffectivePolicy {
    return resolvePolicy(this.input(ctx, login, overrides));
  }

  /**
   * The effective method of logins alike in what the method depends on (a group of the tally
   * `LoginTally` reads): the exception's author and time, and the opt-in's time, do not matter.
   */
  methodOfGroup(
    ctx: TenantPolicyContext,
    g: Pick<LoginPolicyFields, 'userTypeId' | 'role'> & {
      exceptionMethod: TwoFactorMethod | null;
      optedIn: boolean;
    },
  ): TwoFactorMethod {
    return this.resolve(ctx, {
      userTypeId: g.userTypeId,
      role: g.role,
      exceptionMethod: g.exceptionMethod,
      exceptionSetBy: null,
      exceptionSetAt: null,
      optedInAt: g.optedIn ? new Date(0) : null,
    }).method;
  }

  /** The strongest floor above the owner (platform-wide or for this tenant), if any. */
  platformLock(ctx: TenantPolicyContext): FloorLock | null {
    return strongestLock([
      ['platform-floor', this.platformFloor(ctx)],
      ['tenant-platform-floor', this.tenantPlatformFloor(ctx.tenant)],
    ]);
  }

  /** The strongest floor over user types and exceptions: platform floors and the owner's own. */
  floorLock(ctx: TenantPolicyContext): FloorLock | null {
    return strongestLock([
      ['platform-floor', this.platformFloor(ctx)],
      ['tenant-platform-floor', this.tenantPlatformFloor(ctx.tenant)],
      ['tenant-floor', ctx.tenant.twoFactorEnabled ? this.tenantFloor(ctx.tenant) : null],
    ]);
  }
}

function strongestLock(candidates: Array<[FloorLock['layer'], LayerSetting | null]>): FloorLock | null {
  const locks = candidates.flatMap(([layer, setting]): FloorLock[] =>
    setting ? [{ layer, method: setting.method, setBy: setting.setBy, setAt: setting.setAt }] : [],
  );
  return strongest(locks, (lock) => lock.method);
}

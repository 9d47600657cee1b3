import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ERROR_MESSAGES,
  type FloorLock,
  type TenantPolicyView,
  type TwoFactorMethod,
  type UserTypeView,
} from '@latchkey/contracts';
import { meetsFloor, methodRank } from '@latchkey/policy';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/current-actor.decorator';
import { badField } from '../common/http-errors';
import { isForeignKeyViolation } from '../common/unique-violation';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { TenantStore } from '../directory/tenant-store';
import { SessionsService } from '../database/sessions.service';
import { Login } from '../directory/login.entity';
import { UserType } from '../directory/user-type.entity';
import { PolicyContextService, settingView, type TenantPolicyContext } from './policy-context';
import type {
  CreateUserTypeDto,
  RenameUserTypeDto,
  SetTenantPolicyDto,
  SetUserTypePolicyDto,
} from './policy.dto';

const LAYER_NAMES: Record<FloorLock['layer'], string> = {
  'platform-floor': 'the platform floor',
  'tenant-platform-floor': 'the platform floor for this account',
  'tenant-floor': '"mandatory for all users"',
};

export const userTypeInUse = (name: string, logins: number) =>
  `${name} still has ${logins} ${logins === 1 ? 'login' : 'logins'} (deactivated ones included): give ${logins === 1 ? 'it' : 'them'} another user type first`;

export const FEATURE_OFF_MESSAGE = ERROR_MESSAGES['factor.feature-off'];

/** The owner's policy: tenant floor, user types and their methods. */
@Injectable()
export class PolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: PolicyContextService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly remembered: RememberedBrowsers,
    private readonly tenants: TenantStore,
  ) {}

  async tenantPolicy(tenantId: string): Promise<TenantPolicyView> {
    return this.view(await this.context.load(tenantId));
  }

  /**
   * The tenant floor ("mandatory for all users") and the handover switch. Each one that really
   * changes is written and audited on its own, so toggling the handover does not restamp the floor.
   */
  async setTenantPolicy(actor: Actor, tenantId: string, dto: SetTenantPolicyDto): Promise<TenantPolicyView> {
    await this.dataSource.transaction(async (manager) => {
      const ctx = await this.context.load(tenantId, true, manager);
      const before = ctx.tenant;
      const wasMandatory = before.floorMethod === 'authenticator';
      const floorChanged =
        dto.mandatoryForAll !== wasMandatory || dto.graceDays !== (before.floorGraceDays ?? 0);
      const target = { type: 'tenant', id: tenantId, label: before.name };

      if (floorChanged) {
        this.requireFeature(ctx);
        await this.tenants.setFloor(
          tenantId,
          { method: dto.mandatoryForAll ? 'authenticator' : null, graceDays: dto.graceDays, by: actor.email },
          manager,
        );
        // A raise forgets remembered browsers: the next sign-in meets the new floor in full.
        if (dto.mandatoryForAll && !wasMandatory) await this.remembered.forgetTenant(tenantId, manager);
        await this.audit.record(
          {
            action: 'policy.tenant-floor-changed',
            tenantId,
            actor: actorOf(actor),
            target,
            before: { mandatoryForAll: wasMandatory, graceDays: before.floorGraceDays ?? 0 },
            after: {
              mandatoryForAll: dto.mandatoryForAll,
              graceDays: dto.graceDays,
              ...(dto.signOutAffected ? { signOutAffected: true } : {}),
            },
            address: actor.address,
          },
          manager,
        );
      }
      // The one-time code switches: each written and audited only when it really changes.
      const switches = [
        ['handoverEnabled', 'policy.handover-changed', before.handoverEnabled ?? true],
        [
          'enrolmentInviteRequired',
          'policy.enrolment-invite-changed',
          before.enrolmentInviteRequired ?? false,
        ],
      ] as const;
      for (const [key, action, was] of switches) {
        const wanted = dto[key];
        if (wanted === undefined || wanted === was) continue;
        await this.tenants.setSwitch(tenantId, key, wanted, manager);
        await this.audit.record(
          {
            action,
            tenantId,
            actor: actorOf(actor),
            target,
            before: { [key]: was },
            after: { [key]: wanted },
            address: actor.address,
          },
          manager,
        );
      }
      if (floorChanged && dto.signOutAffected)
        await this.sessions.revokeTenant(tenantId, 'policy-changed', actor.sessionId, manager);
    });
    return this.tenantPolicy(tenantId);
  }

  async userTypes(tenantId: string): Promise<UserTypeView[]> {
    const ctx = await this.context.load(tenantId);
    const counts = await this.loginCounts(tenantId);
    return [...ctx.userTypes.values()].map((t) => this.userTypeView(ctx, t, counts.get(t.id) ?? 0));
  }

  async createUserType(actor: Actor, tenantId: string, dto: CreateUserTypeDto): Promise<UserTypeView> {
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const ctx = await this.context.load(tenantId, true, manager);
      const method = dto.method ?? 'off';
      if (method !== 'off') this.requireFeature(ctx);
      this.requireAboveFloor(ctx, method);
      await this.requireFreeName(manager, tenantId, dto.name, null);
      const now = new Date();
      await this.tenants.insertUserType(
        {
          tenantId,
          id,
          name: dto.name,
          createdAt: now,
          method,
          graceDays: dto.graceDays ?? 0,
          policySetBy: actor.email,
          policySetAt: now,
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'user-type.created',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'user-type', id, label: dto.name },
          after: { name: dto.name, method, graceDays: dto.graceDays ?? 0 },
          address: actor.address,
        },
        manager,
      );
    });
    return this.userTypeById(tenantId, id);
  }

  async renameUserType(
    actor: Actor,
    tenantId: string,
    userTypeId: string,
    dto: RenameUserTypeDto,
  ): Promise<UserTypeView> {
    await this.dataSource.transaction(async (manager) => {
      const ctx = await this.context.load(tenantId, true, manager);
      const userType = this.requireUserType(ctx, userTypeId);
      await this.requireFreeName(manager, tenantId, dto.name, userTypeId);
      await this.tenants.renameUserType(tenantId, userTypeId, dto.name, manager);
      await this.audit.record(
        {
          action: 'user-type.renamed',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'user-type', id: userTypeId, label: dto.name },
          before: { name: userType.name },
          after: { name: dto.name },
          address: actor.address,
        },
        manager,
      );
    });
    return this.userTypeById(tenantId, userTypeId);
  }

  /**
   * Removes a user type no login has (deactivated logins count: they still have it). Decided by
   * the delete itself, which leaves a type with logins in place. Applications keep their lists of
   * admitted user types as they are: a removed id in one admits nobody.
   */
  async deleteUserType(actor: Actor, tenantId: string, userTypeId: string): Promise<void> {
    await this.dataSource
      .transaction(async (manager) => {
        const ctx = await this.context.load(tenantId, true, manager);
        const userType = this.requireUserType(ctx, userTypeId);
        if (!(await this.tenants.deleteUserType(tenantId, userTypeId, manager))) {
          const count = await manager.getRepository(Login).countBy({ tenantId, userTypeId });
          throw new ConflictException(userTypeInUse(userType.name, count));
        }
        await this.audit.record(
          {
            action: 'user-type.deleted',
            tenantId,
            actor: actorOf(actor),
            target: { type: 'user-type', id: userTypeId, label: userType.name },
            before: {
              name: userType.name,
              method: userType.method ?? 'off',
              graceDays: userType.graceDays ?? 0,
            },
            address: actor.address,
          },
          manager,
        );
      })
      .catch((e: unknown) => {
        // A login given the type meanwhile: the foreign key kept the type.
        if (isForeignKeyViolation(e))
          throw new ConflictException(
            'A login was given this user type meanwhile: give it another user type first',
          );
        throw e;
      });
  }

  /** Layer 3: one row written, whatever the number of users of the type. */
  async setUserTypePolicy(
    actor: Actor,
    tenantId: string,
    userTypeId: string,
    dto: SetUserTypePolicyDto,
  ): Promise<UserTypeView> {
    const { ctx, saved } = await this.dataSource.transaction(async (manager) => {
      const ctx = await this.context.load(tenantId, true, manager);
      this.requireFeature(ctx);
      const userType = this.requireUserType(ctx, userTypeId);
      this.requireAboveFloor(ctx, dto.method);
      const change = await this.tenants.setUserTypePolicy(
        tenantId,
        userTypeId,
        { method: dto.method, graceDays: dto.graceDays, rememberDays: dto.rememberDays, by: actor.email },
        manager,
      );
      if (methodRank(dto.method) > methodRank(userType.method ?? 'off')) {
        await this.remembered.forgetUserType(tenantId, userTypeId, manager);
      }
      await this.audit.record(
        {
          action: 'policy.user-type-changed',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'user-type', id: userTypeId, label: userType.name },
          before: {
            method: userType.method ?? 'off',
            graceDays: userType.graceDays ?? 0,
            rememberDays: userType.rememberDays ?? 0,
          },
          after: {
            method: dto.method,
            graceDays: dto.graceDays,
            // Unchanged when left out: the event says so, instead of a phantom "N → —".
            rememberDays: dto.rememberDays ?? userType.rememberDays ?? 0,
            ...(dto.signOutAffected ? { signOutAffected: true } : {}),
          },
          address: actor.address,
        },
        manager,
      );
      if (dto.signOutAffected)
        await this.sessions.revokeUserType(tenantId, userTypeId, 'policy-changed', actor.sessionId, manager);
      return { ctx, saved: { ...userType, ...change } as UserType };
    });
    // The answer is built from what the transaction read and wrote: no second read of the policy.
    const count = await this.dataSource.getRepository(Login).countBy({ tenantId, userTypeId });
    return this.userTypeView(ctx, saved, count);
  }

  private view(ctx: TenantPolicyContext): TenantPolicyView {
    const tenantFloor = this.context.tenantFloor(ctx.tenant);
    return {
      tenantId: ctx.tenant.id,
      tenantName: ctx.tenant.name,
      twoFactorEnabled: ctx.tenant.twoFactorEnabled,
      platformFloor: settingView(this.context.platformFloor(ctx)),
      tenantPlatformFloor: settingView(this.context.tenantPlatformFloor(ctx.tenant)),
      mandatoryForAll: tenantFloor?.method === 'authenticator',
      tenantFloor: settingView(tenantFloor) ?? {
        method: 'off',
        graceDays: ctx.tenant.floorGraceDays ?? 0,
        setBy: ctx.tenant.floorSetBy ?? null,
        setAt: ctx.tenant.floorSetAt ? ctx.tenant.floorSetAt.toISOString() : null,
      },
      lockedBy: this.context.platformLock(ctx),
      handoverEnabled: ctx.tenant.handoverEnabled ?? true,
      enrolmentInviteRequired: ctx.tenant.enrolmentInviteRequired ?? false,
    };
  }

  private userTypeView(ctx: TenantPolicyContext, t: UserType, loginCount: number): UserTypeView {
    const policy = this.context.userTypePolicy(t);
    const lock = this.context.floorLock(ctx);
    return {
      id: t.id,
      name: t.name,
      policy: settingView(policy) ?? { method: 'off', graceDays: 0, setBy: null, setAt: null },
      rememberDays: t.rememberDays ?? 0,
      loginCount,
      lockedBy: lock && lock.method !== 'off' ? lock : null,
    };
  }

  /** One type's view; counts only its own logins, so a flip stays cheap on a large tenant. */
  private async userTypeById(tenantId: string, userTypeId: string): Promise<UserTypeView> {
    const ctx = await this.context.load(tenantId);
    const userType = ctx.userTypes.get(userTypeId);
    if (!userType) throw new NotFoundException('No such user type');
    const count = await this.dataSource.getRepository(Login).countBy({ tenantId, userTypeId });
    return this.userTypeView(ctx, userType, count);
  }

  private async loginCounts(tenantId: string): Promise<Map<string, number>> {
    const rows: Array<{ user_type_id: string; n: string | number }> = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .select('l.user_type_id', 'user_type_id')
      .addSelect('COUNT(*)', 'n')
      .where('l.tenant_id = :tenantId', { tenantId })
      .groupBy('l.user_type_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.user_type_id, Number(r.n)]));
  }

  private requireFeature(ctx: TenantPolicyContext): void {
    if (!ctx.tenant.twoFactorEnabled) throw new ConflictException(FEATURE_OFF_MESSAGE);
  }

  /** Invariant 7: nobody lowers a floor set above them. */
  requireAboveFloor(ctx: TenantPolicyContext, method: TwoFactorMethod, field = 'method'): void {
    const lock = this.context.floorLock(ctx);
    if (!lock || meetsFloor(method, lock.method)) return;
    const message = `${field} cannot be below ${lock.method}: ${LAYER_NAMES[lock.layer]} requires it${lock.setBy ? ` (set by ${lock.setBy})` : ''}`;
    throw badField(field, message);
  }

  requireUserType(ctx: TenantPolicyContext, userTypeId: string, field?: string): UserType {
    const userType = ctx.userTypes.get(userTypeId);
    if (userType) return userType;
    if (field) {
      throw badField(field, `${field} names a user type that does not exist in this account: ${userTypeId}`);
    }
    throw new NotFoundException('No such user type');
  }

  private async requireFreeName(
    manager: EntityManager,
    tenantId: string,
    name: string,
    exceptId: string | null,
  ) {
    const all = await manager.getRepository(UserType).findBy({ tenantId });
    const clash = all.find((t) => t.id !== exceptId && t.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new ConflictException(`A user type named "${clash.name}" already exists`);
  }
}

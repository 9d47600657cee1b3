import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AuditAction,
  CreateTenantAnswer,
  PlatformFloorView,
  TenantOwnerRow,
  TenantSummary,
} from '@latchkey/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import { rawTimestamp } from '../database/column-types';
import { Identity } from '../directory/identity.entity';
import { actorOf, AuditService } from '../audit/audit.service';
import { methodRank } from '@latchkey/policy';
import { IdentityIntake } from '../directory/identity-intake';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { TenantStore } from '../directory/tenant-store';
import type { Actor } from '../common/current-actor.decorator';
import { SessionsService } from '../database/sessions.service';
import { DirectoryService } from '../directory/directory.service';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';
import { PolicyContextService, settingView } from '../policy/policy-context';
import { GLOBAL_SETTING_ID, PlatformSetting } from '../policy/platform-setting.entity';
import type { CreateTenantDto, PlatformFloorDto, UpdateTenantDto } from './platform.dto';

export const OWNER_USER_TYPE = 'Administrator';

/** The super user's console: tenants, their feature switch and floor, and the global floor. */
@Injectable()
export class PlatformService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly intake: IdentityIntake,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly policy: PolicyContextService,
    private readonly remembered: RememberedBrowsers,
    private readonly tenantStore: TenantStore,
  ) {}

  async tenants(): Promise<TenantSummary[]> {
    const tenants = await this.dataSource
      .getRepository(Tenant)
      .find({ where: { kind: 'customer' }, order: { name: 'ASC' } });
    const count = async (entity: typeof Login | typeof UserType, where = '1 = 1') => {
      const rows: Array<{ tenant_id: string; n: string | number }> = await this.dataSource
        .getRepository(entity)
        .createQueryBuilder('x')
        .select('x.tenant_id', 'tenant_id')
        .addSelect('COUNT(*)', 'n')
        .where(where)
        .groupBy('x.tenant_id')
        .getRawMany();
      return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
    };
    const [logins, userTypes, owners] = await Promise.all([
      count(Login),
      count(UserType),
      count(Login, "x.role = 'owner'"),
    ]);
    return tenants.map((t) =>
      this.summary(t, {
        logins: logins.get(t.id) ?? 0,
        userTypes: userTypes.get(t.id) ?? 0,
        owners: owners.get(t.id) ?? 0,
      }),
    );
  }

  /** A customer tenant's owners, by name, each with its last successful sign-in. */
  async owners(tenantId: string): Promise<TenantOwnerRow[]> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId, kind: 'customer' });
    if (!tenant) throw new NotFoundException('No such tenant');
    const rows: Array<Record<string, unknown>> = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .select('l.id', 'id')
      .addSelect('l.display_name', 'display_name')
      .addSelect('i.email', 'email')
      .addSelect('l.deactivated_at', 'deactivated_at')
      .addSelect(
        (sub) =>
          sub
            .select('MAX(e.created_at)')
            .from(AuditEvent, 'e')
            .where("e.tenant_id = l.tenant_id AND e.action = 'sign-in.succeeded' AND e.target_id = l.id"),
        'last_sign_in',
      )
      .where("l.tenant_id = :tenantId AND l.role = 'owner'", { tenantId })
      .orderBy('l.display_name', 'ASC')
      .getRawMany();
    return rows.map((r) => ({
      loginId: String(r['id']),
      email: String(r['email']),
      displayName: String(r['display_name']),
      active: r['deactivated_at'] === null || r['deactivated_at'] === undefined,
      lastSignInAt: rawTimestamp(r['last_sign_in'])?.toISOString() ?? null,
    }));
  }

  async createTenant(actor: Actor, dto: CreateTenantDto): Promise<CreateTenantAnswer> {
    const person = await this.intake.prepare(dto.ownerEmail, dto.ownerPassword, 'ownerPassword');
    const { tenant, ownerLoginId } = await this.dataSource.transaction(async (manager) => {
      await this.requireFreeName(manager, dto.name);
      const made = await this.directory.createTenant(dto.name, manager);
      const ownerType = await this.directory.createUserType(made.id, OWNER_USER_TYPE, manager);
      const identity = await person.resolve(manager);
      const owner = await this.directory.createLogin(
        {
          tenantId: made.id,
          identityId: identity.id,
          userTypeId: ownerType.id,
          displayName: dto.ownerDisplayName,
          role: 'owner',
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'tenant.created',
          tenantId: made.id,
          actor: actorOf(actor),
          target: { type: 'tenant', id: made.id, label: made.name },
          after: { name: made.name, owner: identity.email },
          address: actor.address,
        },
        manager,
      );
      return { tenant: made, ownerLoginId: owner.id };
    });
    return {
      tenant: this.summary(tenant, { logins: 1, userTypes: 1, owners: 1 }),
      ownerLoginId,
      initialPassword: person.initialPassword,
    };
  }

  async updateTenant(actor: Actor, id: string, dto: UpdateTenantDto): Promise<TenantSummary> {
    if (Object.values(dto).every((v) => v === undefined)) {
      throw new BadRequestException(
        'Nothing to change: send twoFactorEnabled, floor, floorGraceDays or suspended',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const tenant = await manager.getRepository(Tenant).findOneBy({ id, kind: 'customer' });
      if (!tenant) throw new NotFoundException('No such tenant');
      const record = (
        action: AuditAction,
        before: Record<string, string | number | boolean | null>,
        after: Record<string, string | number | boolean | null>,
      ) =>
        this.audit.record(
          {
            action,
            tenantId: id,
            actor: actorOf(actor),
            target: { type: 'tenant', id, label: tenant.name },
            before,
            after,
            address: actor.address,
          },
          manager,
        );

      if (dto.twoFactorEnabled !== undefined && dto.twoFactorEnabled !== tenant.twoFactorEnabled) {
        await this.tenantStore.setTwoFactorEnabled(id, dto.twoFactorEnabled, manager);
        await record(
          'platform.feature-switched',
          { twoFactorEnabled: tenant.twoFactorEnabled },
          { twoFactorEnabled: dto.twoFactorEnabled },
        );
      }
      if (dto.floor !== undefined || dto.floorGraceDays !== undefined) {
        const floor =
          dto.floor === undefined
            ? (tenant.platformFloorMethod ?? null)
            : dto.floor === 'off'
              ? null
              : dto.floor;
        const graceDays = dto.floorGraceDays ?? tenant.platformFloorGraceDays ?? 0;
        await this.tenantStore.setPlatformFloor(id, { method: floor, graceDays, by: actor.email }, manager);
        if (methodRank(floor ?? 'off') > methodRank(tenant.platformFloorMethod ?? 'off')) {
          await this.remembered.forgetTenant(id, manager);
        }
        await record(
          'platform.tenant-floor-changed',
          { floor: tenant.platformFloorMethod ?? null, graceDays: tenant.platformFloorGraceDays ?? 0 },
          { floor, graceDays },
        );
      }
      if (dto.suspended !== undefined && dto.suspended !== (tenant.suspendedAt !== null)) {
        await this.tenantStore.setSuspended(id, dto.suspended ? new Date() : null, manager);
        await record(
          dto.suspended ? 'tenant.suspended' : 'tenant.unsuspended',
          { suspended: !dto.suspended },
          { suspended: dto.suspended },
        );
        if (dto.suspended) await this.sessions.revokeTenant(id, 'account-suspended', null, manager);
      }
    });
    const summary = (await this.tenants()).find((t) => t.id === id);
    if (!summary) throw new NotFoundException('No such tenant');
    return summary;
  }

  async floor(): Promise<PlatformFloorView> {
    const platform = await this.dataSource
      .getRepository(PlatformSetting)
      .findOneBy({ id: GLOBAL_SETTING_ID });
    return { floor: settingView(this.policy.platformFloor({ platform })) };
  }

  async setFloor(actor: Actor, dto: PlatformFloorDto): Promise<PlatformFloorView> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PlatformSetting);
      const before = await repo.findOneBy({ id: GLOBAL_SETTING_ID });
      const method = dto.method === 'off' ? null : dto.method;
      const graceDays = dto.graceDays ?? 0;
      await repo.upsert(
        {
          id: GLOBAL_SETTING_ID,
          floorMethod: method,
          floorGraceDays: graceDays,
          floorSetBy: actor.email,
          floorSetAt: new Date(),
        },
        ['id'],
      );
      if (methodRank(method ?? 'off') > methodRank(before?.floorMethod ?? 'off')) {
        await this.remembered.forgetEverywhere(manager);
      }
      await this.audit.record(
        {
          action: 'platform.floor-changed',
          tenantId: null,
          actor: actorOf(actor),
          target: { type: 'platform', id: null, label: 'every tenant' },
          before: { floor: before?.floorMethod ?? null, graceDays: before?.floorGraceDays ?? 0 },
          after: { floor: method, graceDays },
          address: actor.address,
        },
        manager,
      );
    });
    return this.floor();
  }

  private summary(t: Tenant, counts: TenantSummary['counts']): TenantSummary {
    return {
      id: t.id,
      name: t.name,
      twoFactorEnabled: t.twoFactorEnabled,
      floor: settingView(this.policy.tenantPlatformFloor(t)),
      suspended: t.suspendedAt !== null,
      createdAt: t.createdAt.toISOString(),
      counts,
    };
  }

  private async requireFreeName(manager: EntityManager, name: string): Promise<void> {
    const clash = (await manager.getRepository(Tenant).find()).find(
      (t) => t.name.toLowerCase() === name.toLowerCase(),
    );
    if (clash) throw new ConflictException(`A tenant named "${clash.name}" already exists`);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { LoginOption, Me, Role } from '@latchkey/contracts';
import { Identity } from './identity.entity';
import { Login } from './login.entity';
import { Tenant, type TenantKind } from './tenant.entity';
import { UserType } from './user-type.entity';

/** A login joined with what the picker and the shell show of it. */
export interface LoginView {
  login: Login;
  tenantName: string;
  tenantKind: TenantKind;
  userTypeName: string;
  tenantSuspended: boolean;
}

export const PLATFORM_TENANT_NAME = 'Latchkey platform';
export const SUPER_USER_TYPE_NAME = 'Super user';

/** The shell's picture of a login, from what the sign-in already read. */
export function meOf(identity: Identity, view: LoginView): Me {
  const platform = view.tenantKind === 'platform';
  return {
    identityId: identity.id,
    loginId: view.login.id,
    email: identity.email,
    displayName: view.login.displayName,
    role: view.login.role,
    tenantId: platform ? null : view.login.tenantId,
    tenantName: platform ? null : view.tenantName,
    userTypeName: platform ? null : view.userTypeName,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Tenants, user types, identities and logins: who exists and what they may sign in as. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findIdentityByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Identity | null> {
    return manager.getRepository(Identity).findOneBy({ email: normaliseEmail(email) });
  }

  findIdentity(id: string): Promise<Identity | null> {
    return this.dataSource.getRepository(Identity).findOneBy({ id });
  }

  /** Every login of an identity, with its tenant and user type names, suspended tenants too. */
  async loginsOf(identityId: string): Promise<LoginView[]> {
    const rows = await this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .innerJoin(Tenant, 't', 't.id = l.tenant_id')
      .innerJoin(UserType, 'ut', 'ut.tenant_id = l.tenant_id AND ut.id = l.user_type_id')
      .select('l')
      .addSelect('t.name', 'tenant_name')
      .addSelect('t.kind', 'tenant_kind')
      .addSelect('t.suspended_at', 'tenant_suspended_at')
      .addSelect('ut.name', 'user_type_name')
      .where('l.identity_id = :identityId', { identityId })
      .orderBy('t.kind', 'DESC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('ut.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((login, i) => {
      const raw = rows.raw[i] as Record<string, unknown>;
      return {
        login,
        tenantName: String(raw['tenant_name']),
        tenantKind: raw['tenant_kind'] as TenantKind,
        userTypeName: String(raw['user_type_name']),
        tenantSuspended: raw['tenant_suspended_at'] !== null && raw['tenant_suspended_at'] !== undefined,
      };
    });
  }

  /** What an identity may sign in as: its logins in tenants that are not suspended. */
  async loginOptions(identity: Identity): Promise<LoginOption[]> {
    return (await this.loginsOf(identity.id))
      .filter((view) => !view.tenantSuspended)
      .map((view) => {
        const platform = view.tenantKind === 'platform';
        return {
          loginId: view.login.id,
          kind: platform ? 'platform' : 'tenant',
          tenantId: platform ? null : view.login.tenantId,
          tenantName: view.tenantName,
          userTypeName: platform ? null : view.userTypeName,
          displayName: platform ? 'Platform administration' : view.login.displayName,
        };
      });
  }

  /** One login of an identity, as the sign-in machine and the shell need it. */
  async loginOf(identityId: string, loginId: string): Promise<LoginView | null> {
    return (await this.loginsOf(identityId)).find((v) => v.login.id === loginId) ?? null;
  }

  /** The shell's picture of a signed-in session. */
  async describe(identityId: string, loginId: string): Promise<Me | null> {
    const identity = await this.findIdentity(identityId);
    const view = identity ? await this.loginOf(identityId, loginId) : null;
    return identity && view ? meOf(identity, view) : null;
  }

  async createTenant(
    name: string,
    manager: EntityManager = this.dataSource.manager,
    kind: TenantKind = 'customer',
  ): Promise<Tenant> {
    const tenant: Tenant = {
      id: randomUUID(),
      name,
      kind,
      twoFactorEnabled: kind === 'platform',
      suspendedAt: null,
      createdAt: new Date(),
    };
    await manager.insert(Tenant, tenant);
    return tenant;
  }

  async createUserType(
    tenantId: string,
    name: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserType> {
    const userType: UserType = { tenantId, id: randomUUID(), name, createdAt: new Date() };
    await manager.insert(UserType, userType);
    return userType;
  }

  async createIdentity(
    email: string,
    passwordHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Identity> {
    const identity: Identity = {
      id: randomUUID(),
      email: normaliseEmail(email),
      passwordHash,
      createdAt: new Date(),
    };
    await manager.insert(Identity, identity);
    return identity;
  }

  async createLogin(
    input: { tenantId: string; identityId: string; userTypeId: string; displayName: string; role: Role },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Login> {
    const login: Login = { id: randomUUID(), createdAt: new Date(), ...input };
    await manager.insert(Login, login);
    return login;
  }

  async markSecondFactor(tenantId: string, loginId: string): Promise<void> {
    await this.dataSource
      .getRepository(Login)
      .update({ tenantId, id: loginId }, { lastSecondFactorAt: new Date() });
  }

  /**
   * Makes an identity a platform super user: a login in the platform tenant, which is created
   * the first time. Idempotent.
   */
  async ensureSuperLogin(
    identity: Identity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Login> {
    let platform = await manager.getRepository(Tenant).findOneBy({ kind: 'platform' });
    platform ??= await this.createTenant(PLATFORM_TENANT_NAME, manager, 'platform');
    const userType =
      (await manager
        .getRepository(UserType)
        .findOneBy({ tenantId: platform.id, name: SUPER_USER_TYPE_NAME })) ??
      (await this.createUserType(platform.id, SUPER_USER_TYPE_NAME, manager));
    const existing = await manager
      .getRepository(Login)
      .findOneBy({ tenantId: platform.id, identityId: identity.id });
    if (existing) return existing;
    return this.createLogin(
      {
        tenantId: platform.id,
        identityId: identity.id,
        userTypeId: userType.id,
        displayName: identity.email,
        role: 'super',
      },
      manager,
    );
  }
}

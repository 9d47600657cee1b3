import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { LoginOption, Me, TenantRole } from '@latchkey/contracts';
import { Identity } from './identity.entity';
import { Login } from './login.entity';
import { Tenant } from './tenant.entity';
import { UserType } from './user-type.entity';

/** A login joined with what the picker and the shell show of it. */
export interface LoginView {
  login: Login;
  tenantName: string;
  userTypeName: string;
  tenantSuspended: boolean;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Tenants, user types, identities and logins: who exists and what they may sign in as. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findIdentityByEmail(email: string): Promise<Identity | null> {
    return this.dataSource.getRepository(Identity).findOneBy({ email: normaliseEmail(email) });
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
      .addSelect('t.suspended_at', 'tenant_suspended_at')
      .addSelect('ut.name', 'user_type_name')
      .where('l.identity_id = :identityId', { identityId })
      .orderBy('t.name', 'ASC')
      .addOrderBy('ut.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((login, i) => {
      const raw = rows.raw[i] as Record<string, unknown>;
      return {
        login,
        tenantName: String(raw['tenant_name']),
        userTypeName: String(raw['user_type_name']),
        tenantSuspended: raw['tenant_suspended_at'] !== null && raw['tenant_suspended_at'] !== undefined,
      };
    });
  }

  /** What an identity may sign in as: the platform console for a super user, then active logins. */
  async loginOptions(identity: Identity): Promise<LoginOption[]> {
    const options: LoginOption[] = [];
    if (identity.isSuperUser) {
      options.push({
        loginId: identity.id,
        kind: 'platform',
        tenantId: null,
        tenantName: 'Latchkey platform',
        userTypeName: null,
        displayName: 'Platform administration',
      });
    }
    for (const view of await this.loginsOf(identity.id)) {
      if (view.tenantSuspended) continue;
      options.push({
        loginId: view.login.id,
        kind: 'tenant',
        tenantId: view.login.tenantId,
        tenantName: view.tenantName,
        userTypeName: view.userTypeName,
        displayName: view.login.displayName,
      });
    }
    return options;
  }

  /** The shell's picture of a signed-in session. */
  async describe(identityId: string, loginId: string): Promise<Me | null> {
    const identity = await this.findIdentity(identityId);
    if (!identity) return null;
    if (loginId === identity.id) {
      if (!identity.isSuperUser) return null;
      return {
        identityId,
        loginId,
        email: identity.email,
        displayName: identity.email,
        role: 'super',
        tenantId: null,
        tenantName: null,
        userTypeName: null,
      };
    }
    const view = (await this.loginsOf(identityId)).find((v) => v.login.id === loginId);
    if (!view) return null;
    return {
      identityId,
      loginId,
      email: identity.email,
      displayName: view.login.displayName,
      role: view.login.role,
      tenantId: view.login.tenantId,
      tenantName: view.tenantName,
      userTypeName: view.userTypeName,
    };
  }

  async createTenant(name: string, manager: EntityManager = this.dataSource.manager): Promise<Tenant> {
    const tenant: Tenant = {
      id: randomUUID(),
      name,
      twoFactorEnabled: false,
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
    const userType: UserType = {
      tenantId,
      id: randomUUID(),
      name,
      createdAt: new Date(),
    };
    await manager.insert(UserType, userType);
    return userType;
  }

  async createIdentity(
    email: string,
    passwordHash: string,
    isSuperUser = false,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Identity> {
    const identity: Identity = {
      id: randomUUID(),
      email: normaliseEmail(email),
      passwordHash,
      isSuperUser,
      createdAt: new Date(),
    };
    await manager.insert(Identity, identity);
    return identity;
  }

  async createLogin(
    input: {
      tenantId: string;
      identityId: string;
      userTypeId: string;
      displayName: string;
      role: TenantRole;
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Login> {
    const login: Login = { id: randomUUID(), createdAt: new Date(), ...input };
    await manager.insert(Login, login);
    return login;
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ERROR_MESSAGES,
  LANGUAGES,
  type Language,
  type LoginOption,
  type Me,
  type Role,
} from '@latchkey/contracts';
import { TotpDevice } from '../factors/factor.entities';
import { Identity } from './identity.entity';
import { Login } from './login.entity';
import { LoginStore } from './login-store';
import { TenantStore } from './tenant-store';
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

/** An active authenticator of a login: what checking a code needs. */
export type ActiveDevice = Pick<TotpDevice, 'tenantId' | 'id' | 'secretEnc'>;

/** A pending step's read: its identity, login and active devices; `reserved` when it reserved. */
export interface SignInView {
  identity: Identity;
  view: LoginView;
  devices: ActiveDevice[];
  /** The attempt's count, null when refused (the login waits or is locked); absent when not made. */
  reserved?: number | null;
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
    language: identity.language,
  };
}

/** A stored language, if it is one of the console's (anything else reads as no choice). */
export function languageOf(value: unknown): Language | null {
  return (LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : null;
}

function viewOf(login: Login, raw: Record<string, unknown>): LoginView {
  return {
    login,
    tenantName: String(raw['tenant_name']),
    tenantKind: raw['tenant_kind'] as TenantKind,
    userTypeName: String(raw['user_type_name']),
    tenantSuspended: raw['tenant_suspended_at'] !== null && raw['tenant_suspended_at'] !== undefined,
  };
}

/** A login as the picker shows it. */
export function optionOf(view: LoginView): LoginOption {
  const platform = view.tenantKind === 'platform';
  return {
    loginId: view.login.id,
    kind: platform ? 'platform' : 'tenant',
    tenantId: platform ? null : view.login.tenantId,
    tenantName: view.tenantName,
    userTypeName: platform ? null : view.userTypeName,
    displayName: platform ? 'Platform administration' : view.login.displayName,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Tenants, user types, identities and logins: who exists and what they may sign in as. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly logins: LoginStore,
    private readonly tenants: TenantStore,
  ) {}

  findIdentityByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Identity | null> {
    return manager.getRepository(Identity).findOneBy({ email: normaliseEmail(email) });
  }

  findIdentity(id: string): Promise<Identity | null> {
    return this.dataSource.getRepository(Identity).findOneBy({ id });
  }

  /**
   * Active logins joined with their tenant and user type: what a `LoginView` is made of. A
   * deactivated login is left out of every lookup built on it, so that the sign-in treats it as
   * no login at all: the password step, the picker, a pending step and the shell's session.
   */
  private views(manager: EntityManager = this.dataSource.manager) {
    return manager
      .getRepository(Login)
      .createQueryBuilder('l')
      .innerJoin(Tenant, 't', 't.id = l.tenant_id')
      .innerJoin(UserType, 'ut', 'ut.tenant_id = l.tenant_id AND ut.id = l.user_type_id')
      .select('l')
      .addSelect('t.name', 'tenant_name')
      .addSelect('t.kind', 'tenant_kind')
      .addSelect('t.suspended_at', 'tenant_suspended_at')
      .addSelect('ut.name', 'user_type_name')
      .where('l.deactivated_at IS NULL');
  }

  /** Every active login of an identity, with its tenant and user type names, suspended tenants too. */
  async loginsOf(identityId: string, manager?: EntityManager): Promise<LoginView[]> {
    const rows = await this.views(manager)
      .andWhere('l.identity_id = :identityId', { identityId })
      .orderBy('t.kind', 'DESC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('ut.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((login, i) => viewOf(login, rows.raw[i] as Record<string, unknown>));
  }

  /** What an identity may sign in as: its active logins in tenants that are not suspended. */
  async loginOptions(identity: Identity): Promise<LoginOption[]> {
    return (await this.loginsOf(identity.id)).filter((view) => !view.tenantSuspended).map(optionOf);
  }

  /** One active login of an identity, as the sign-in machine and the shell need it. */
  async loginOf(identityId: string, loginId: string, manager?: EntityManager): Promise<LoginView | null> {
    const rows = await this.views(manager)
      .andWhere('l.identity_id = :identityId AND l.id = :loginId', { identityId, loginId })
      .getRawAndEntities();
    const login = rows.entities[0];
    return login ? viewOf(login, rows.raw[0] as Record<string, unknown>) : null;
  }

  /**
   * A pending sign-in's identity and chosen login in one read (the login's lock state, factors
   * and tenant included), so that a sign-in step starts from one query. With `devices`, the
   * login's active authenticator devices come in the same query (oldest first).
   */
  async signInView(
    identityId: string,
    tenantId: string,
    loginId: string,
    devices = false,
    manager?: EntityManager,
    reserveAt?: Date,
  ): Promise<SignInView | null> {
    const q = this.views(manager)
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .addSelect('i.email', 'identity_email')
      .addSelect('i.password_hash', 'identity_password_hash')
      .addSelect('i.created_at', 'identity_created_at')
      .addSelect('i.language', 'identity_language')
      .andWhere('l.tenant_id = :tenantId AND l.id = :loginId AND l.identity_id = :identityId', {
        tenantId,
        loginId,
        identityId,
      });
    if (devices) {
      q.leftJoin(
        TotpDevice,
        'd',
        'd.tenant_id = l.tenant_id AND d.login_id = l.id AND d.confirmed_at IS NOT NULL',
      )
        .addSelect('d.id', 'device_id')
        .addSelect('d.secret_enc', 'device_secret_enc')
        .orderBy('d.created_at', 'ASC');
    }
    // On PostgreSQL the attempt's reservation rides in the same statement (the TOTP step's one
    // read): its count, or null while the login waits or is locked (the refusal then reads the
    // login again for its message: this statement's view is from before a parallel guess's wait).
    const reserving = reserveAt !== undefined && this.dataSource.options.type === 'postgres';
    if (reserving) {
      const { sql, params } = this.logins.reservation({ tenantId, loginId }, reserveAt);
      q.addCommonTableExpression(sql, 'reserved')
        .setParameters(params)
        .addSelect('(SELECT failed_attempts FROM reserved)', 'reserved_failures');
    }
    const rows = await q.getRawAndEntities();
    const login = rows.entities[0];
    if (!login) return null;
    const raws = rows.raw as Record<string, unknown>[];
    const raw = raws[0];
    const createdAt = this.dataSource.getMetadata(Identity).findColumnWithPropertyName('createdAt');
    const identity: Identity = {
      id: identityId,
      email: String(raw['identity_email']),
      passwordHash: String(raw['identity_password_hash']),
      createdAt: createdAt
        ? (this.dataSource.driver.prepareHydratedValue(raw['identity_created_at'], createdAt) as Date)
        : new Date(String(raw['identity_created_at'])),
      language: languageOf(raw['identity_language']),
    };
    return {
      identity,
      view: viewOf(login, raw),
      devices: raws
        .filter((r) => r['device_id'] !== null && r['device_id'] !== undefined)
        .map((r) => ({ tenantId, id: String(r['device_id']), secretEnc: String(r['device_secret_enc']) })),
      ...(reserving
        ? { reserved: raw['reserved_failures'] == null ? null : Number(raw['reserved_failures']) }
        : {}),
    };
  }

  /** Keeps the person's language on their identity; answers the session's picture with it. */
  async setLanguage(identityId: string, loginId: string, language: Language): Promise<Me> {
    await this.dataSource.getRepository(Identity).update({ id: identityId }, { language });
    const me = await this.describe(identityId, loginId);
    if (!me) throw new UnauthorizedException(ERROR_MESSAGES['session.expired']);
    return me;
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
    await this.tenants.insertTenant(tenant, manager);
    return tenant;
  }

  async createUserType(
    tenantId: string,
    name: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserType> {
    const userType: UserType = { tenantId, id: randomUUID(), name, createdAt: new Date() };
    await this.tenants.insertUserType(userType, manager);
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
      language: null,
    };
    await manager.insert(Identity, identity);
    return identity;
  }

  async createLogin(
    input: { tenantId: string; identityId: string; userTypeId: string; displayName: string; role: Role },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Login> {
    const login: Login = { id: randomUUID(), createdAt: new Date(), ...input };
    await this.logins.insert(login, manager);
    return login;
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

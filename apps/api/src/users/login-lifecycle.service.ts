import {
  ConflictException,
  ForbiddenException,
  HttpStatus,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { errorText, ERROR_MESSAGES, type AuditDetails, type UserRow } from '@latchkey/contracts';
import { actorOf, AuditService } from '../audit/audit.service';
import { badField, refusal } from '../common/http-errors';
import type { Actor } from '../common/current-actor.decorator';
import { isForeignKeyViolation, isUniqueViolation } from '../common/unique-violation';
import { SessionsService } from '../database/sessions.service';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { LoginStore, type LoginKey } from '../directory/login-store';
import { TenantStore } from '../directory/tenant-store';
import { UserType } from '../directory/user-type.entity';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import type { UpdateLoginDto } from './users.dto';
import { UsersService } from './users.service';

export const NOT_YOURSELF = ERROR_MESSAGES['users.not-yourself'];
export const TOKEN_KEEPS_OWNERS = ERROR_MESSAGES['users.token-keeps-owners'];
export const YOU_WERE_DEACTIVATED = ERROR_MESSAGES['users.you-were-deactivated'];
export const lastOwner = (name: string) => errorText('users.last-owner', { name });

/** What an owner's PATCH asks for, with null read as "not sent". */
interface Wanted {
  displayName?: string;
  userTypeId?: string;
  active?: boolean;
}

/**
 * An owner changes a login (its name, its user type) and deactivates or reactivates it, from the
 * console or with an API token. A deactivation ends the login's sessions and what the OpenID
 * provider issued to it, in the transaction that sets it, and keeps an active owner.
 */
@Injectable()
export class LoginLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly logins: LoginStore,
    private readonly tenants: TenantStore,
    private readonly sessions: SessionsService,
    private readonly remembered: RememberedBrowsers,
    private readonly audit: AuditService,
  ) {}

  async update(actor: Actor, tenantId: string, loginId: string, dto: UpdateLoginDto): Promise<UserRow> {
    const wanted: Wanted = {
      displayName: dto.displayName ?? undefined,
      userTypeId: dto.userTypeId ?? undefined,
      active: dto.active ?? undefined,
    };
    try {
      await this.dataSource.transaction((manager) =>
        this.apply(manager, actor, { tenantId, loginId }, wanted),
      );
    } catch (e) {
      // A login of the same person and type, or a type removed, committed since the checks.
      if (isUniqueViolation(e))
        throw new ConflictException('That person already has a login of this user type');
      if (isForeignKeyViolation(e))
        throw badField('userTypeId', `userTypeId names no user type of this account: ${wanted.userTypeId}`);
      throw e;
    }
    return this.users.row(tenantId, loginId);
  }

  private async apply(manager: EntityManager, actor: Actor, key: LoginKey, wanted: Wanted): Promise<void> {
    const { tenantId, loginId } = key;
    // PostgreSQL: the decisions about this tenant's active owners, one at a time (see `deactivate`).
    if (wanted.active === false) await this.tenants.lock(tenantId, manager);
    const login = await manager.getRepository(Login).findOneBy({ tenantId, id: loginId });
    if (!login) throw new NotFoundException('No such user');
    const userType =
      wanted.userTypeId === undefined ? null : await this.userTypeOf(manager, tenantId, wanted.userTypeId);
    const wasActive = !login.deactivatedAt;
    const activeChanges = wanted.active !== undefined && wanted.active !== wasActive;
    if (activeChanges && actor.apiTokenId && login.role === 'owner')
      throw new ForbiddenException(TOKEN_KEEPS_OWNERS);
    if (activeChanges && !wanted.active && !actor.apiTokenId && actor.loginId === loginId)
      throw new ConflictException(NOT_YOURSELF);

    await this.changeProfile(manager, actor, login, wanted.displayName, userType);
    if (!activeChanges) return;
    const label = wanted.displayName ?? login.displayName;
    if (wanted.active) await this.reactivate(manager, actor, key, label);
    else await this.deactivate(manager, actor, login, label);
  }

  private async userTypeOf(manager: EntityManager, tenantId: string, userTypeId: string): Promise<UserType> {
    const userType = await manager.getRepository(UserType).findOneBy({ tenantId, id: userTypeId });
    if (!userType)
      throw badField('userTypeId', `userTypeId names no user type of this account: ${userTypeId}`);
    return userType;
  }

  /** The name and the user type: written and audited only when they really change. */
  private async changeProfile(
    manager: EntityManager,
    actor: Actor,
    login: Login,
    displayName: string | undefined,
    userType: UserType | null,
  ): Promise<void> {
    const newName = displayName !== undefined && displayName !== login.displayName ? displayName : undefined;
    const newType = userType && userType.id !== login.userTypeId ? userType : null;
    if (newName === undefined && !newType) return;
    const before: AuditDetails = {};
    const after: AuditDetails = {};
    if (newName !== undefined) {
      before['displayName'] = login.displayName;
      after['displayName'] = newName;
    }
    if (newType) {
      const identity = await manager.getRepository(Identity).findOneByOrFail({ id: login.identityId });
      const clash = await manager
        .getRepository(Login)
        .existsBy({ tenantId: login.tenantId, identityId: login.identityId, userTypeId: newType.id });
      if (clash)
        throw new ConflictException(`${identity.email} already has a ${newType.name} login in this account`);
      const old = await manager
        .getRepository(UserType)
        .findOneBy({ tenantId: login.tenantId, id: login.userTypeId });
      before['userType'] = old?.name ?? login.userTypeId;
      after['userType'] = newType.name;
      // The new type's policy is not forced on a session that is signed in: it applies next time.
      after['newPolicyApplies'] = 'at the next sign-in';
      // A browser remembered under the old type's policy does not skip the new type's step.
      await this.remembered.forgetLogin(login.tenantId, login.id, manager);
    }
    await this.logins.setProfile(
      { tenantId: login.tenantId, loginId: login.id },
      { displayName: newName, userTypeId: newType?.id },
      manager,
    );
    await this.audit.record(
      {
        action: 'login.updated',
        tenantId: login.tenantId,
        actor: actorOf(actor),
        target: { type: 'login', id: login.id, label: newName ?? login.displayName },
        before,
        after,
        address: actor.address,
      },
      manager,
    );
  }

  /**
   * Deactivated by one conditional write (an owner only while another active owner remains),
   * then, in the same transaction, signed out everywhere: remembered browsers first (a remembered
   * sign-in in flight holds its row until it commits, so the session delete after it sees the
   * session that sign-in wrote), then its sessions and the provider's grants and tokens.
   */
  private async deactivate(manager: EntityManager, actor: Actor, login: Login, label: string): Promise<void> {
    const key = { tenantId: login.tenantId, loginId: login.id };
    const now = new Date();
    // A token acts for the account (its maker may have left); a person acts while their login is active.
    const actingLoginId = actor.apiTokenId ? null : actor.loginId;
    const rules = { keepAnOwner: login.role === 'owner', actingLoginId };
    if (!(await this.logins.deactivate(key, now, rules, manager))) {
      const logins = manager.getRepository(Login);
      if ((await logins.findOneBy({ tenantId: key.tenantId, id: key.loginId }))?.deactivatedAt) return;
      if (
        actingLoginId &&
        (await logins.findOneBy({ tenantId: key.tenantId, id: actingLoginId }))?.deactivatedAt
      )
        throw new UnauthorizedException(YOU_WERE_DEACTIVATED);
      throw refusal(HttpStatus.CONFLICT, 'users.last-owner', { name: label });
    }
    await this.remembered.forgetLogin(key.tenantId, key.loginId, manager);
    const sessionsEnded = await this.sessions.revokeLogin(
      key.tenantId,
      key.loginId,
      'deactivated',
      null,
      manager,
    );
    await this.audit.record(
      {
        action: 'login.deactivated',
        tenantId: key.tenantId,
        actor: actorOf(actor),
        target: { type: 'login', id: key.loginId, label },
        before: { active: true },
        after: { active: false, sessionsEnded, applicationGrantsEnded: true },
        address: actor.address,
      },
      manager,
    );
  }

  private async reactivate(
    manager: EntityManager,
    actor: Actor,
    key: LoginKey,
    label: string,
  ): Promise<void> {
    if (!(await this.logins.reactivate(key, manager))) return;
    await this.audit.record(
      {
        action: 'login.reactivated',
        tenantId: key.tenantId,
        actor: actorOf(actor),
        target: { type: 'login', id: key.loginId, label },
        before: { active: false },
        after: { active: true },
        address: actor.address,
      },
      manager,
    );
  }
}

import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type {
  CreateLoginAnswer,
  Page,
  SessionEndReason,
  UserFilter,
  UserRow,
  UserSort,
} from '@latchkey/contracts';
import { isEnrolled } from '@latchkey/policy';
import { actorOf, AuditService } from '../audit/audit.service';
import { IdentityIntake } from '../directory/identity-intake';
import { PasswordHasher } from '../factors/password-hasher';
import { INVITE_TTL_MS, newHandoverCode } from '../factors/handover-code';
import { DirectoryService } from '../directory/directory.service';
import { badField } from '../common/http-errors';
import type { Actor } from '../common/current-actor.decorator';
import { SessionsService } from '../database/sessions.service';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { keyOf, LoginStore } from '../directory/login-store';
import { LoginTally } from '../directory/login-tally';
import { UserType } from '../directory/user-type.entity';
import { enrolmentOf, PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import { FEATURE_OFF_MESSAGE, PolicyService } from '../policy/policy.service';
import { countFromTally, filteredLogins } from './user-filters';
import type { CreateLoginDto, SetExceptionDto, UserListQueryDto } from './users.dto';

const SORT_COLUMNS: Record<UserSort, string> = {
  name: 'l.display_name',
  email: 'i.email',
  type: 'ut.name',
  lastSecondFactor: 'l.last_second_factor_at',
  created: 'l.created_at',
};
export const DEFAULT_PAGE_SIZE = 25;

/**
 * Why an owner's "sign out now" ended a login's sessions, for the person it signed out: an owner
 * signing out their own login ends their other browsers, which is their own sign-out everywhere.
 */
export function signOutReason(actor: Actor, loginId: string): SessionEndReason {
  return !actor.apiTokenId && actor.loginId === loginId ? 'signed-out-everywhere' : 'signed-out-by-owner';
}

/** The owner's Users page: list with the effective method of each login, create, exception. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policyContext: PolicyContextService,
    private readonly policy: PolicyService,
    private readonly directory: DirectoryService,
    private readonly intake: IdentityIntake,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly logins: LoginStore,
    private readonly tally: LoginTally,
  ) {}

  async list(tenantId: string, query: UserListQueryDto): Promise<Page<UserRow>> {
    const ctx = await this.policyContext.load(tenantId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;

    const qb = filteredLogins(this.dataSource, this.policyContext, ctx, query);

    const total = await this.total(ctx, query, qb);
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (page > lastPage) throw badField('page', `page ${page} is beyond the last page (${lastPage})`);

    // Deferred join: order and page the narrow login rows first, then read 25 full rows.
    const sort = query.sort ?? 'name';
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
    if (sort === 'email' && !query.search) qb.innerJoin(Identity, 'i', 'i.id = l.identity_id');
    if (sort === 'type')
      qb.innerJoin(UserType, 'ut', 'ut.tenant_id = l.tenant_id AND ut.id = l.user_type_id');
    const ids: Array<{ id: string }> = await qb
      .select('l.id', 'id')
      // The id breaks ties in the same direction: the index (tenant, column, id) then gives the
      // whole order, read backwards for a descending sort.
      .orderBy(SORT_COLUMNS[sort], direction)
      .addOrderBy('l.id', direction)
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany();
    if (ids.length === 0) return { items: [], total, page, pageSize };
    const rows = await this.rows(
      ctx,
      this.baseQuery(tenantId).andWhere('l.id IN (:...ids)', { ids: ids.map((r) => r.id) }),
    );
    const byId = new Map(rows.map((r) => [r.loginId, r]));
    return {
      items: ids.map((r) => byId.get(r.id)).filter((r): r is UserRow => r !== undefined),
      total,
      page,
      pageSize,
    };
  }

  async row(tenantId: string, loginId: string, customerOnly = true): Promise<UserRow> {
    const ctx = await this.policyContext.load(tenantId, customerOnly);
    const qb = this.baseQuery(tenantId).andWhere('l.id = :loginId', { loginId });
    const [row] = await this.rows(ctx, qb);
    if (!row) throw new NotFoundException('No such user');
    return row;
  }

  async create(actor: Actor, tenantId: string, dto: CreateLoginDto): Promise<CreateLoginAnswer> {
    // A token provisions users; making owners (who could make tokens) stays with an owner's session.
    if (actor.apiTokenId && dto.role === 'owner')
      throw new ForbiddenException('An API token may not create owners: an owner does that in the console');
    const ctx = await this.policyContext.load(tenantId);
    const userType = ctx.userTypes.get(dto.userTypeId);
    if (!userType)
      throw badField('userTypeId', `userTypeId names no user type of this account: ${dto.userTypeId}`);
    const person = await this.intake.prepare(dto.email, dto.password, 'password');
    // An enrolment invite: a leaked initial password alone cannot enrol a stranger's phone.
    const invite = ctx.tenant.enrolmentInviteRequired ? newHandoverCode() : null;
    const inviteHash = invite ? await this.hasher.hash(invite) : null;
    const inviteExpiresAt = invite ? new Date(Date.now() + INVITE_TTL_MS) : null;

    const login = await this.dataSource.transaction(async (manager) => {
      const identity = await person.resolve(manager);
      const clash = await manager
        .getRepository(Login)
        .existsBy({ tenantId, identityId: identity.id, userTypeId: userType.id });
      if (clash)
        throw new ConflictException(`${identity.email} already has a ${userType.name} login in this account`);
      const made = await this.directory.createLogin(
        {
          tenantId,
          identityId: identity.id,
          userTypeId: userType.id,
          displayName: dto.displayName,
          role: dto.role ?? 'user',
        },
        manager,
      );
      if (inviteHash && inviteExpiresAt)
        await this.logins.setHandover(
          keyOf(made),
          { hash: inviteHash, expiresAt: inviteExpiresAt, kind: 'invite' },
          manager,
        );
      await this.audit.record(
        {
          action: 'login.created',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'login', id: made.id, label: identity.email },
          after: {
            displayName: dto.displayName,
            userType: userType.name,
            role: made.role,
            existingIdentity: person.existing !== null,
            invite: invite !== null,
          },
          address: actor.address,
        },
        manager,
      );
      return made;
    });
    return {
      user: await this.row(tenantId, login.id),
      initialPassword: person.initialPassword,
      existingIdentity: person.existing !== null,
      inviteCode: invite,
      inviteExpiresAt: inviteExpiresAt ? inviteExpiresAt.toISOString() : null,
    };
  }

  /** Layer 4: raise or lower this login's method, never below a floor. */
  async setException(
    actor: Actor,
    tenantId: string,
    loginId: string,
    dto: SetExceptionDto,
  ): Promise<UserRow> {
    await this.dataSource.transaction(async (manager) => {
      const ctx = await this.policyContext.load(tenantId, true, manager);
      const login = await manager.getRepository(Login).findOneBy({ tenantId, id: loginId });
      if (!login) throw new NotFoundException('No such user');
      if (dto.method !== null) {
        if (!ctx.tenant.twoFactorEnabled) throw new ConflictException(FEATURE_OFF_MESSAGE);
        this.policy.requireAboveFloor(ctx, dto.method);
      }
      await this.logins.setException({ tenantId, loginId }, dto.method, actor.email, manager);
      await this.audit.record(
        {
          action: dto.method ? 'policy.exception-set' : 'policy.exception-removed',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'login', id: loginId, label: login.displayName },
          before: { exception: login.exceptionMethod ?? null },
          after: { exception: dto.method, signOut: !!dto.signOut },
          address: actor.address,
        },
        manager,
      );
      if (dto.signOut)
        await this.sessions.revokeLogin(
          tenantId,
          loginId,
          signOutReason(actor, loginId),
          actor.sessionId,
          manager,
        );
    });
    return this.row(tenantId, loginId);
  }

  /**
   * The list's total: from the tally the database keeps when the filter is about policy and
   * enrolment (no row is read), counted row by row only for a search or a lock.
   */
  private async total(
    ctx: TenantPolicyContext,
    filter: UserFilter,
    qb: SelectQueryBuilder<Login>,
  ): Promise<number> {
    const groups =
      filter.search || filter.locked !== undefined ? [] : await this.tally.groups(ctx.tenant.id, new Date());
    const tallied = countFromTally(groups, (g) => this.policyContext.methodOfGroup(ctx, g), filter);
    if (tallied !== undefined) return tallied;
    const counted = await qb.clone().select('COUNT(*)', 'n').orderBy().getRawOne<{ n: string | number }>();
    return Number(counted?.n ?? 0);
  }

  private baseQuery(tenantId: string) {
    return this.dataSource
      .getRepository(Login)
      .createQueryBuilder('l')
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .innerJoin(UserType, 'ut', 'ut.tenant_id = l.tenant_id AND ut.id = l.user_type_id')
      .where('l.tenant_id = :tenantId', { tenantId });
  }

  /** The rows of these logins of the account, in no particular order. */
  rowsOf(ctx: TenantPolicyContext, loginIds: string[]): Promise<UserRow[]> {
    if (loginIds.length === 0) return Promise.resolve([]);
    return this.rows(ctx, this.baseQuery(ctx.tenant.id).andWhere('l.id IN (:...ids)', { ids: loginIds }));
  }

  private async rows(
    ctx: TenantPolicyContext,
    qb: ReturnType<UsersService['baseQuery']>,
  ): Promise<UserRow[]> {
    const { entities, raw } = await qb
      .select('l')
      .addSelect('i.email', 'email')
      .addSelect('ut.name', 'user_type_name')
      .getRawAndEntities();
    const now = Date.now();
    return entities.map((login, index) => {
      const r = raw[index] as Record<string, unknown>;
      const effective = this.policyContext.resolve(ctx, login);
      const enrolment = enrolmentOf(login);
      return {
        loginId: login.id,
        email: String(r['email']),
        displayName: login.displayName,
        role: login.role === 'super' ? 'owner' : login.role,
        userTypeId: login.userTypeId,
        userTypeName: String(r['user_type_name']),
        effective,
        exception: login.exceptionMethod ?? null,
        enrolled: isEnrolled(effective.method, enrolment),
        hasAuthenticator: enrolment.hasAuthenticator,
        hasPin: enrolment.hasPin,
        lastSecondFactorAt: login.lastSecondFactorAt ? login.lastSecondFactorAt.toISOString() : null,
        locked: !!login.lockedOut || (!!login.lockedUntil && login.lockedUntil.getTime() > now),
        enrolDeadline: login.enrolDeadline ? login.enrolDeadline.toISOString() : null,
        createdAt: login.createdAt.toISOString(),
        active: !login.deactivatedAt,
        deactivatedAt: login.deactivatedAt ? login.deactivatedAt.toISOString() : null,
      };
    });
  }
}

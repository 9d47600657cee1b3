import { HttpException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  MAX_BULK_LOGINS,
  type BulkAnswer,
  type BulkRowResult,
  type TwoFactorMethod,
} from '@latchkey/contracts';
import { METHOD_WORDS } from '@latchkey/policy';
import { actorOf, AuditService } from '../audit/audit.service';
import { badField } from '../common/http-errors';
import type { Actor } from '../common/current-actor.decorator';
import { SessionsService } from '../database/sessions.service';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { UserType } from '../directory/user-type.entity';
import { PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import { LoginRecoveryService } from './login-recovery.service';
import { filteredLogins } from './user-filters';
import type { BulkRequestDto } from './users.dto';
import { signOutReason, UsersService } from './users.service';

/** A login a bulk action acts on, as the answer names it. */
interface Target {
  loginId: string;
  displayName: string;
  email: string;
  userTypeName: string;
  locked: boolean;
  exception: TwoFactorMethod | null;
}

/**
 * An owner's action on many logins at once: the selected ones, or every one the Users filters
 * find (at most MAX_BULK_LOGINS). Each login goes through the same service call as its row's
 * action, in its own transaction: a refused login (a floor, a login of one's own) is reported
 * with the reason and nothing changes for it; the others are done.
 */
@Injectable()
export class UsersBulkService {
  private readonly logger = new Logger('UsersBulk');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policyContext: PolicyContextService,
    private readonly users: UsersService,
    private readonly recovery: LoginRecoveryService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async run(actor: Actor, tenantId: string, dto: BulkRequestDto): Promise<BulkAnswer> {
    if ((dto.loginIds === undefined) === (dto.filter === undefined))
      throw badField(
        'loginIds',
        'Send loginIds (the selected logins) or filter (every login the filters find): one of them',
      );
    if (dto.action === 'set-exception' && dto.method === undefined)
      throw badField('method', 'method is required to set an exception');
    if (dto.action !== 'set-exception' && (dto.method !== undefined || dto.signOut !== undefined))
      throw badField('method', 'method and signOut go only with set-exception');
    const ctx = await this.policyContext.load(tenantId);
    const targets = await this.targets(ctx, dto);
    const results: BulkRowResult[] = [];
    for (const target of targets) results.push(await this.one(actor, tenantId, dto, target));
    const done = results.filter((r) => r.ok).length;
    return { action: dto.action, done, refused: results.length - done, results };
  }

  /** The logins named (an id of no login of the account answers a refused row), or found. */
  private async targets(ctx: TenantPolicyContext, dto: BulkRequestDto): Promise<Array<Target | string>> {
    const qb = dto.filter
      ? filteredLogins(this.dataSource, this.policyContext, ctx, dto.filter, 'filter.')
      : this.dataSource
          .getRepository(Login)
          .createQueryBuilder('l')
          .where('l.tenant_id = :tenantId AND l.id IN (:...ids)', {
            tenantId: ctx.tenant.id,
            ids: dto.loginIds,
          });
    if (dto.filter) {
      const counted = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
      const n = Number(counted?.n ?? 0);
      if (n > MAX_BULK_LOGINS)
        throw badField(
          'filter',
          `The filters find ${n} logins; one bulk action takes at most ${MAX_BULK_LOGINS}: narrow the filters`,
        );
    }
    const now = new Date();
    if (!dto.filter?.search) qb.innerJoin(Identity, 'i', 'i.id = l.identity_id');
    // At most one more than the limit, whatever changed since the count: never more is acted on.
    qb.limit(MAX_BULK_LOGINS + 1);
    const rows: Array<Record<string, unknown>> = await qb
      .innerJoin(UserType, 'ut', 'ut.tenant_id = l.tenant_id AND ut.id = l.user_type_id')
      .select('l.id', 'id')
      .addSelect('l.display_name', 'display_name')
      .addSelect('i.email', 'email')
      .addSelect('ut.name', 'type_name')
      .addSelect(
        'CASE WHEN l.locked_out OR (l.locked_until IS NOT NULL AND l.locked_until > :at) THEN 1 ELSE 0 END',
        'locked',
      )
      .addSelect('l.exception_method', 'exception_method')
      .setParameter('at', now)
      .orderBy('l.display_name', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getRawMany();
    if (rows.length > MAX_BULK_LOGINS)
      throw badField('filter', `The filters find more than ${MAX_BULK_LOGINS} logins: narrow the filters`);
    const found = rows.map(
      (r): Target => ({
        loginId: String(r['id']),
        displayName: String(r['display_name']),
        email: String(r['email']),
        userTypeName: String(r['type_name']),
        locked: Number(r['locked']) === 1,
        exception: (r['exception_method'] as TwoFactorMethod | null) ?? null,
      }),
    );
    const known = new Set(found.map((t) => t.loginId));
    const unknown = [...new Set(dto.loginIds ?? [])].filter((id) => !known.has(id));
    return [...found, ...unknown];
  }

  private async one(
    actor: Actor,
    tenantId: string,
    dto: BulkRequestDto,
    target: Target | string,
  ): Promise<BulkRowResult> {
    if (typeof target === 'string')
      return {
        loginId: target,
        displayName: '',
        email: '',
        userTypeName: '',
        ok: false,
        message: 'No such login in this account',
      };
    const row = (ok: boolean, message: string, extra: Partial<BulkRowResult> = {}): BulkRowResult => ({
      loginId: target.loginId,
      displayName: target.displayName,
      email: target.email,
      userTypeName: target.userTypeName,
      ok,
      message,
      ...extra,
    });
    const mine = target.loginId === actor.loginId;
    try {
      switch (dto.action) {
        case 'reset': {
          if (mine) return row(false, 'Your own login: reset your factors under Profile → Security');
          const answer = await this.recovery.reset(actor, tenantId, target.loginId);
          return row(true, 'Second factor reset; signed out everywhere', {
            handoverCode: answer.handoverCode,
            handoverExpiresAt: answer.handoverExpiresAt,
          });
        }
        case 'unlock':
          // Always asked (a lock may have come since the list was read); worded from that read.
          await this.recovery.unlock(actor, tenantId, target.loginId);
          return row(true, target.locked ? 'Unlocked' : 'Was not locked');
        case 'set-exception': {
          const method = dto.method as TwoFactorMethod;
          await this.users.setException(actor, tenantId, target.loginId, { method, signOut: dto.signOut });
          return row(true, `Exception saved: ${METHOD_WORDS[method]}${dto.signOut ? '; signed out' : ''}`);
        }
        case 'clear-exception':
          await this.users.setException(actor, tenantId, target.loginId, { method: null });
          return row(true, target.exception ? 'Exception removed' : 'Had no exception');
        case 'sign-out': {
          const ended = await this.signOut(actor, tenantId, target);
          return row(
            true,
            mine ? `Signed out everywhere but here (${ended} sessions)` : `Signed out (${ended} sessions)`,
          );
        }
      }
    } catch (e) {
      if (e instanceof HttpException) return row(false, e.message);
      // Its own transaction rolled back: nothing changed for this login; the others stand.
      this.logger.error(`bulk ${dto.action} of login ${target.loginId}: ${(e as Error).stack ?? e}`);
      return row(false, 'Could not be done (an unexpected error); nothing changed for this login');
    }
  }

  /** Ends the login's sessions (the caller's own stays) and its applications' grants, audited. */
  private signOut(actor: Actor, tenantId: string, target: Target): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ended = await this.sessions.revokeLogin(
        tenantId,
        target.loginId,
        signOutReason(actor, target.loginId),
        actor.sessionId,
        manager,
      );
      await this.audit.record(
        {
          action: 'login.signed-out',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'login', id: target.loginId, label: target.displayName },
          after: { sessions: ended },
          address: actor.address,
        },
        manager,
      );
      return ended;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Login } from '../directory/login.entity';
import { HARD_CAP, lockStateOf, waitAfter } from './lock-rules';
import { FactorFailureException } from './factor-failure';

export interface AttemptContext {
  tenantId: string;
  loginId: string;
  identityId: string;
  email: string;
  address: string | null;
}

/**
 * Consecutive second-factor failures per login, counted in the database so every API process
 * sees one count; the increment is one SQL statement, so parallel failures cannot lose a count.
 */
@Injectable()
export class LockoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Refuses the attempt before any check when the login is locked. */
  async assertOpen(tenantId: string, loginId: string, now = new Date()): Promise<void> {
    const login = await this.dataSource.getRepository(Login).findOneByOrFail({ tenantId, id: loginId });
    const lock = lockStateOf(login, now);
    if (lock) throw new FactorFailureException('locked', lock.message, { lockedUntil: lock.lockedUntil });
  }

  /** Counts a failure (committed even though the attempt fails) and locks when it is time. */
  async recordFailure(
    ctx: AttemptContext,
    kind: string,
    now = new Date(),
    auditFailure = true,
  ): Promise<void> {
    const where = 'tenant_id = :tenantId AND id = :loginId';
    const params = { tenantId: ctx.tenantId, loginId: ctx.loginId };
    await this.dataSource
      .createQueryBuilder()
      .update(Login)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where(where, params)
      .execute();
    const { failedAttempts = 0 } = await this.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId });
    const hard = failedAttempts >= HARD_CAP;
    const wait = waitAfter(failedAttempts);
    if (hard || wait > 0) {
      await this.dataSource
        .createQueryBuilder()
        .update(Login)
        .set(hard ? { lockedOut: true } : { lockedUntil: new Date(now.getTime() + wait) })
        .where(where, params)
        .execute();
    }
    if (auditFailure) {
      await this.audit.record({
        action: 'factor.failed',
        tenantId: ctx.tenantId,
        actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
        target: { type: 'login', id: ctx.loginId, label: ctx.email },
        after: { kind, failedAttempts },
        address: ctx.address,
      });
    }
    if (hard || wait > 0) {
      await this.audit.record({
        action: 'login.locked',
        tenantId: ctx.tenantId,
        actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
        target: { type: 'login', id: ctx.loginId, label: ctx.email },
        after: {
          failedAttempts,
          until: hard ? 'unlocked by an owner' : new Date(now.getTime() + wait).toISOString(),
        },
        address: ctx.address,
      });
    }
  }

  /**
   * A wrong password counts against every login of the identity: the password is theirs in
   * common, and a guesser must not get 20 tries per login.
   */
  async recordPasswordFailure(
    identityId: string,
    email: string,
    address: string | null,
    now = new Date(),
  ): Promise<void> {
    const logins = await this.dataSource.getRepository(Login).findBy({ identityId });
    for (const login of logins) {
      // The sign-in service audits the failed password itself; only a lock is audited here.
      await this.recordFailure(
        { tenantId: login.tenantId, loginId: login.id, identityId, email, address },
        'password',
        now,
        false,
      );
    }
  }

  async recordSuccess(tenantId: string, loginId: string): Promise<void> {
    await this.dataSource
      .getRepository(Login)
      .update({ tenantId, id: loginId }, { failedAttempts: 0, lockedUntil: null });
  }
}

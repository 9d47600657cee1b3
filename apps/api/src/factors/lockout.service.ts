import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Login } from '../directory/login.entity';
import { FactorFailureException } from './factor-failure';

/** Failures before the first wait; each further failure doubles the wait, up to the longest. */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;
/** At this many consecutive failures only an owner can unlock the login. */
export const HARD_CAP = 20;

export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES));
}

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
    if (login.lockedOut) {
      throw new FactorFailureException(
        'locked',
        'This login is locked after too many failed attempts. Ask your account owner to unlock it.',
        { lockedUntil: null },
      );
    }
    if (login.lockedUntil && login.lockedUntil.getTime() > now.getTime()) {
      const seconds = Math.ceil((login.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new FactorFailureException(
        'locked',
        `Too many failed attempts: try again in ${seconds} seconds.`,
        {
          lockedUntil: login.lockedUntil.toISOString(),
        },
      );
    }
  }

  /** Counts a failure (committed even though the attempt fails) and locks when it is time. */
  async recordFailure(ctx: AttemptContext, kind: string, now = new Date()): Promise<void> {
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
    await this.audit.record({
      action: 'factor.failed',
      tenantId: ctx.tenantId,
      actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
      target: { type: 'login', id: ctx.loginId, label: ctx.email },
      after: { kind, failedAttempts },
      address: ctx.address,
    });
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

  async recordSuccess(tenantId: string, loginId: string): Promise<void> {
    await this.dataSource
      .getRepository(Login)
      .update({ tenantId, id: loginId }, { failedAttempts: 0, lockedUntil: null });
  }
}

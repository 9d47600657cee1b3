import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  FEW_ATTEMPTS_LEFT,
  isErrorCode,
  type AuditAction,
  type FactorFailureBody,
} from '@latchkey/contracts';
import { actorOf, AuditService, type AuditInput } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Login } from '../directory/login.entity';
import { HARD_CAP, lockStateOf, waitAfter } from '../directory/lock-rules';
import { LoginStore } from '../directory/login-store';
import { FactorFailureException } from './factor-failure';

export interface AttemptContext {
  tenantId: string;
  loginId: string;
  identityId: string;
  email: string;
  address: string | null;
}

/** An audit event of an attempt, about the person's own login (the `target` may be more precise). */
export function attemptEvent(
  ctx: AttemptContext,
  action: AuditAction,
  more: Pick<AuditInput, 'after' | 'target'> = {},
): AuditInput {
  return {
    action,
    tenantId: ctx.tenantId,
    actor: actorOf(ctx),
    target: { type: 'login', id: ctx.loginId, label: ctx.email },
    address: ctx.address,
    ...more,
  };
}

/** An attempt taken out of a login's allowance before its guess is checked. */
export interface Reservation {
  /** Consecutive failures counted with this attempt. */
  failures: number;
  at: Date;
}

/**
 * A reservation the step's read made itself (`LoginStore.reservation`, on PostgreSQL): its count,
 * or null when refused, and the time it was made at.
 */
export interface MadeReservation {
  failures: number | null;
  at: Date;
}

/** The refusal of a login that waits or is locked. */
function lockedAnswer(login: Login, at: Date): FactorFailureException {
  const lock = lockStateOf(login, at) ?? {
    message: 'Too many failed attempts: try again in a few seconds.',
    lockedUntil: at.toISOString(),
  };
  return new FactorFailureException('locked', lock.message, { lockedUntil: lock.lockedUntil });
}

/** A guess that failed: counted. A replay or an error before the check: the attempt is given back. */
function isGuessFailure(e: unknown): e is FactorFailureException {
  if (!(e instanceof FactorFailureException)) return false;
  const reason = (e.getResponse() as FactorFailureBody).reason;
  return reason === 'incorrect' || reason === 'clock-drift';
}

/**
 * A wrong guess's refusal, saying how many guesses are left before the hard lock once they are
 * few. `failures` is the count the guess's own reservation wrote and answered, so the number is
 * the one that write decided (no second read).
 */
function withAttemptsLeft(e: FactorFailureException, failures: number): FactorFailureException {
  const attemptsLeft = Math.max(0, HARD_CAP - failures);
  if (attemptsLeft > FEW_ATTEMPTS_LEFT) return e;
  const { reason, message, driftSeconds, code } = e.getResponse() as FactorFailureBody;
  return new FactorFailureException(reason, message, {
    ...(driftSeconds === undefined ? {} : { driftSeconds }),
    ...(isErrorCode(code) ? { code } : {}),
    attemptsLeft,
  });
}

/**
 * Second-factor attempts per login, counted in the database so every API process sees one
 * count. Every guess first reserves an attempt with ONE conditional write that refuses while
 * the login waits or is locked, and only then is checked: parallel guesses never get past the
 * limit. The wait (and at `HARD_CAP` the lock) is set by the reservation that reaches it.
 */
@Injectable()
export class LockoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly logins: LoginStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Reserves an attempt, runs `check`, and settles: a wrong guess stays counted (and audited),
   * a replay or any other refusal gives the attempt back. On success the count stays reserved
   * until the caller clears it with the write that the success earns (`succeeded`, or the
   * sign-in's `markSecondFactor`). A wrong guess that leaves few attempts says how many.
   */
  async guard<T>(ctx: AttemptContext, kind: string, check: () => Promise<T>): Promise<T> {
    const reservation = await this.reserve(ctx);
    try {
      return await check();
    } catch (e) {
      if (!isGuessFailure(e)) {
        await this.release(ctx);
        throw e;
      }
      await this.failed(ctx, kind, reservation);
      throw withAttemptsLeft(e, reservation.failures);
    }
  }

  /**
   * `guard` inside the caller's transaction (the TOTP step: reservation, check, the code's use and
   * the session in one transaction). A wrong guess is counted and audited in that transaction and
   * answered, not thrown, so that the caller commits it and then throws it; any other refusal is
   * thrown, and the rollback gives the attempt back.
   */
  async guardIn<T>(
    ctx: AttemptContext,
    kind: string,
    manager: EntityManager,
    check: () => Promise<T>,
    made?: MadeReservation,
  ): Promise<{ passed: T } | { refused: FactorFailureException }> {
    const reservation = made ? await this.madeOrLocked(ctx, made, manager) : await this.reserve(ctx, manager);
    try {
      return { passed: await check() };
    } catch (e) {
      if (!isGuessFailure(e)) throw e;
      await this.failed(ctx, kind, reservation, manager);
      return { refused: withAttemptsLeft(e, reservation.failures) };
    }
  }

  /** One conditional write: +1, and the wait or lock this count reaches; refused when waiting or locked. */
  async reserve(ctx: AttemptContext, manager: EntityManager = this.dataSource.manager): Promise<Reservation> {
    const at = this.now();
    return this.madeOrLocked(
      ctx,
      { failures: await this.logins.reserveAttempt(ctx, at, manager), at },
      manager,
    );
  }

  /**
   * A reservation made, or its refusal: the login read again, as it stands after the write that
   * refused (a parallel guess may just have started the wait or the lock the message names).
   */
  private async madeOrLocked(
    ctx: AttemptContext,
    made: MadeReservation,
    manager: EntityManager,
  ): Promise<Reservation> {
    if (made.failures !== null) return { failures: made.failures, at: made.at };
    const login = await manager
      .getRepository(Login)
      .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId });
    throw lockedAnswer(login, made.at);
  }

  /** The time a reservation is made at (the app's clock, which tests move on). */
  now(): Date {
    return this.clock.now();
  }

  /**
   * Gives back an attempt that was not a guess (a replayed code, a malformed request), with the
   * wait or lock it started if the count falls back below where they begin.
   */
  async release(ctx: AttemptContext): Promise<void> {
    await this.logins.releaseAttempt(ctx);
  }

  /** Audits a wrong guess, and the wait or lock its reservation started. */
  private async failed(
    ctx: AttemptContext,
    kind: string,
    reservation: Reservation,
    manager?: EntityManager,
  ): Promise<void> {
    const { failures, at } = reservation;
    await this.audit.record(
      attemptEvent(ctx, 'factor.failed', { after: { kind, failedAttempts: failures } }),
      manager,
    );
    const hard = failures >= HARD_CAP;
    const wait = waitAfter(failures);
    if (hard || wait > 0) {
      const until = hard ? 'unlocked by an owner' : new Date(at.getTime() + wait).toISOString();
      await this.audit.record(
        attemptEvent(ctx, 'login.locked', { after: { failedAttempts: failures, until } }),
        manager,
      );
    }
  }

  /** A proven factor clears the count, the wait and the lock its own reservation may have set. */
  async succeeded(tenantId: string, loginId: string): Promise<void> {
    await this.logins.clearLock({ tenantId, loginId });
  }
}

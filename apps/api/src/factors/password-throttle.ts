import { createHmac } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { FactorFailureBody } from '@latchkey/contracts';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { returningRows } from '../database/conditional-write';
import { PasswordThrottleRow } from '../database/password-throttle.entity';
import { secondsUntil, waitAfter, waitEndCase, waitParameters } from '../directory/lock-rules';

/** The password throttle's row key of an email: a keyed hash, so the table names nobody. */
export function throttleKeyOf(secretKey: Buffer, email: string): string {
  return createHmac('sha256', secretKey)
    .update(`password-throttle:${email.trim().toLowerCase()}`)
    .digest('hex');
}

/**
 * The answer while an email waits: the same status, body and (no hash at all) time whether the
 * password is right, wrong, or the email unknown, so a wait tells a guesser nothing.
 */
/** The email starts afresh (a right password, an unlock), in the caller's transaction. */
export async function forgetPasswordWaitIn(manager: EntityManager, emailKey: string): Promise<void> {
  await manager.delete(PasswordThrottleRow, { emailKey });
}

export class PasswordWaitException extends HttpException {
  constructor(waitUntil: Date, now: Date) {
    const body: FactorFailureBody = {
      statusCode: HttpStatus.LOCKED,
      error: 'Locked',
      message: `Too many sign-in attempts for this email: try again in ${secondsUntil(waitUntil, now)} seconds.`,
      reason: 'locked',
      lockedUntil: waitUntil.toISOString(),
    };
    super(body, HttpStatus.LOCKED);
  }
}

/** What a password attempt's reservation counted; `waitUntil` is set when it started a wait. */
export interface PasswordReservation {
  failures: number;
  waitUntil: Date | null;
}

/**
 * Password attempts per email (DESIGN.md §12): reserved by one conditional upsert before the
 * password is checked, cleared by a right password. Failures only make the email wait, up to
 * 15 minutes, and never lock a login for good: anyone who knows an email can send them.
 */
@Injectable()
export class PasswordThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private keyOf(email: string): string {
    return throttleKeyOf(this.config.secretKey, email);
  }

  /** Takes one attempt for the email, or throws the wait answer when it must wait. */
  async reserve(email: string): Promise<PasswordReservation> {
    const now = this.clock.now();
    const count = 'password_throttle.failures + 1';
    const params = { ...waitParameters(now), key: this.keyOf(email), now };
    const rows = await returningRows<{ failures: number | string }>(
      this.dataSource.manager,
      `INSERT INTO password_throttle (email_key, failures, wait_until, updated_at) VALUES (:key, 1, NULL, :now)
       ON CONFLICT (email_key) DO UPDATE SET failures = ${count},
         wait_until = ${waitEndCase(count, 'NULL', this.dataSource.options.type === 'postgres')}, updated_at = :now
       WHERE password_throttle.wait_until IS NULL OR password_throttle.wait_until <= :now
       RETURNING failures`,
      params,
    );
    if (rows.length === 1) {
      const failures = Number(rows[0].failures);
      const wait = waitAfter(failures);
      return { failures, waitUntil: wait > 0 ? new Date(now.getTime() + wait) : null };
    }
    const row = await this.dataSource.getRepository(PasswordThrottleRow).findOneBy({ emailKey: params.key });
    throw new PasswordWaitException(row?.waitUntil ?? new Date(now.getTime() + 1000), now);
  }

  /** A right password: the email starts afresh. */
  async clear(email: string): Promise<void> {
    await forgetPasswordWaitIn(this.dataSource.manager, this.keyOf(email));
  }
}

import { createHmac } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { errorText, type FactorFailureBody } from '@latchkey/contracts';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { returningRows } from '../database/conditional-write';
import { PasswordThrottleRow } from '../database/password-throttle.entity';
import { Identity } from '../directory/identity.entity';
import { languageOf, normaliseEmail } from '../directory/directory.service';
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
    const params = { seconds: secondsUntil(waitUntil, now), lockedUntil: waitUntil.toISOString() };
    const body: FactorFailureBody = {
      statusCode: HttpStatus.LOCKED,
      error: 'Locked',
      message: errorText('sign-in.email-waits', params),
      code: 'sign-in.email-waits',
      params,
      reason: 'locked',
      lockedUntil: params.lockedUntil,
    };
    super(body, HttpStatus.LOCKED);
  }
}

interface IdentityRow {
  id: string | null;
  email: string | null;
  password_hash: string | null;
  created_at: Date | null;
  language: string | null;
}

function identityOf(row: Partial<IdentityRow>): Identity | null {
  if (!row.id || !row.email || !row.password_hash || !row.created_at) return null;
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: new Date(row.created_at),
    language: languageOf(row.language),
  };
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

  /**
   * Takes one attempt for the email, or throws the wait answer when it must wait; answers it with
   * the email's identity (null when unknown), read after it: on PostgreSQL in the same statement,
   * one round trip for the password step before its hash.
   */
  async reserve(email: string): Promise<{ reservation: PasswordReservation; identity: Identity | null }> {
    const now = this.clock.now();
    const count = 'password_throttle.failures + 1';
    const postgres = this.dataSource.options.type === 'postgres';
    const params = { ...waitParameters(now), key: this.keyOf(email), now, email: normaliseEmail(email) };
    const reservation = `INSERT INTO password_throttle (email_key, failures, wait_until, updated_at) VALUES (:key, 1, NULL, :now)
       ON CONFLICT (email_key) DO UPDATE SET failures = ${count},
         wait_until = ${waitEndCase(count, 'NULL', postgres)}, updated_at = :now
       WHERE password_throttle.wait_until IS NULL OR password_throttle.wait_until <= :now
       RETURNING failures`;
    const rows = await returningRows<{ failures: number | string } & Partial<IdentityRow>>(
      this.dataSource.manager,
      postgres
        ? `WITH r AS (${reservation})
           SELECT r.failures, i.id, i.email, i.password_hash, i.created_at, i.language FROM r LEFT JOIN identity i ON i.email = :email`
        : reservation,
      params,
    );
    if (rows.length !== 1) {
      const row = await this.dataSource
        .getRepository(PasswordThrottleRow)
        .findOneBy({ emailKey: params.key });
      throw new PasswordWaitException(row?.waitUntil ?? new Date(now.getTime() + 1000), now);
    }
    const failures = Number(rows[0].failures);
    const wait = waitAfter(failures);
    const identity = postgres
      ? identityOf(rows[0])
      : await this.dataSource.getRepository(Identity).findOneBy({ email: params.email });
    return {
      reservation: { failures, waitUntil: wait > 0 ? new Date(now.getTime() + wait) : null },
      identity,
    };
  }

  /** A right password: the email starts afresh (in the sign-in's transaction when one is given). */
  async clear(email: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await forgetPasswordWaitIn(manager, this.keyOf(email));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HandoverKind, TwoFactorMethod } from '@latchkey/contracts';
import { returningRows } from '../database/conditional-write';
import { HARD_CAP, FREE_FAILURES, NOT_LOCKED, waitEndCase, waitParameters } from './lock-rules';
import { Login } from './login.entity';

/** Which login: its tenant and id (an attempt's context has both). */
export interface LoginKey {
  tenantId: string;
  loginId: string;
}

export const keyOf = (login: Pick<Login, 'tenantId' | 'id'>): LoginKey => ({
  tenantId: login.tenantId,
  loginId: login.id,
});

/** What a proof still needs when it is written: an enrolled app, or the very PIN that was checked. */
export type FactorStillHeld = 'authenticator' | { pinHash: string };

/** Which PIN write: the first at sign-in (for a flow), the first on the profile, or a change. */
export type PinWrite = { firstAtSignIn: string } | { firstOnProfile: true } | { replacing: string };

/** A one-time code on the login: an owner's reset handover or a new login's invite. */
export interface HandoverCode {
  hash: string;
  expiresAt: Date;
  kind: HandoverKind;
}

/**
 * The SQL condition under which the sign-in flow `:flowId` may still enrol a login's FIRST
 * factor: no one-time code pending, and no grant held by another flow. Enrolment writes carry
 * it, so a decision read at the start of a step cannot be overtaken by a reset or another
 * flow's enrolment.
 */
const MAY_ENROL_SQL =
  'handover_hash IS NULL AND (enrolment_grant_flow IS NULL OR enrolment_grant_flow = :flowId)';

/**
 * A subquery of the ids of a user type's logins (parameters `:tenantId`, `:userTypeId`), for
 * the writes that follow a user type's policy (its sessions, its remembered browsers).
 */
export function loginIdsOfUserType(manager: EntityManager): string {
  return manager
    .createQueryBuilder()
    .subQuery()
    .select('l.id')
    .from(Login, 'l')
    .where('l.tenant_id = :tenantId AND l.user_type_id = :userTypeId')
    .getQuery();
}

/** A sub-query of the ids of a tenant's logins (parameter: `tenantId`). */
export function loginIdsOfTenant(manager: EntityManager): string {
  return manager
    .createQueryBuilder()
    .subQuery()
    .select('l.id')
    .from(Login, 'l')
    .where('l.tenant_id = :tenantId')
    .getQuery();
}

const WHERE_LOGIN = 'tenant_id = :tenantId AND id = :loginId';
/** The key's two parameters alone (callers pass richer objects, an attempt's context say). */
const keyParams = (key: LoginKey) => ({ tenantId: key.tenantId, loginId: key.loginId });

/**
 * The one owner of the `login` table's writes: lock counters, proofs and enrolment, one-time
 * codes and grants, grace, exceptions, resets. A write that carries a decision is one
 * conditional statement and answers whether it held. Pass the caller's transaction where the
 * write belongs to one.
 */
@Injectable()
export class LoginStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private managerOr(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  private update(manager?: EntityManager) {
    return this.managerOr(manager).createQueryBuilder().update(Login);
  }

  async insert(login: Login, manager?: EntityManager): Promise<void> {
    await this.managerOr(manager).insert(Login, login);
  }

  // --- lock counters ---

  /**
   * Reserves an attempt: +1, and the wait or lock this count reaches, in ONE conditional write
   * that refuses while the login waits or is locked. Answers the count, or null when refused.
   */
  async reserveAttempt(
    key: LoginKey,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number | null> {
    const { sql, params } = this.reservation(key, now);
    const rows = await returningRows<{ failed_attempts: number | string }>(manager, sql, params);
    return rows.length === 1 ? Number(rows[0].failed_attempts) : null;
  }

  /**
   * The reservation's statement (`:name` parameters): it answers the count with this attempt, or
   * no row while the login waits or is locked. The TOTP step runs it inside its read on
   * PostgreSQL (`DirectoryService.signInView`).
   */
  reservation(key: LoginKey, now: Date): { sql: string; params: Record<string, unknown> } {
    const count = 'failed_attempts + 1';
    const postgres = this.dataSource.options.type === 'postgres';
    return {
      sql: `UPDATE login SET failed_attempts = ${count},
         locked_until = ${waitEndCase(count, 'locked_until', postgres)},
         locked_out = CASE WHEN ${count} >= :hardCap THEN :yes ELSE locked_out END
       WHERE ${WHERE_LOGIN} AND locked_out = :no
         AND (locked_until IS NULL OR locked_until <= :now)
       RETURNING failed_attempts`,
      params: { ...waitParameters(now), hardCap: HARD_CAP, yes: true, no: false, ...keyParams(key), now },
    };
  }

  /** Gives an attempt back, with the wait or lock it started if the count falls below where they begin. */
  async releaseAttempt(key: LoginKey): Promise<void> {
    const count = 'failed_attempts - 1';
    await returningRows(
      this.dataSource.manager,
      `UPDATE login SET failed_attempts = ${count},
         locked_until = CASE WHEN ${count} < :free THEN NULL ELSE locked_until END,
         locked_out = CASE WHEN ${count} < :hardCap THEN :no ELSE locked_out END
       WHERE ${WHERE_LOGIN} AND failed_attempts > 0`,
      { free: FREE_FAILURES, hardCap: HARD_CAP, no: false, ...keyParams(key) },
    );
  }

  /** No failures, no wait, no lock: after a proven factor, or an unlock. */
  async clearLock(key: LoginKey, manager?: EntityManager): Promise<void> {
    await this.update(manager).set(NOT_LOCKED).where(WHERE_LOGIN, keyParams(key)).execute();
  }

  // --- proofs and enrolment ---

  /**
   * A second factor was proven: when, and the count starts again; only while `still` holds and
   * the login is active (a deactivation committed since the step read it voids the proof).
   */
  async markSecondFactor(key: LoginKey, manager: EntityManager, still?: FactorStillHeld): Promise<boolean> {
    const write = this.update(manager)
      .set({ lastSecondFactorAt: new Date(), ...NOT_LOCKED })
      .where(`${WHERE_LOGIN} AND deactivated_at IS NULL`, keyParams(key));
    if (still === 'authenticator') write.andWhere('totp_enrolled_at IS NOT NULL');
    else if (still) write.andWhere('pin_hash = :pinHash', { pinHash: still.pinHash });
    return (await write.execute()).affected === 1;
  }

  /**
   * A sign-in of the login may finish: decided by a write on its row while it is active, so that a
   * deactivation either commits first (and this answers false) or waits for the sign-in's
   * transaction and then ends the session it wrote.
   */
  async holdActive(key: LoginKey, manager: EntityManager): Promise<boolean> {
    const write = this.update(manager)
      .set({ deactivatedAt: null })
      .where(`${WHERE_LOGIN} AND deactivated_at IS NULL`, keyParams(key));
    return (await write.execute()).affected === 1;
  }

  /**
   * An authenticator was confirmed: the login is enrolled and its grace ends. A first factor at
   * sign-in (`firstAtSignIn`, the flow) is written only while the login is still unenrolled and
   * the flow may enrol it.
   */
  async markTotpEnrolled(
    key: LoginKey,
    now: Date,
    firstAtSignIn: string | null,
    manager: EntityManager,
  ): Promise<boolean> {
    const write = this.update(manager)
      .set({ totpEnrolledAt: now, graceStartedAt: null, enrolDeadline: null })
      .where(WHERE_LOGIN, keyParams(key));
    if (firstAtSignIn !== null)
      write.andWhere(`totp_enrolled_at IS NULL AND ${MAY_ENROL_SQL}`, { flowId: firstAtSignIn });
    return (await write.execute()).affected === 1;
  }

  /** The last authenticator is gone. */
  async clearTotpEnrolment(key: LoginKey, manager: EntityManager): Promise<void> {
    await this.update(manager).set({ totpEnrolledAt: null }).where(WHERE_LOGIN, keyParams(key)).execute();
  }

  /** A PIN (its hash) is set and grace ends, only while what the caller decided on still holds. */
  async writePin(key: LoginKey, pinHash: string, kind: PinWrite, manager: EntityManager): Promise<boolean> {
    const write = this.update(manager)
      .set({ pinHash, pinSetAt: new Date(), graceStartedAt: null, enrolDeadline: null })
      .where(WHERE_LOGIN, keyParams(key));
    if ('firstAtSignIn' in kind)
      write.andWhere(`pin_hash IS NULL AND ${MAY_ENROL_SQL}`, { flowId: kind.firstAtSignIn });
    if ('replacing' in kind) write.andWhere('pin_hash = :replacing', { replacing: kind.replacing });
    return (await write.execute()).affected === 1;
  }

  async setOptIn(key: LoginKey, optedInAt: Date | null, manager: EntityManager): Promise<void> {
    await this.update(manager).set({ optedInAt }).where(WHERE_LOGIN, keyParams(key)).execute();
  }

  // --- one-time codes, grants, grace ---

  async setHandover(key: LoginKey, code: HandoverCode, manager: EntityManager): Promise<void> {
    await this.update(manager)
      .set({ handoverHash: code.hash, handoverExpiresAt: code.expiresAt, handoverKind: code.kind })
      .where(WHERE_LOGIN, keyParams(key))
      .execute();
  }

  /**
   * Spends the code whose hash was checked and binds what it grants to `flowId` until
   * `grantUntil`, in one conditional write: only the request that clears this very hash goes on.
   */
  async spendHandover(key: LoginKey, hash: string, flowId: string, grantUntil: Date): Promise<boolean> {
    const result = await this.update()
      .set({
        handoverHash: null,
        handoverExpiresAt: null,
        enrolmentGrantFlow: flowId,
        enrolmentGrantExpiresAt: grantUntil,
      })
      .where(`${WHERE_LOGIN} AND handover_hash = :hash`, { ...keyParams(key), hash })
      .execute();
    return result.affected === 1;
  }

  /** The flow's grant is used up (it holds it no longer, whoever else may). */
  async releaseGrant(key: LoginKey, flowId: string, manager: EntityManager): Promise<void> {
    await this.update(manager)
      .set({ enrolmentGrantFlow: null, enrolmentGrantExpiresAt: null })
      .where(`${WHERE_LOGIN} AND enrolment_grant_flow = :flowId`, { ...keyParams(key), flowId })
      .execute();
  }

  /** Starts the grace clock unless it runs already: only the first writer sets it. */
  async startGrace(key: LoginKey, now: Date, deadline: Date, manager?: EntityManager): Promise<void> {
    await this.update(manager)
      .set({ graceStartedAt: now, enrolDeadline: deadline })
      .where(`${WHERE_LOGIN} AND grace_started_at IS NULL`, keyParams(key))
      .execute();
  }

  // --- an owner's choices ---

  async setException(
    key: LoginKey,
    method: TwoFactorMethod | null,
    by: string,
    manager: EntityManager,
  ): Promise<void> {
    await this.update(manager)
      .set({
        exceptionMethod: method,
        exceptionSetBy: method ? by : null,
        exceptionSetAt: method ? new Date() : null,
      })
      .where(WHERE_LOGIN, keyParams(key))
      .execute();
  }

  /** An owner's change of the name or the user type (the new type's policy applies at the next sign-in). */
  async setProfile(
    key: LoginKey,
    change: { displayName?: string; userTypeId?: string },
    manager: EntityManager,
  ): Promise<void> {
    if (change.displayName === undefined && change.userTypeId === undefined) return;
    await this.update(manager).set(change).where(WHERE_LOGIN, keyParams(key)).execute();
  }

  /**
   * Deactivates an active login in ONE conditional write, which also decides the rules that keep
   * an account in hand: with `keepAnOwner`, only while another active owner of the tenant
   * remains; with `actingLoginId`, only while the login of the owner who asks is active itself
   * (one deactivated a moment ago decides nothing). On PostgreSQL the caller also holds the
   * tenant's row lock (`TenantStore.lock`), so that two owners deactivating each other cannot both
   * see the other still active. Answers whether it was written.
   */
  async deactivate(
    key: LoginKey,
    now: Date,
    rules: { keepAnOwner: boolean; actingLoginId: string | null },
    manager: EntityManager,
  ): Promise<boolean> {
    const write = this.update(manager)
      .set({ deactivatedAt: now })
      .where(`${WHERE_LOGIN} AND deactivated_at IS NULL`, keyParams(key));
    if (rules.keepAnOwner)
      write.andWhere(
        `(role <> :owner OR EXISTS (SELECT 1 FROM login o WHERE o.tenant_id = :tenantId
           AND o.id <> :loginId AND o.role = :owner AND o.deactivated_at IS NULL))`,
        { owner: 'owner' },
      );
    if (rules.actingLoginId !== null)
      write.andWhere(
        `EXISTS (SELECT 1 FROM login a WHERE a.tenant_id = :tenantId AND a.id = :actingLoginId
           AND a.deactivated_at IS NULL)`,
        { actingLoginId: rules.actingLoginId },
      );
    return (await write.execute()).affected === 1;
  }

  /** Lets a deactivated login sign in again; answers whether it was deactivated. */
  async reactivate(key: LoginKey, manager: EntityManager): Promise<boolean> {
    const result = await this.update(manager)
      .set({ deactivatedAt: null })
      .where(`${WHERE_LOGIN} AND deactivated_at IS NOT NULL`, keyParams(key))
      .execute();
    return result.affected === 1;
  }

  /**
   * An owner's reset: no factor left, enrolment due at the next sign-in (no grace), the new
   * code (if any) the only way in, and any grant from an earlier code ended.
   */
  async reset(key: LoginKey, now: Date, code: HandoverCode | null, manager: EntityManager): Promise<void> {
    await this.update(manager)
      .set({
        pinHash: null,
        pinSetAt: null,
        totpEnrolledAt: null,
        graceStartedAt: now,
        enrolDeadline: now,
        handoverHash: code?.hash ?? null,
        handoverExpiresAt: code?.expiresAt ?? null,
        handoverKind: code?.kind ?? null,
        enrolmentGrantFlow: null,
        enrolmentGrantExpiresAt: null,
      })
      .where(WHERE_LOGIN, keyParams(key))
      .execute();
  }
}

import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditService } from '../audit/audit.service';
import { PasswordThrottleRow } from '../database/password-throttle.entity';
import { Login } from '../directory/login.entity';

/** The password throttle's row key of an email: a keyed hash, so the table names nobody. */
export function throttleKeyOf(secretKey: Buffer, email: string): string {
  return createHmac('sha256', secretKey)
    .update(`password-throttle:${email.trim().toLowerCase()}`)
    .digest('hex');
}

/** What an unlock found, for its audit event and for the server command's report. */
export interface UnlockedState {
  failedAttempts: number;
  lockedOut: boolean;
  lockedUntil: string | null;
}

/**
 * Lifts a login's lock (timed or hard) and its email's password wait, and audits it — in the
 * caller's transaction. One place for the owner's and super user's route and the server command.
 */
export async function unlockLoginIn(
  manager: EntityManager,
  audit: AuditService,
  login: Login,
  email: string,
  by: { secretKey: Buffer; actor: AuditActor; address: string | null; auditTenantId: string | null },
): Promise<UnlockedState> {
  const before: UnlockedState = {
    failedAttempts: login.failedAttempts ?? 0,
    lockedOut: !!login.lockedOut,
    lockedUntil: login.lockedUntil ? login.lockedUntil.toISOString() : null,
  };
  await manager.update(
    Login,
    { tenantId: login.tenantId, id: login.id },
    { failedAttempts: 0, lockedUntil: null, lockedOut: false },
  );
  await manager.delete(PasswordThrottleRow, { emailKey: throttleKeyOf(by.secretKey, email) });
  await audit.record(
    {
      action: 'login.unlocked',
      tenantId: by.auditTenantId,
      actor: by.actor,
      target: { type: 'login', id: login.id, label: login.displayName },
      before: { ...before },
      after: { failedAttempts: 0, lockedOut: false, lockedUntil: null },
      address: by.address,
    },
    manager,
  );
  return before;
}

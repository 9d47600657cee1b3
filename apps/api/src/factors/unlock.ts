import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditService } from '../audit/audit.service';
import type { Login } from '../directory/login.entity';
import { NOT_LOCKED } from '../directory/lock-rules';
import { keyOf, type LoginStore } from '../directory/login-store';
import { forgetPasswordWaitIn, throttleKeyOf } from './password-throttle';

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
  { audit, logins }: { audit: AuditService; logins: LoginStore },
  login: Login,
  email: string,
  by: { secretKey: Buffer; actor: AuditActor; address: string | null; auditTenantId: string | null },
): Promise<UnlockedState> {
  const before: UnlockedState = {
    failedAttempts: login.failedAttempts ?? 0,
    lockedOut: !!login.lockedOut,
    lockedUntil: login.lockedUntil ? login.lockedUntil.toISOString() : null,
  };
  await logins.clearLock(keyOf(login), manager);
  await forgetPasswordWaitIn(manager, throttleKeyOf(by.secretKey, email));
  await audit.record(
    {
      action: 'login.unlocked',
      tenantId: by.auditTenantId,
      actor: by.actor,
      target: { type: 'login', id: login.id, label: login.displayName },
      before: { ...before },
      after: { ...NOT_LOCKED },
      address: by.address,
    },
    manager,
  );
  return before;
}

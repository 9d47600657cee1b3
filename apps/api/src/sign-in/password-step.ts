import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ERROR_MESSAGES } from '@latchkey/contracts';
import { AuditService, type AuditActor } from '../audit/audit.service';
import type { Identity } from '../directory/identity.entity';
import { DirectoryService } from '../directory/directory.service';
import { PasswordHasher } from '../factors/password-hasher';
import { PasswordThrottle } from '../factors/password-throttle';

export const WRONG_CREDENTIALS = ERROR_MESSAGES['sign-in.wrong-credentials'];

/** The first step of the sign-in machine (`SignInService` takes over from the identity it answers). */
@Injectable()
export class PasswordStep {
  constructor(
    private readonly directory: DirectoryService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: PasswordThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * The password step. The attempt is reserved for the email before the password is checked;
   * while the email waits every answer is the same, right password or wrong, known email or
   * not. An unknown email costs one hash and answers like a wrong password.
   */
  async verify(email: string, password: string, address: string | null): Promise<Identity> {
    const { reservation, identity } = await this.throttle.reserve(email);
    const ok = identity
      ? await this.hasher.verify(identity.passwordHash, password)
      : await this.hasher.verifyDecoy(password);
    // A right password starts the email afresh in the next step's transaction (`afterPassword`).
    if (identity && ok) return identity;

    const tenants = identity
      ? [...new Set((await this.directory.loginsOf(identity.id)).map((v) => v.login.tenantId))]
      : [];
    const actor: AuditActor = {
      identityId: identity?.id ?? null,
      loginId: null,
      label: email.trim().toLowerCase(),
    };
    for (const tenantId of tenants.length > 0 ? tenants : [null]) {
      await this.audit.record({
        action: 'sign-in.failed',
        tenantId,
        actor,
        target: { type: 'identity', id: identity?.id ?? null, label: actor.label },
        after: {
          reason: identity ? 'wrong-password' : 'unknown-email',
          failures: reservation.failures,
          ...(reservation.waitUntil ? { waitUntil: reservation.waitUntil.toISOString() } : {}),
        },
        address,
      });
    }
    throw new UnauthorizedException(WRONG_CREDENTIALS);
  }
}

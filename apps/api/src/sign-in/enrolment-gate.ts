import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ERROR_MESSAGES } from '@latchkey/contracts';
import { Clock } from '../common/clock';
import type { Identity } from '../directory/identity.entity';
import type { Login } from '../directory/login.entity';
import { keyOf, LoginStore } from '../directory/login-store';
import { ENROLMENT_TTL_MS } from '../factors/enrolment-rules';
import { AuditedRefusal } from './audited-refusal';

export const HANDOVER_EXPIRED = ERROR_MESSAGES['sign-in.handover-expired'];
export const GRANT_HELD = ERROR_MESSAGES['sign-in.grant-held'];
export const GRANT_EXPIRED = ERROR_MESSAGES['sign-in.grant-expired'];
/** What a first enrolment of the chosen login waits for: the invite code, or a new code. */
export type BeforeEnrolling = 'invite' | 'code-expired' | 'grant-ended';

/**
 * What a login's enrolment gate asks of a sign-in flow at the moment the login is chosen:
 * nothing (`open`), the reset's handover code before anything else, or something only a first
 * enrolment waits for.
 */
export type GateAnswer = 'open' | 'reset-code' | BeforeEnrolling;

/**
 * The one-time codes an owner hands over (DESIGN.md §4): after a reset, or as the invite of a
 * new login. What a spent code grants — enrolling — belongs to the sign-in flow that presented
 * it, until that enrolment finishes or the grant expires; every other flow of the login, even
 * with the right password, is refused (and the refusal audited).
 */
@Injectable()
export class EnrolmentGate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logins: LoginStore,
  ) {}

  /** Decides, for the login just chosen by `flowId`, whether a code comes first; refuses other flows. */
  check(login: Login, identity: Identity, flowId: string, address: string | null): GateAnswer {
    const now = this.clock.now().getTime();
    if (login.handoverHash) {
      const expired = !login.handoverExpiresAt || login.handoverExpiresAt.getTime() <= now;
      if ((login.handoverKind ?? 'reset') === 'invite') return expired ? 'code-expired' : 'invite';
      if (expired) throw new ForbiddenException(HANDOVER_EXPIRED);
      return 'reset-code';
    }
    if (!login.enrolmentGrantFlow || login.enrolmentGrantFlow === flowId) return 'open';
    if (!login.enrolmentGrantExpiresAt || login.enrolmentGrantExpiresAt.getTime() <= now)
      return 'grant-ended';
    throw new AuditedRefusal(GRANT_HELD, {
      action: 'enrolment.refused',
      tenantId: login.tenantId,
      actor: { identityId: identity.id, loginId: login.id, label: identity.email },
      target: { type: 'login', id: login.id, label: login.displayName },
      after: { reason: 'another sign-in holds the handover grant' },
      address,
    });
  }

  /**
   * Spends the code whose hash was checked and binds what it grants to `flowId`, in one
   * conditional write: only the request that clears this very hash goes on.
   */
  spend(tenantId: string, loginId: string, hash: string, flowId: string): Promise<boolean> {
    const grantUntil = new Date(this.clock.now().getTime() + ENROLMENT_TTL_MS);
    return this.logins.spendHandover({ tenantId, loginId }, hash, flowId, grantUntil);
  }

  /** The flow's sign-in finished: what its code granted is used up (in the finishing transaction). */
  async releaseIn(manager: EntityManager, login: Login, flowId: string): Promise<void> {
    if (login.enrolmentGrantFlow !== flowId) return;
    await this.logins.releaseGrant(keyOf(login), flowId, manager);
  }
}

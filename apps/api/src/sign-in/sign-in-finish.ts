import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ERROR_MESSAGES,
  type SignedInAnswer,
  type SignInAnswer,
  type TwoFactorMethod,
} from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import type { Identity } from '../directory/identity.entity';
import { meOf, type LoginView } from '../directory/directory.service';
import { keyOf, LoginStore, type FactorStillHeld } from '../directory/login-store';
import { FACTOR_GONE } from '../factors/factor-failure';
import { AppSignInService } from './app-sign-in.service';
import { EnrolmentGate } from './enrolment-gate';
import { flowOf, type SessionPort } from './session-port';
import type { AppSignIn, SignedIn } from './sign-in-session';
import type { UpstreamStep } from './upstream-factor';
import { standingEvents } from './audited-refusal';

export const DEACTIVATED_MEANWHILE = ERROR_MESSAGES['sign-in.deactivated-meanwhile'];

/**
 * The end of the sign-in machine (DESIGN §3): the one place a session becomes signed in. What the
 * step proved, the login still active, the grant released, the rotated session and the audit
 * commit in one transaction; then an application's sign-in goes back to the application.
 */
@Injectable()
export class SignInFinish {
  private readonly logger = new Logger('SignIn');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly logins: LoginStore,
    private readonly audit: AuditService,
    private readonly gate: EnrolmentGate,
    private readonly apps: AppSignInService,
  ) {}

  /**
   * The second factor was proven (or enrolled): `consume` (the code's single use, the new PIN,
   * ...), the login's last-factor time and reset failure count, the rotated signed-in session
   * and the audit event commit in ONE transaction, or none of them does: no code is consumed
   * without the session it earns. Pass `manager` to join a transaction already open.
   */
  async passSecondFactor(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    consume?: (manager: EntityManager) => Promise<void>,
    manager?: EntityManager,
    still?: FactorStillHeld,
  ): Promise<SignInAnswer> {
    return this.finish(port, identity, view, {
      before: async (m) => {
        await consume?.(m);
        // Decided by the write: a reset committed since the step read the login voids the proof.
        if (!(await this.logins.markSecondFactor(keyOf(view.login), m, still)))
          throw new ConflictException(FACTOR_GONE);
      },
      outer: manager,
      factor: factorProvenAt(port.current()?.stage),
      // markSecondFactor is the write on the login's row, and it requires the login active.
      loginWritten: true,
    });
  }

  /** The one place a session becomes signed in: `before`, the session and its audit, together. */
  async finish(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    { before, outer, factor = 'off', upstream, loginWritten = false }: FinishOptions = {},
  ): Promise<SignInAnswer> {
    const me = meOf(identity, view);
    const flowId = flowOf(port);
    const app = port.app();
    const pending = port.current();
    const through = pending && pending.stage !== 'signed-in' ? pending.upstream : undefined;
    const signedIn: SignedIn = {
      stage: 'signed-in',
      flowId,
      identityId: identity.id,
      email: identity.email,
      loginId: view.login.id,
      tenantId: view.login.tenantId,
      role: view.login.role,
      signedInAt: Date.now(),
      factor,
      ...(upstream || through
        ? {
            upstream: upstream ?? {
              connectionName: String(through?.connectionName),
              amr: through?.amr ?? [],
              trusted: false,
            },
          }
        : {}),
    };
    const work = async (manager: EntityManager) => {
      // The login's row first, in the order an owner's reset takes its locks (login, then the
      // remembered browsers): a factor's proof writes it itself, after the code's use, as before.
      if (!loginWritten && !(await this.logins.holdActive(keyOf(view.login), manager)))
        throw new ForbiddenException(DEACTIVATED_MEANWHILE);
      await before?.(manager);
      await this.gate.releaseIn(manager, view.login, flowId);
      await port.rotate(signedIn, manager);
      await this.audit.record(
        {
          action: 'sign-in.succeeded',
          tenantId: view.tenantKind === 'platform' ? null : view.login.tenantId,
          actor: { identityId: identity.id, loginId: view.login.id, label: identity.email },
          target: { type: 'login', id: view.login.id, label: me.displayName },
          after: { role: me.role, userType: me.userTypeName },
          address: port.attempt.address,
        },
        manager,
      );
    };
    try {
      if (outer) await work(outer);
      else await this.dataSource.transaction(work);
    } catch (e) {
      // Nothing committed: the client keeps its pending session as it was.
      port.abandonRotation();
      throw e;
    }
    // An application's sign-in goes back to the application (the provider learns who, and how),
    // once the session is committed: inside a caller's transaction, the caller hands back.
    const redirectTo = app && !outer ? await this.apps.complete(app, signedIn) : null;
    return { state: 'signed-in', me, ...(redirectTo ? { redirectTo } : {}) };
  }

  /**
   * A step of the machine in ONE transaction: its reads, its writes and the rotated session
   * commit together, or nothing does and the client keeps its session as it was. The audit events
   * a failure carries (`withStandingEvents`: a refusal, what a provider proved) are recorded after
   * the rollback; a sign-in that finished goes back to the application once committed.
   */
  async inOneTransaction(
    port: SessionPort,
    step: (manager: EntityManager) => Promise<SignInAnswer>,
  ): Promise<SignInAnswer> {
    const app = port.app();
    let answer: SignInAnswer;
    try {
      answer = await this.dataSource.transaction(step);
    } catch (e) {
      port.abandonRotation();
      for (const event of standingEvents(e)) {
        // The refusal is the answer, whatever becomes of its audit.
        await this.audit.record(event).catch((failed: unknown) => this.logger.error(failed));
      }
      throw e;
    }
    return answer.state === 'signed-in' ? this.handBack(app, port, answer) : answer;
  }

  /**
   * After a transaction that signed in through `passSecondFactor(…, manager)` committed: the
   * application's sign-in under way before it (`app`) goes back to the application.
   */
  async handBack(
    app: AppSignIn | undefined,
    port: SessionPort,
    answer: SignedInAnswer,
  ): Promise<SignedInAnswer> {
    const signedIn = port.current();
    if (!app || signedIn?.stage !== 'signed-in') return answer;
    const redirectTo = await this.apps.complete(app, signedIn);
    return redirectTo ? { ...answer, redirectTo } : answer;
  }
}

/** How a sign-in finishes: what commits with it, in whose transaction, and what was proven. */
interface FinishOptions {
  /** Written in the sign-in's transaction, before the session (the code's use, an audit event). */
  before?: (manager: EntityManager) => Promise<void>;
  /** A transaction already open (the caller hands an application's sign-in back after it commits). */
  outer?: EntityManager;
  /** The second factor proven now ('off': none). */
  factor?: TwoFactorMethod;
  /** `before` writes the login's row itself, on the condition that it is active. */
  loginWritten?: boolean;
  /** Through the tenant's provider, when its MFA stood for the factor. */
  upstream?: UpstreamStep['signedIn'];
}

/** The factor a sign-in waiting at `stage` proves when it passes. */
function factorProvenAt(stage: string | undefined): TwoFactorMethod {
  if (stage === 'pin' || stage === 'pin-setup') return 'pin';
  if (stage === 'totp' || stage === 'totp-enrol') return 'authenticator';
  return 'off';
}

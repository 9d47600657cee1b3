import { Injectable } from '@nestjs/common';
import type { FactorStep } from '@latchkey/policy';
import { upstreamFactorDecision, type UpstreamFactorDecision } from '@latchkey/policy';
import type { AuditInput } from '../audit/audit.service';
import type { Identity } from '../directory/identity.entity';
import type { LoginView } from '../directory/directory.service';
import { PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import type { SessionPort } from './session-port';
import type { SignedIn, UpstreamProofHeld } from './sign-in-session';

/** What the sign-in needs of one upstream decision: the decision, and its audit, written with the sign-in. */
export interface UpstreamStep {
  decision: UpstreamFactorDecision;
  /** The signed-in session's note of the upstream sign-in. */
  signedIn: NonNullable<SignedIn['upstream']>;
  /** What the provider proved and what was decided: stands whether or not the step commits. */
  event: AuditInput;
}

/**
 * After a sign-in through the tenant's own provider, whether Latchkey's factor is asked (DESIGN
 * §11): the connection's trust, the provider's proof, the login's role and the floors above the
 * owner, through the pure `upstreamFactorDecision`. The audit log says which path and why.
 */
@Injectable()
export class UpstreamFactorGate {
  constructor(private readonly policy: PolicyContextService) {}

  decide(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    held: UpstreamProofHeld,
    ctx: TenantPolicyContext,
    step: FactorStep,
    applicationAsks: boolean,
  ): UpstreamStep {
    const trustDecision = upstreamFactorDecision(
      held.trust,
      { amr: held.amr, acr: held.acr ?? undefined, authTime: held.authTime ?? undefined },
      {
        nowSeconds: Math.floor(Date.now() / 1000),
        role: view.login.role,
        floorAboveOwner: this.policy.platformLock(ctx)?.method ?? 'off',
      },
    );
    // An application's step-up asks for Latchkey's own factor, whatever the provider proved.
    const decision: UpstreamFactorDecision =
      !trustDecision.ask && applicationAsks ? { ask: true, reason: 'application-asked' } : trustDecision;
    // What an application is told: the provider's MFA stood, when it proved one the connection trusts.
    const trusted = decision.reason === 'upstream-mfa-trusted';
    const event: AuditInput = {
      action: 'sign-in.upstream',
      tenantId: view.login.tenantId,
      actor: { identityId: identity.id, loginId: view.login.id, label: identity.email },
      target: { type: 'login', id: view.login.id, label: view.login.displayName },
      after: {
        connection: held.connectionName,
        factor: step === 'none' ? 'none asked by the policy' : decision.ask ? 'asked' : 'skipped',
        reason: decision.reason,
        ...(decision.matched ? { matched: decision.matched } : {}),
        amr: held.amr.join(' ') || null,
      },
      address: port.attempt.address,
    };
    return {
      decision,
      signedIn: { connectionName: held.connectionName, amr: held.amr, trusted },
      event,
    };
  }
}

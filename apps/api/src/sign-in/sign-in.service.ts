import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ERROR_MESSAGES,
  type HandoverKind,
  type LoginOption,
  type PendingSignInState,
  type SignInAnswer,
} from '@latchkey/contracts';
import { factorStep, isEnrolled, strongerOf } from '@latchkey/policy';
import { AuditService } from '../audit/audit.service';
import { EXPIRED_MESSAGE } from '../common/access.guard';
import { Clock } from '../common/clock';
import type { Identity } from '../directory/identity.entity';
import { DirectoryService, optionOf, type LoginView, type SignInView } from '../directory/directory.service';
import { enrolmentOf, PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import { EnrolmentGate, GRANT_EXPIRED, HANDOVER_EXPIRED, type BeforeEnrolling } from './enrolment-gate';
import { EnrolmentGraceService } from './enrolment-grace';
import { FACTOR_GONE, FactorFailureException } from '../factors/factor-failure';
import { lockStateOf } from '../directory/lock-rules';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { PasswordThrottle } from '../factors/password-throttle';
import { openDeadline, pendingStep, type SessionPort } from './session-port';
import {
  ENROLMENT_TTL_MS,
  PENDING_TTL_MS,
  pendingAt,
  type PendingSignIn,
  type UpstreamProofHeld,
} from './sign-in-session';
import { AppSignInService } from './app-sign-in.service';
import { UpstreamFactorGate } from './upstream-factor';
import { SignInFinish } from './sign-in-finish';
import { withStandingEvents } from './audited-refusal';

/** The identity has no login the sign-in may use (of the application's or the provider's tenant). */
export class NoLoginException extends ForbiddenException {}

export const DEADLINE_PASSED = ERROR_MESSAGES['sign-in.postpone-over'];

/**
 * The sign-in state machine (DESIGN.md §3). Every path to a signed-in session goes through
 * `SignInFinish.finish`; each step rotates the session id. A sign-in through the tenant's own
 * provider enters after its first factor (`afterUpstream`) and may have its MFA stand for ours.
 *
 *   password ──► pick-login (several logins) ──► select ──► policy says:
 *        off ─────────────────────────────────────────────► signed-in
 *        pin / authenticator ──► pin | totp (enrolled) ──► (factor steps) ──► signed-in
 *                            └─► pin-setup | totp-enrol ──► (enrol, or postpone before the deadline)
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly policy: PolicyContextService,
    private readonly grace: EnrolmentGraceService,
    private readonly remembered: RememberedBrowsers,
    private readonly gate: EnrolmentGate,
    private readonly clock: Clock,
    private readonly apps: AppSignInService,
    private readonly upstreamFactor: UpstreamFactorGate,
    private readonly finisher: SignInFinish,
    private readonly throttle: PasswordThrottle,
  ) {}

  /**
   * After a matching password: straight on with one login, to the picker with several. The
   * email's wait is forgotten in the step's one transaction, or after it when the step is refused.
   */
  async afterPassword(port: SessionPort, identity: Identity): Promise<SignInAnswer> {
    try {
      return await this.finisher.inOneTransaction(port, async (m) => {
        const answer = await this.afterFirstFactor(port, identity, m);
        // Last: an owner's unlock takes the login's row, then this one; so does this step.
        await this.throttle.clear(identity.email, m);
        return answer;
      });
    } catch (e) {
      await this.throttle.clear(identity.email).catch(() => undefined);
      throw e;
    }
  }

  /**
   * After the tenant's own provider vouched for the identity (DESIGN §11): the same machine, with
   * only that tenant's logins of the user types the connection admits, and the connection's trust
   * of the provider's MFA when the policy asks a factor.
   */
  afterUpstream(port: SessionPort, identity: Identity, upstream: UpstreamProofHeld): Promise<SignInAnswer> {
    const app = port.app();
    if (app && app.tenantId !== upstream.tenantId)
      throw new ForbiddenException(`${upstream.connectionName} cannot sign in to ${app.applicationName}.`);
    return this.finisher.inOneTransaction(port, (m) => this.afterFirstFactor(port, identity, m, upstream));
  }

  private async afterFirstFactor(
    port: SessionPort,
    identity: Identity,
    manager: EntityManager,
    upstream?: UpstreamProofHeld,
  ): Promise<SignInAnswer> {
    const app = port.app();
    // An application signs in only logins of its tenant (and of the user types it admits); a
    // tenant's provider only logins of its tenant (and of the types the connection admits).
    const views = (await this.directory.loginsOf(identity.id, manager)).filter(
      (v) =>
        !v.tenantSuspended &&
        (!app || (v.login.tenantId === app.tenantId && this.apps.admits(app, v.login.userTypeId))) &&
        (!upstream ||
          (v.login.tenantId === upstream.tenantId &&
            (upstream.allowedUserTypeIds === null ||
              upstream.allowedUserTypeIds.includes(v.login.userTypeId)))),
    );
    const options = views.map(optionOf);
    if (options.length === 0) {
      throw new NoLoginException(
        upstream
          ? `This email has no login that may sign in through ${upstream.connectionName}. Ask your account owner.`
          : app
            ? `This email has no login that may use ${app.applicationName}. Ask your account owner.`
            : 'This email has no active login. Ask your account owner.',
      );
    }
    const flowId = randomUUID();
    // One login: straight on, with the row just read.
    if (options.length === 1)
      return this.select(port, identity, flowId, options[0], manager, views[0], upstream);

    await port.rotate(
      {
        stage: 'pick-login',
        flowId,
        identityId: identity.id,
        candidates: options.map((o) => o.loginId),
        loginId: null,
        tenantId: null,
        deadline: null,
        expiresAt: Date.now() + PENDING_TTL_MS,
        ...(upstream ? { upstream } : {}),
      },
      manager,
    );
    return { state: 'pick-login', logins: await this.pickerOptions(views, port, manager) };
  }

  /**
   * The picker's logins, each saying whether its sign-in would ask to set up a factor first (the
   * policy's method, raised to what an application's step-up asks for).
   */
  async pickerOptions(
    views: LoginView[],
    port: SessionPort,
    manager?: EntityManager,
  ): Promise<LoginOption[]> {
    const required = port.app()?.required ?? null;
    const contexts = new Map<string, Promise<TenantPolicyContext>>();
    return Promise.all(
      views.map(async (view) => {
        const tenantId = view.login.tenantId;
        if (!contexts.has(tenantId)) contexts.set(tenantId, this.policy.load(tenantId, false, manager));
        const ctx = await (contexts.get(tenantId) as Promise<TenantPolicyContext>);
        const policy = this.policy.resolve(ctx, view.login).method;
        const method = required ? strongerOf(policy, required) : policy;
        return { ...optionOf(view), needsSetUp: !isEnrolled(method, enrolmentOf(view.login)) };
      }),
    );
  }

  /** The picker: only a login the password unlocked. */
  async pick(port: SessionPort, loginId: string): Promise<SignInAnswer> {
    const pending = pendingStep(port, ['pick-login']);
    const identity = await this.directory.findIdentity(pending.identityId);
    if (!identity) throw new UnauthorizedException(EXPIRED_MESSAGE);

    const option = pending.candidates.includes(loginId)
      ? (await this.directory.loginOptions(identity)).find((o) => o.loginId === loginId)
      : undefined;
    if (!option) {
      await this.audit.record({
        action: 'sign-in.pick-refused',
        tenantId: null,
        actor: { identityId: identity.id, loginId: null, label: identity.email },
        target: { type: 'login', id: loginId },
        address: port.attempt.address,
      });
      throw new NotFoundException('That login is not one of the logins of this email');
    }
    return this.finisher.inOneTransaction(port, (m) =>
      this.select(port, identity, pending.flowId, option, m, undefined, pending.upstream),
    );
  }

  /** Enrolment postponed while the grace deadline allows: the sign-in finishes without a factor. */
  async postpone(port: SessionPort): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.pendingLogin(port, ['pin-setup', 'totp-enrol']);
    if (pending.deadline === null || pending.deadline <= Date.now())
      throw new ForbiddenException(DEADLINE_PASSED);
    const deadline = new Date(pending.deadline).toISOString();
    return this.finisher.finish(port, identity, view, {
      before: (manager) =>
        this.audit.record(
          {
            action: 'enrolment.postponed',
            tenantId: view.login.tenantId,
            actor: { identityId: identity.id, loginId: view.login.id, label: identity.email },
            target: { type: 'login', id: view.login.id, label: view.login.displayName },
            after: { step: pending.stage, deadline },
            address: port.attempt.address,
          },
          manager,
        ),
    });
  }

  /** A login is chosen: the policy resolver decides the next step. */
  private async select(
    port: SessionPort,
    identity: Identity,
    flowId: string,
    option: LoginOption,
    manager: EntityManager,
    read?: LoginView,
    upstream?: UpstreamProofHeld,
  ): Promise<SignInAnswer> {
    const view = read ?? (await this.directory.loginOf(identity.id, option.loginId, manager));
    if (!view) throw new UnauthorizedException(EXPIRED_MESSAGE);
    const login = view.login;
    // A locked login goes no further than its password, whatever its method.
    const lock = lockStateOf(login, this.clock.now());
    if (lock) throw new FactorFailureException('locked', lock.message, { lockedUntil: lock.lockedUntil });
    const gate = this.gate.check(login, identity, flowId, port.attempt.address);
    // After an owner's reset the handover code comes before anything else; an invite, or the
    // end of an unused grant, only matters before a first enrolment (`afterHandover`).
    if (gate === 'reset-code')
      return this.askForCode(port, identity, flowId, view, 'reset', manager, upstream);
    return this.decide(port, identity, view, flowId, manager, gate === 'open' ? null : gate, upstream);
  }

  private async askForCode(
    port: SessionPort,
    identity: Identity,
    flowId: string,
    view: LoginView,
    handover: HandoverKind,
    manager: EntityManager,
    upstream: UpstreamProofHeld | undefined,
  ): Promise<SignInAnswer> {
    const pending = pendingAt('handover', flowId, identity, view, null, PENDING_TTL_MS, upstream);
    pending.handover = handover;
    await port.rotate(pending, manager);
    return { state: 'handover', deadline: null, handover, login: optionOf(view) };
  }

  /** After the handover code: the policy decides the step, in one transaction. */
  afterHandover(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    flowId: string,
  ): Promise<SignInAnswer> {
    return this.finisher.inOneTransaction(port, (m) => this.decide(port, identity, view, flowId, m));
  }

  /**
   * The policy decides the step after the handover (or straight after the login is chosen).
   * `beforeEnrolling` says what a first enrolment waits for: the invite code, or a new code.
   */
  private async decide(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    flowId: string,
    manager: EntityManager,
    beforeEnrolling: BeforeEnrolling | null = null,
    through?: UpstreamProofHeld,
  ): Promise<SignInAnswer> {
    const current = port.current();
    const upstream = through ?? (current && current.stage !== 'signed-in' ? current.upstream : undefined);
    const ctx = await this.policy.load(view.login.tenantId, false, manager);
    const effective = this.policy.resolve(ctx, view.login);
    // Step-up: an application may ask for more than the policy, never for less.
    const required = port.app()?.required ?? null;
    const mustProve = required !== null && required !== 'off';
    const method = required ? strongerOf(effective.method, required) : effective.method;
    const step = factorStep(method, enrolmentOf(view.login));
    // Through the tenant's provider: its MFA may stand for Latchkey's factor (never when an
    // application asked for Latchkey's own).
    const viaUpstream = upstream
      ? this.upstreamFactor.decide(port, identity, view, upstream, ctx, step, mustProve)
      : null;
    const rest = async (): Promise<SignInAnswer> => {
      if (step === 'none' || (viaUpstream && !viaUpstream.decision.ask))
        return this.finisher.finish(port, identity, view, {
          before: viaUpstream ? (m) => this.audit.record(viaUpstream.event, m) : undefined,
          upstream: viaUpstream?.signedIn,
          outer: manager,
        });
      if (viaUpstream) await this.audit.record(viaUpstream.event, manager);
      const enrolling = step === 'pin-setup' || step === 'totp-enrol';
      if (enrolling && beforeEnrolling === 'invite')
        return this.askForCode(port, identity, flowId, view, 'invite', manager, upstream);
      if (enrolling && beforeEnrolling)
        throw new ForbiddenException(beforeEnrolling === 'code-expired' ? HANDOVER_EXPIRED : GRANT_EXPIRED);

      const rememberDays =
        step === 'totp' || step === 'pin' ? (ctx.userTypes.get(view.login.userTypeId)?.rememberDays ?? 0) : 0;
      const rememberedId =
        rememberDays > 0 && view.login.role !== 'super' && !mustProve
          ? await this.remembered.recognises(port.attempt.cookies, view.login, rememberDays, manager)
          : null;
      if (rememberedId) {
        return this.finisher.finish(port, identity, view, {
          upstream: viaUpstream?.signedIn,
          outer: manager,
          before: async () => {
            // Decided by the write: a reset or sign-out everywhere since the read forgot it.
            if (!(await this.remembered.stillRemembered(manager, view.login, rememberedId)))
              throw new ConflictException(FACTOR_GONE);
            await this.audit.record(
              {
                action: 'sign-in.browser-remembered',
                tenantId: view.login.tenantId,
                actor: { identityId: identity.id, loginId: view.login.id, label: identity.email },
                target: { type: 'login', id: view.login.id, label: view.login.displayName },
                after: { skipped: step },
                address: port.attempt.address,
              },
              manager,
            );
          },
        });
      }

      // A flow that came through a one-time code enrols now: postponing would leave the login
      // open to the next password holder once the grant ends.
      const granted = view.login.enrolmentGrantFlow === flowId;
      const deadline =
        enrolling && !granted && !mustProve
          ? await this.grace.deadline(view.login, effective.graceDays, new Date(), manager)
          : null;
      const pending = pendingAt(
        step,
        flowId,
        identity,
        view,
        deadline,
        enrolling ? ENROLMENT_TTL_MS : PENDING_TTL_MS,
        upstream,
      );
      pending.rememberDays = rememberDays;
      await port.rotate(pending, manager);
      return {
        state: step,
        deadline: openDeadline(pending),
        login: optionOf(view),
        ...(rememberDays > 0 ? { rememberDays } : {}),
      };
    };
    // What the provider proved stands in the audit even when the step is then refused.
    if (!viaUpstream) return rest();
    return rest().catch((e: unknown) => {
      throw withStandingEvents(e, viaUpstream.event);
    });
  }

  /**
   * The pending sign-in at one of `stages`, with its identity and chosen login (one read; with
   * `devices`, the login's active authenticators in the same read).
   */
  async pendingLogin(
    port: SessionPort,
    stages: PendingSignInState[],
    devices = false,
    manager?: EntityManager,
    reserveAt?: Date,
  ): Promise<SignInView & { pending: PendingSignIn }> {
    const pending = pendingStep(port, stages);
    const { identityId, tenantId, loginId } = pending;
    const found =
      loginId && tenantId
        ? await this.directory.signInView(identityId, tenantId, loginId, devices, manager, reserveAt)
        : null;
    if (!found || found.view.tenantSuspended) throw new UnauthorizedException(EXPIRED_MESSAGE);
    return { pending, ...found };
  }
}

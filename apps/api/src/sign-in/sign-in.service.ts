import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  HandoverKind,
  LoginOption,
  PendingSignInState,
  SignedInAnswer,
  SignInAnswer,
  TwoFactorMethod,
} from '@latchkey/contracts';
import { factorStep, strongerOf } from '@latchkey/policy';
import { AuditService } from '../audit/audit.service';
import { EXPIRED_MESSAGE } from '../common/access.guard';
import { Clock } from '../common/clock';
import type { Identity } from '../directory/identity.entity';
import {
  DirectoryService,
  meOf,
  optionOf,
  type ActiveDevice,
  type LoginView,
} from '../directory/directory.service';
import { enrolmentOf, PolicyContextService } from '../policy/policy-context';
import { EnrolmentGate, GRANT_EXPIRED, HANDOVER_EXPIRED, type BeforeEnrolling } from './enrolment-gate';
import { EnrolmentGraceService } from './enrolment-grace';
import { FACTOR_GONE, FactorFailureException } from '../factors/factor-failure';
import { lockStateOf } from '../directory/lock-rules';
import { keyOf, LoginStore, type FactorStillHeld } from '../directory/login-store';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { flowOf, openDeadline, pendingStep, type SessionPort } from './session-port';
import {
  ENROLMENT_TTL_MS,
  PENDING_TTL_MS,
  type AppSignIn,
  type PendingSignIn,
  type SignedIn,
} from './sign-in-session';
import { AppSignInService } from './app-sign-in.service';

export const DEACTIVATED_MEANWHILE = 'This login has been deactivated. Ask your account owner.';
export const DEADLINE_PASSED = 'The time to postpone enrolment is over: enrol now to finish signing in';

/**
 * The sign-in state machine (DESIGN.md §3). Every path to a signed-in session goes through
 * `finish`; each step rotates the session id.
 *
 *   password ──► pick-login (several logins) ──► select ──► policy says:
 *        off ─────────────────────────────────────────────► signed-in
 *        pin / authenticator ──► pin | totp (enrolled) ──► (factor steps) ──► signed-in
 *                            └─► pin-setup | totp-enrol ──► (enrol, or postpone before the deadline)
 */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly logins: LoginStore,
    private readonly audit: AuditService,
    private readonly policy: PolicyContextService,
    private readonly grace: EnrolmentGraceService,
    private readonly remembered: RememberedBrowsers,
    private readonly gate: EnrolmentGate,
    private readonly clock: Clock,
    private readonly apps: AppSignInService,
  ) {}

  /** After a matching password: straight on with one login, to the picker with several. */
  async afterPassword(port: SessionPort, identity: Identity): Promise<SignInAnswer> {
    const app = port.app();
    // An application signs in only logins of its tenant (and of the user types it admits).
    const views = (await this.directory.loginsOf(identity.id)).filter(
      (v) =>
        !v.tenantSuspended &&
        (!app || (v.login.tenantId === app.tenantId && this.apps.admits(app, v.login.userTypeId))),
    );
    const options = views.map(optionOf);
    if (options.length === 0) {
      throw new ForbiddenException(
        app
          ? `This email has no login that may use ${app.applicationName}. Ask your account owner.`
          : 'This email has no active login. Ask your account owner.',
      );
    }
    const flowId = randomUUID();
    // One login: straight on, with the row just read.
    if (options.length === 1) return this.select(port, identity, flowId, options[0], views[0]);

    await port.rotate({
      stage: 'pick-login',
      flowId,
      identityId: identity.id,
      candidates: options.map((o) => o.loginId),
      loginId: null,
      tenantId: null,
      deadline: null,
      expiresAt: Date.now() + PENDING_TTL_MS,
    });
    return { state: 'pick-login', logins: options };
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
    return this.select(port, identity, pending.flowId, option);
  }

  /** Enrolment postponed while the grace deadline allows: the sign-in finishes without a factor. */
  async postpone(port: SessionPort): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.pendingLogin(port, ['pin-setup', 'totp-enrol']);
    if (pending.deadline === null || pending.deadline <= Date.now())
      throw new ForbiddenException(DEADLINE_PASSED);
    const deadline = new Date(pending.deadline).toISOString();
    return this.finish(port, identity, view, (manager) =>
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
    );
  }

  /** Where the sign-in stands, for a console that reloads mid-way. */
  async state(port: SessionPort): Promise<SignInAnswer> {
    const signIn = port.current();
    if (!signIn) return { state: 'signed-out' };
    if (signIn.stage === 'signed-in') {
      const me = await this.directory.describe(signIn.identityId, signIn.loginId);
      return me ? { state: 'signed-in', me } : { state: 'signed-out' };
    }
    if (signIn.expiresAt <= Date.now()) return { state: 'signed-out' };
    if (signIn.stage === 'pick-login') {
      const identity = await this.directory.findIdentity(signIn.identityId);
      const logins = identity ? await this.directory.loginOptions(identity) : [];
      return { state: 'pick-login', logins: logins.filter((l) => signIn.candidates.includes(l.loginId)) };
    }
    return {
      state: signIn.stage,
      deadline: openDeadline(signIn),
      ...(signIn.rememberDays ? { rememberDays: signIn.rememberDays } : {}),
      ...(signIn.handover ? { handover: signIn.handover } : {}),
    };
  }

  async logout(port: SessionPort): Promise<SignInAnswer> {
    const signIn = port.current();
    if (signIn?.stage === 'signed-in') {
      await this.audit.record({
        action: 'sign-out',
        tenantId: signIn.tenantId,
        actor: { identityId: signIn.identityId, loginId: signIn.loginId, label: signIn.email },
        target: { type: 'login', id: signIn.loginId },
        address: port.attempt.address,
      });
    }
    await port.destroy();
    return { state: 'signed-out' };
  }

  /** A login is chosen: the policy resolver decides the next step. */
  private async select(
    port: SessionPort,
    identity: Identity,
    flowId: string,
    option: LoginOption,
    read?: LoginView,
  ): Promise<SignInAnswer> {
    const view = read ?? (await this.directory.loginOf(identity.id, option.loginId));
    if (!view) throw new UnauthorizedException(EXPIRED_MESSAGE);
    const login = view.login;
    // A locked login goes no further than its password, whatever its method.
    const lock = lockStateOf(login, this.clock.now());
    if (lock) throw new FactorFailureException('locked', lock.message, { lockedUntil: lock.lockedUntil });
    const gate = await this.gate.check(login, identity, flowId, port.attempt.address);
    // After an owner's reset the handover code comes before anything else; an invite, or the
    // end of an unused grant, only matters before a first enrolment (`afterHandover`).
    if (gate === 'reset-code') return this.askForCode(port, identity, flowId, view, 'reset');
    return this.afterHandover(port, identity, view, flowId, gate === 'open' ? null : gate);
  }

  private async askForCode(
    port: SessionPort,
    identity: Identity,
    flowId: string,
    view: LoginView,
    handover: HandoverKind,
  ): Promise<SignInAnswer> {
    const pending = this.pendingAt('handover', flowId, identity, view, null, PENDING_TTL_MS);
    pending.handover = handover;
    await port.rotate(pending);
    return { state: 'handover', deadline: null, handover };
  }

  /**
   * The policy decides the step after the handover (or straight after the login is chosen).
   * `beforeEnrolling` says what a first enrolment waits for: the invite code, or a new code.
   */
  async afterHandover(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    flowId: string,
    beforeEnrolling: BeforeEnrolling | null = null,
  ): Promise<SignInAnswer> {
    const ctx = await this.policy.load(view.login.tenantId, false);
    const effective = this.policy.resolve(ctx, view.login);
    // Step-up: an application may ask for more than the policy, never for less.
    const required = port.app()?.required ?? null;
    const mustProve = required !== null && required !== 'off';
    const method = required ? strongerOf(effective.method, required) : effective.method;
    const step = factorStep(method, enrolmentOf(view.login));
    if (step === 'none') return this.finish(port, identity, view);
    const enrolling = step === 'pin-setup' || step === 'totp-enrol';
    if (enrolling && beforeEnrolling === 'invite')
      return this.askForCode(port, identity, flowId, view, 'invite');
    if (enrolling && beforeEnrolling)
      throw new ForbiddenException(beforeEnrolling === 'code-expired' ? HANDOVER_EXPIRED : GRANT_EXPIRED);

    const rememberDays =
      step === 'totp' || step === 'pin' ? (ctx.userTypes.get(view.login.userTypeId)?.rememberDays ?? 0) : 0;
    const rememberedId =
      rememberDays > 0 && view.login.role !== 'super' && !mustProve
        ? await this.remembered.recognises(port.attempt.cookies, view.login, rememberDays)
        : null;
    if (rememberedId) {
      return this.finish(port, identity, view, async (manager) => {
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
      });
    }

    // A flow that came through a one-time code enrols now: postponing would leave the login
    // open to the next password holder once the grant ends.
    const granted = view.login.enrolmentGrantFlow === flowId;
    const deadline =
      enrolling && !granted && !mustProve ? await this.grace.deadline(view.login, effective.graceDays) : null;
    const pending = this.pendingAt(
      step,
      flowId,
      identity,
      view,
      deadline,
      enrolling ? ENROLMENT_TTL_MS : PENDING_TTL_MS,
    );
    pending.rememberDays = rememberDays;
    await port.rotate(pending);
    return {
      state: step,
      deadline: openDeadline(pending),
      ...(rememberDays > 0 ? { rememberDays } : {}),
    };
  }

  private pendingAt(
    stage: PendingSignInState,
    flowId: string,
    identity: Identity,
    view: LoginView,
    deadline: Date | null,
    ttlMs: number,
  ): PendingSignIn {
    return {
      stage,
      flowId,
      identityId: identity.id,
      candidates: [view.login.id],
      loginId: view.login.id,
      tenantId: view.login.tenantId,
      deadline: deadline?.getTime() ?? null,
      expiresAt: Date.now() + ttlMs,
    };
  }

  /**
   * The pending sign-in at one of `stages`, with its identity and chosen login (one read; with
   * `devices`, the login's active authenticators in the same read).
   */
  async pendingLogin(
    port: SessionPort,
    stages: PendingSignInState[],
    devices = false,
  ): Promise<{ pending: PendingSignIn; identity: Identity; view: LoginView; devices: ActiveDevice[] }> {
    const pending = pendingStep(port, stages);
    const found =
      pending.loginId && pending.tenantId
        ? await this.directory.signInView(pending.identityId, pending.tenantId, pending.loginId, devices)
        : null;
    if (!found || found.view.tenantSuspended) throw new UnauthorizedException(EXPIRED_MESSAGE);
    return { pending, ...found };
  }

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
    return this.finish(
      port,
      identity,
      view,
      async (m) => {
        await consume?.(m);
        // Decided by the write: a reset committed since the step read the login voids the proof.
        if (!(await this.logins.markSecondFactor(keyOf(view.login), m, still)))
          throw new ConflictException(FACTOR_GONE);
      },
      manager,
      factorProvenAt(port.current()?.stage),
    );
  }

  /** The one place a session becomes signed in: `before`, the session and its audit, together. */
  private async finish(
    port: SessionPort,
    identity: Identity,
    view: LoginView,
    before?: (manager: EntityManager) => Promise<void>,
    outer?: EntityManager,
    factor: TwoFactorMethod = 'off',
  ): Promise<SignInAnswer> {
    const me = meOf(identity, view);
    const flowId = flowOf(port);
    const app = port.app();
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
    };
    const work = async (manager: EntityManager) => {
      await before?.(manager);
      if (!(await this.logins.holdActive(keyOf(view.login), manager)))
        throw new ForbiddenException(DEACTIVATED_MEANWHILE);
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

/** The factor a sign-in waiting at `stage` proves when it passes. */
function factorProvenAt(stage: string | undefined): TwoFactorMethod {
  if (stage === 'pin' || stage === 'pin-setup') return 'pin';
  if (stage === 'totp' || stage === 'totp-enrol') return 'authenticator';
  return 'off';
}

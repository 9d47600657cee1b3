import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BACKUP_CODE_PATTERN,
  HANDOVER_CODE_PATTERN,
  normaliseBackupCode,
  normaliseHandoverCode,
  TOTP_CODE_PATTERN,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../factors/password-hasher';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { SignInService } from './sign-in.service';
import { SignInFinish } from './sign-in-finish';
import { EnrolmentGate, HANDOVER_EXPIRED } from './enrolment-gate';
import type { SessionPort } from './session-port';
import { PinService } from '../factors/pin.service';
import { badField } from '../common/http-errors';
import type { Identity } from '../directory/identity.entity';
import type { LoginView } from '../directory/directory.service';
import { AuthenticatorService, otpauthNames } from '../factors/authenticator.service';
import { FactorFailureException, isReplay } from '../factors/factor-failure';
import type { ConfirmEnrolmentDto } from '../factors/factor.dto';
import type { HandoverDto, PinDto, PinSetupDto, TotpCodeDto } from './sign-in.dto';
import { attemptEvent, LockoutService, type AttemptContext } from '../factors/lockout.service';
import { BackupCodesService, slotOf } from '../factors/backup-codes.service';

const REPLAYED_BACKUP_CODE = 'This backup code has been used already';

/** A code's single use, written in the sign-in's transaction; a backup code's answers those left. */
type Consume = (manager: EntityManager) => Promise<number | undefined>;

export function attemptOf(port: SessionPort, identity: Identity, view: LoginView): AttemptContext {
  return {
    tenantId: view.login.tenantId,
    loginId: view.login.id,
    identityId: identity.id,
    email: identity.email,
    address: port.attempt.address,
  };
}

/** The second-factor steps of the sign-in machine: enrol an authenticator, enter a code, handover, PIN. */
@Injectable()
export class FactorSteps {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signIn: SignInService,
    private readonly authenticator: AuthenticatorService,
    private readonly lockout: LockoutService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly remembered: RememberedBrowsers,
    private readonly backupCodes: BackupCodesService,
    private readonly gate: EnrolmentGate,
    private readonly pins: PinService,
    private readonly finish: SignInFinish,
  ) {}

  async startEnrolment(port: SessionPort): Promise<TotpEnrolment> {
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['totp-enrol']);
    return this.authenticator.startPending(
      attemptOf(port, identity, view),
      otpauthNames(identity, view),
      pending.flowId,
    );
  }

  /**
   * Activates the pending authenticator with a valid code, answers 10 backup codes once, signs
   * in: the activation and the signed-in session commit in one transaction.
   */
  async confirmEnrolment(port: SessionPort, dto: ConfirmEnrolmentDto): Promise<EnrolmentConfirmedAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['totp-enrol']);
    const app = port.app();
    let answer: SignInAnswer | null = null;
    const { backupCodes } = await this.authenticator
      .confirmPending(
        attemptOf(port, identity, view),
        dto.code,
        dto.deviceName,
        { flowId: pending.flowId, firstFactor: true },
        async (manager) => {
          answer = await this.finish.passSecondFactor(port, identity, view, undefined, manager);
        },
      )
      .catch((e: unknown) => {
        // The enrolment's transaction, which held the session's rotation, did not commit.
        port.abandonRotation();
        throw e;
      });
    const signedIn = answer as SignInAnswer | null;
    if (signedIn?.state !== 'signed-in') throw new Error('A confirmed enrolment must sign in');
    return { ...(await this.finish.handBack(app, port, signedIn)), backupCodes: backupCodes ?? [] };
  }

  /**
   * A code from the app (any active device: `enterTotp`) or a backup code; each accepted at most
   * once. A backup code's step reads the session's login, reserves the attempt, checks the code,
   * then writes the code's use, the login, the session and the audit in ONE transaction (see
   * `SignInFinish.passSecondFactor`), and answers how many codes are left. A backup code is read
   * in any case, with or without its dashes, with spaces.
   */
  async enterCode(port: SessionPort, dto: TotpCodeDto): Promise<SignInAnswer> {
    if (TOTP_CODE_PATTERN.test(dto.code)) return this.enterTotp(port, dto);
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['totp']);
    const ctx = attemptOf(port, identity, view);
    const code = normaliseBackupCode(dto.code);
    if (!BACKUP_CODE_PATTERN.test(code)) {
      throw badField(
        'code',
        'code must be the 6 digits your app shows, or a backup code like 3-abcd-efgh-ij',
      );
    }
    // A backup code costs an argon2id verification: its attempt is reserved (and committed)
    // before, outside any transaction, so that no row stays locked while it hashes.
    const consume = await this.lockout.guard(ctx, 'backup-code', () => this.backupCodeUse(ctx, code));
    const rememberDays = dto.rememberBrowser ? (pending.rememberDays ?? 0) : 0;
    let backupCodesLeft: number | undefined;
    try {
      const answer = await this.finish.passSecondFactor(
        port,
        identity,
        view,
        async (manager) => {
          backupCodesLeft = await consume(manager);
          await this.rememberIn(port, ctx, rememberDays, manager);
        },
        undefined,
        'authenticator',
      );
      return answer.state === 'signed-in' && backupCodesLeft !== undefined
        ? { ...answer, backupCodesLeft }
        : answer;
    } catch (e) {
      // Nothing of this attempt committed, so it was not a guess: the attempt is given back.
      // Another request won the code: the refusal is audited.
      await this.lockout.release(ctx);
      if (isReplay(e)) await this.authenticator.refusedReplay(ctx, 'backup-code');
      throw e;
    }
  }

  /**
   * 6 digits from the app, in ONE transaction: the step's read (the session's login, its lock
   * state and active devices), the attempt's reservation (the login's row, locked on PostgreSQL
   * until the end), the check (in memory), then the code's use, the login, the rotated session and
   * the audit. A wrong guess commits its count and audit and is answered after; a replay or a
   * reset since rolls everything back, the reservation with it.
   */
  private async enterTotp(port: SessionPort, dto: TotpCodeDto): Promise<SignInAnswer> {
    const app = port.app();
    let ctx: AttemptContext | null = null;
    let outcome: { answer: SignInAnswer } | { refused: FactorFailureException };
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        const at = this.lockout.now();
        const { pending, identity, view, devices, reserved } = await this.signIn.pendingLogin(
          port,
          ['totp'],
          true,
          manager,
          at,
        );
        const attempt = (ctx = attemptOf(port, identity, view));
        const checked = await this.lockout.guardIn(
          attempt,
          'totp',
          manager,
          () => this.authenticator.matchTotp(devices, dto.code),
          reserved === undefined ? undefined : { failures: reserved, at },
        );
        if ('refused' in checked) return checked;
        const { device, step } = checked.passed;
        const rememberDays = dto.rememberBrowser ? (pending.rememberDays ?? 0) : 0;
        const answer = await this.finish.passSecondFactor(
          port,
          identity,
          view,
          async (m) => {
            await this.authenticator.spendStep(device, step, m);
            await this.rememberIn(port, attempt, rememberDays, m);
          },
          manager,
          'authenticator',
        );
        return { answer };
      });
    } catch (e) {
      // Nothing committed (the session's rotation neither): the client keeps its pending session.
      port.abandonRotation();
      if (ctx && isReplay(e)) await this.authenticator.refusedReplay(ctx, 'totp');
      throw e;
    }
    if ('refused' in outcome) throw outcome.refused;
    const { answer } = outcome;
    return answer.state === 'signed-in' ? this.finish.handBack(app, port, answer) : answer;
  }

  /**
   * Checks a backup code (one argon2id verification); answers the write that spends it, which
   * answers the codes left, counted in the same transaction.
   */
  private async backupCodeUse(ctx: AttemptContext, code: string): Promise<Consume> {
    const check = await this.backupCodes.check(ctx.tenantId, ctx.loginId, code);
    if (check === 'replayed') {
      await this.authenticator.refusedReplay(ctx, 'backup-code');
      throw new FactorFailureException('replayed', REPLAYED_BACKUP_CODE);
    }
    if (check === 'invalid') throw new FactorFailureException('incorrect', 'Incorrect code');
    return async (manager) => {
      if (!(await this.backupCodes.spend(ctx.tenantId, ctx.loginId, slotOf(code), manager)))
        throw new FactorFailureException('replayed', REPLAYED_BACKUP_CODE);
      const remaining = await this.backupCodes.remaining(ctx.tenantId, ctx.loginId, manager);
      await this.audit.record(
        attemptEvent(ctx, 'factor.backup-code-used', { after: { remaining } }),
        manager,
      );
      return remaining;
    };
  }

  /**
   * The owner's one-time code (after a reset, or a new login's invite): single use,
   * short-lived. Spending it binds the enrolment it grants to this sign-in flow. The code is
   * read in any case, with or without its dash, with spaces: normalised here, once, to the form
   * it was hashed in.
   */
  async enterHandover(port: SessionPort, dto: HandoverDto): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['handover']);
    const ctx = attemptOf(port, identity, view);
    const code = normaliseHandoverCode(dto.code);
    if (!HANDOVER_CODE_PATTERN.test(code)) throw badField('code', 'code must look like ABCD-EFGH');
    // The row this step read; spending the code is conditional on that very hash.
    const login = view.login;
    const kind = await this.lockout.guard(ctx, 'handover', async () => {
      const fresh = !!login.handoverExpiresAt && login.handoverExpiresAt.getTime() > Date.now();
      if (!login.handoverHash || !fresh || !(await this.hasher.verify(login.handoverHash, code)))
        throw new FactorFailureException(
          'incorrect',
          fresh ? 'Incorrect code' : HANDOVER_EXPIRED,
          fresh ? {} : { code: 'sign-in.handover-expired' },
        );
      if (!(await this.gate.spend(ctx.tenantId, ctx.loginId, login.handoverHash, pending.flowId)))
        throw new FactorFailureException('replayed', 'This code has been used already');
      return login.handoverKind ?? 'reset';
    });
    await this.lockout.succeeded(ctx.tenantId, ctx.loginId);
    await this.audit.record(attemptEvent(ctx, 'factor.handover-used', { after: { kind } }));
    const granted = { ...view.login, handoverHash: null, enrolmentGrantFlow: pending.flowId };
    return this.signIn.afterHandover(port, identity, { ...view, login: granted }, pending.flowId);
  }

  async setUpPin(port: SessionPort, dto: PinSetupDto): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['pin-setup']);
    const ctx = attemptOf(port, identity, view);
    const writePin = await this.pins.prepare(ctx, dto.pin, { firstAtSignIn: pending.flowId });
    return this.finish.passSecondFactor(port, identity, view, writePin);
  }

  async enterPin(port: SessionPort, dto: PinDto): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(port, ['pin']);
    const ctx = attemptOf(port, identity, view);
    await this.pins.check(ctx, dto.pin, 'pin', view.login);
    const rememberDays = dto.rememberBrowser ? (pending.rememberDays ?? 0) : 0;
    return this.finish.passSecondFactor(
      port,
      identity,
      view,
      (manager) => this.rememberIn(port, ctx, rememberDays, manager),
      undefined,
      { pinHash: view.login.pinHash ?? '' },
    );
  }

  /** "Remember this browser": the row in the sign-in's transaction, the cookie on its answer. */
  private async rememberIn(
    port: SessionPort,
    ctx: AttemptContext,
    days: number,
    manager: EntityManager,
  ): Promise<void> {
    const cookie = await this.remembered.remember(ctx.tenantId, ctx.loginId, days, manager);
    if (cookie) port.setCookie(cookie);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import {
  HANDOVER_CODE_PATTERN,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { RememberedBrowsers } from '../auth/remembered-browsers';
import { HANDOVER_EXPIRED, SignInService } from '../auth/sign-in.service';
import { badField } from '../common/http-errors';
import type { Identity } from '../directory/identity.entity';
import type { LoginView } from '../directory/directory.service';
import { Login } from '../directory/login.entity';
import { AuthenticatorService } from './authenticator.service';
import { FactorFailureException } from '../auth/factor-failure';
import type { ConfirmEnrolmentDto, HandoverDto, PinDto, PinSetupDto, TotpCodeDto } from './factors.dto';
import { LockoutService, type AttemptContext } from '../auth/lockout.service';
import { pinProblem } from './pin-rules';

/** What the otpauth entry of a login shows in the app: two logins of one email stay apart. */
export function otpauthNames(identity: Identity, view: LoginView) {
  const platform = view.tenantKind === 'platform';
  return {
    issuer: platform ? 'Latchkey' : `Latchkey (${view.tenantName})`,
    label: `${identity.email} (${platform ? 'Super user' : view.userTypeName})`,
  };
}

export function attemptOf(request: Request, identity: Identity, view: LoginView): AttemptContext {
  return {
    tenantId: view.login.tenantId,
    loginId: view.login.id,
    identityId: identity.id,
    email: identity.email,
    address: request.ip ?? null,
  };
}

/** The second-factor steps of the sign-in: enrol an authenticator, enter a code, handover, PIN. */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signIn: SignInService,
    private readonly authenticator: AuthenticatorService,
    private readonly lockout: LockoutService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly remembered: RememberedBrowsers,
  ) {}

  async startEnrolment(request: Request): Promise<TotpEnrolment> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['totp-enrol']);
    return this.authenticator.startPending(attemptOf(request, identity, view), otpauthNames(identity, view));
  }

  /** Activates the pending authenticator with a valid code, answers 10 backup codes once, signs in. */
  async confirmEnrolment(request: Request, dto: ConfirmEnrolmentDto): Promise<EnrolmentConfirmedAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['totp-enrol']);
    const { backupCodes } = await this.authenticator.confirmPending(
      attemptOf(request, identity, view),
      dto.code,
      dto.deviceName,
    );
    const answer = await this.signIn.passSecondFactor(request, identity, view);
    if (answer.state !== 'signed-in') throw new Error('A confirmed enrolment must sign in');
    return { ...answer, backupCodes: backupCodes ?? [] };
  }

  /** A code from the app (any active device) or a backup code; each accepted at most once. */
  async enterCode(request: Request, dto: TotpCodeDto): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(request, ['totp']);
    await this.authenticator.verify(attemptOf(request, identity, view), dto.code, true);
    if (dto.rememberBrowser)
      await this.remembered.remember(request, view.login.tenantId, view.login.id, pending.rememberDays ?? 0);
    return this.signIn.passSecondFactor(request, identity, view);
  }

  /** The owner's one-time handover code: single use, short-lived; then enrolment follows. */
  async enterHandover(request: Request, dto: HandoverDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['handover']);
    const ctx = attemptOf(request, identity, view);
    const code = dto.code.toUpperCase();
    if (!HANDOVER_CODE_PATTERN.test(code)) throw badField('code', 'code must look like ABCD-EFGH');
    await this.lockout.assertOpen(ctx.tenantId, ctx.loginId);
    const login = await this.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId });
    const fresh = !!login.handoverExpiresAt && login.handoverExpiresAt.getTime() > Date.now();
    if (!login.handoverHash || !fresh || !(await this.hasher.verify(login.handoverHash, code))) {
      await this.lockout.recordFailure(ctx, 'handover');
      throw new FactorFailureException('incorrect', fresh ? 'Incorrect code' : HANDOVER_EXPIRED);
    }
    // Single use: only the request that clears this very hash goes on.
    const spent = await this.dataSource
      .createQueryBuilder()
      .update(Login)
      .set({ handoverHash: null, handoverExpiresAt: null })
      .where('tenant_id = :tenantId AND id = :id AND handover_hash = :hash', {
        tenantId: ctx.tenantId,
        id: ctx.loginId,
        hash: login.handoverHash,
      })
      .execute();
    if (spent.affected !== 1) throw new FactorFailureException('replayed', 'This code has been used already');
    await this.lockout.recordSuccess(ctx.tenantId, ctx.loginId);
    await this.audit.record({
      action: 'factor.handover-used',
      tenantId: ctx.tenantId,
      actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
      target: { type: 'login', id: ctx.loginId, label: ctx.email },
      address: ctx.address,
    });
    return this.signIn.afterHandover(request, identity, view);
  }

  async setUpPin(request: Request, dto: PinSetupDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['pin-setup']);
    const ctx = attemptOf(request, identity, view);
    await this.savePin(ctx, dto.pin, dto.pinConfirmation, true);
    return this.signIn.passSecondFactor(request, identity, view);
  }

  async enterPin(request: Request, dto: PinDto): Promise<SignInAnswer> {
    const { pending, identity, view } = await this.signIn.pendingLogin(request, ['pin']);
    await this.checkPin(attemptOf(request, identity, view), dto.pin, 'pin');
    if (dto.rememberBrowser)
      await this.remembered.remember(request, view.login.tenantId, view.login.id, pending.rememberDays ?? 0);
    return this.signIn.passSecondFactor(request, identity, view);
  }

  /** Checks a PIN against the login's, counting a failure towards the lock. */
  async checkPin(ctx: AttemptContext, pin: string, field: string): Promise<void> {
    if (!/^\d{6,12}$/.test(pin)) throw badField(field, `${field} must be 6 to 12 digits`);
    await this.lockout.assertOpen(ctx.tenantId, ctx.loginId);
    const login = await this.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId });
    if (!login.pinHash || !(await this.hasher.verify(login.pinHash, pin))) {
      await this.lockout.recordFailure(ctx, 'pin');
      throw new FactorFailureException('incorrect', 'Incorrect PIN');
    }
    await this.lockout.recordSuccess(ctx.tenantId, ctx.loginId);
  }

  /** Sets a new PIN (rules checked, typed twice), argon2id-hashed; enrolling ends any grace. */
  async savePin(ctx: AttemptContext, pin: string, confirmation: string, firstTime: boolean): Promise<void> {
    const problem = pinProblem(pin);
    if (problem) throw badField('pin', problem);
    if (confirmation !== pin)
      throw badField('pinConfirmation', 'pinConfirmation must repeat the PIN exactly');
    const pinHash = await this.hasher.hash(pin);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Login,
        { tenantId: ctx.tenantId, id: ctx.loginId },
        { pinHash, pinSetAt: new Date(), graceStartedAt: null, enrolDeadline: null },
      );
      await this.audit.record(
        {
          action: firstTime ? 'factor.pin-set' : 'factor.pin-changed',
          tenantId: ctx.tenantId,
          actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
          target: { type: 'login', id: ctx.loginId, label: ctx.email },
          address: ctx.address,
        },
        manager,
      );
    });
  }
}

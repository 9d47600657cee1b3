import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { IsNull, type DataSource } from 'typeorm';
import {
  BACKUP_CODE_PATTERN,
  HANDOVER_CODE_PATTERN,
  TOTP_CODE_PATTERN,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { HANDOVER_EXPIRED, SignInService } from '../auth/sign-in.service';
import { badField } from '../common/http-errors';
import { isUniqueViolation } from '../common/unique-violation';
import type { Identity } from '../directory/identity.entity';
import type { LoginView } from '../directory/directory.service';
import { Login } from '../directory/login.entity';
import { BackupCodesService } from './backup-codes.service';
import { driftMessage, FactorFailureException } from './factor-failure';
import { TotpDevice, TotpUsedStep } from './factor.entities';
import type { ConfirmEnrolmentDto, HandoverDto, PinDto, PinSetupDto, TotpCodeDto } from './factors.dto';
import { LockoutService, type AttemptContext } from './lockout.service';
import { pinProblem } from './pin-rules';
import { SecretBox } from './secret-box';
import { checkTotp, groupSecret, newTotpSecret, qrCodeDataUrl, totpUri } from './totp';

export const DEFAULT_DEVICE_NAME = 'Authenticator app';

/** The second-factor steps of the sign-in: enrol an authenticator, enter a code, set or enter a PIN. */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signIn: SignInService,
    private readonly box: SecretBox,
    private readonly backupCodes: BackupCodesService,
    private readonly lockout: LockoutService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** A new pending authenticator; an earlier pending one is void, an active one untouched. */
  async startEnrolment(request: Request): Promise<TotpEnrolment> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['totp-enrol']);
    const { tenantId, id: loginId } = view.login;
    const secret = newTotpSecret();
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(TotpDevice, { tenantId, loginId, confirmedAt: IsNull() });
      await manager.insert(TotpDevice, {
        tenantId,
        id,
        loginId,
        name: DEFAULT_DEVICE_NAME,
        secretEnc: this.box.seal(secret, `${tenantId}/${id}`),
        confirmedAt: null,
        createdAt: new Date(),
        lastUsedAt: null,
      });
    });
    const issuer = view.tenantKind === 'platform' ? 'Latchkey' : `Latchkey (${view.tenantName})`;
    const label = `${identity.email} (${view.tenantKind === 'platform' ? 'Super user' : view.userTypeName})`;
    const otpauthUri = totpUri(issuer, label, secret);
    return {
      secret,
      secretGroups: groupSecret(secret),
      otpauthUri,
      qrCode: await qrCodeDataUrl(otpauthUri),
      issuer,
      label,
    };
  }

  /** Activates the pending authenticator with a valid code, answers 10 backup codes once, signs in. */
  async confirmEnrolment(request: Request, dto: ConfirmEnrolmentDto): Promise<EnrolmentConfirmedAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['totp-enrol']);
    const ctx = this.attempt(request, identity, view);
    if (!TOTP_CODE_PATTERN.test(dto.code)) throw badField('code', 'code must be the 6 digits your app shows');
    await this.lockout.assertOpen(ctx.tenantId, ctx.loginId);
    const device = await this.dataSource.getRepository(TotpDevice).findOne({
      where: { tenantId: ctx.tenantId, loginId: ctx.loginId, confirmedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (!device)
      throw badField('code', 'Start the enrolment first: no authenticator is waiting for confirmation');
    await this.acceptCode(ctx, device, dto.code, 'enrolment');

    const backupCodes = await this.dataSource.transaction(async (manager) => {
      const activated = await manager
        .createQueryBuilder()
        .update(TotpDevice)
        .set({ confirmedAt: new Date(), lastUsedAt: new Date(), name: dto.deviceName ?? DEFAULT_DEVICE_NAME })
        .where('tenant_id = :tenantId AND id = :id AND confirmed_at IS NULL', {
          tenantId: ctx.tenantId,
          id: device.id,
        })
        .execute();
      if (activated.affected !== 1)
        throw new FactorFailureException('replayed', 'This authenticator is already confirmed');
      await manager.update(
        Login,
        { tenantId: ctx.tenantId, id: ctx.loginId },
        { totpEnrolledAt: new Date(), graceStartedAt: null, enrolDeadline: null },
      );
      const codes = await this.backupCodes.regenerate(ctx.tenantId, ctx.loginId, manager);
      await this.audit.record(
        {
          action: 'factor.totp-enrolled',
          tenantId: ctx.tenantId,
          actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
          target: { type: 'device', id: device.id, label: dto.deviceName ?? DEFAULT_DEVICE_NAME },
          after: { backupCodes: codes.length },
          address: ctx.address,
        },
        manager,
      );
      return codes;
    });
    await this.lockout.recordSuccess(ctx.tenantId, ctx.loginId);
    const answer = await this.signIn.passSecondFactor(request, identity, view);
    if (answer.state !== 'signed-in') throw new Error('A confirmed enrolment must sign in');
    return { ...answer, backupCodes };
  }

  /** A code from the app (any active device) or a backup code; each accepted at most once. */
  async enterCode(request: Request, dto: TotpCodeDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['totp']);
    const ctx = this.attempt(request, identity, view);
    const code = dto.code.toLowerCase();
    const isTotp = TOTP_CODE_PATTERN.test(code);
    if (!isTotp && !BACKUP_CODE_PATTERN.test(code)) {
      throw badField(
        'code',
        'code must be the 6 digits your app shows, or a backup code like 3-abcd-efgh-ij',
      );
    }
    await this.lockout.assertOpen(ctx.tenantId, ctx.loginId);

    if (!isTotp) {
      const use = await this.backupCodes.use(ctx.tenantId, ctx.loginId, code);
      if (use !== 'used') {
        if (use === 'replayed') await this.refusedReplay(ctx, 'backup-code');
        else await this.lockout.recordFailure(ctx, 'backup-code');
        throw new FactorFailureException(
          use === 'replayed' ? 'replayed' : 'incorrect',
          use === 'replayed' ? 'This backup code has been used already' : 'Incorrect code',
        );
      }
      await this.audit.record({
        action: 'factor.backup-code-used',
        tenantId: ctx.tenantId,
        actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
        target: { type: 'login', id: ctx.loginId, label: ctx.email },
        after: { remaining: await this.backupCodes.remaining(ctx.tenantId, ctx.loginId) },
        address: ctx.address,
      });
    } else {
      const devices = await this.dataSource
        .getRepository(TotpDevice)
        .find({ where: { tenantId: ctx.tenantId, loginId: ctx.loginId }, order: { createdAt: 'ASC' } });
      const active = devices.filter((d) => d.confirmedAt !== null);
      await this.acceptCodeFromAny(ctx, active, code);
    }
    await this.lockout.recordSuccess(ctx.tenantId, ctx.loginId);
    return this.signIn.passSecondFactor(request, identity, view);
  }

  async setUpPin(request: Request, dto: PinSetupDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['pin-setup']);
    const ctx = this.attempt(request, identity, view);
    const problem = pinProblem(dto.pin);
    if (problem) throw badField('pin', problem);
    if (dto.pinConfirmation !== dto.pin)
      throw badField('pinConfirmation', 'pinConfirmation must repeat the PIN exactly');
    const pinHash = await this.hasher.hash(dto.pin);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Login,
        { tenantId: ctx.tenantId, id: ctx.loginId },
        { pinHash, pinSetAt: new Date(), graceStartedAt: null, enrolDeadline: null },
      );
      await this.audit.record(
        {
          action: 'factor.pin-set',
          tenantId: ctx.tenantId,
          actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
          target: { type: 'login', id: ctx.loginId, label: ctx.email },
          address: ctx.address,
        },
        manager,
      );
    });
    return this.signIn.passSecondFactor(request, identity, view);
  }

  async enterPin(request: Request, dto: PinDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['pin']);
    const ctx = this.attempt(request, identity, view);
    if (!/^\d{6,12}$/.test(dto.pin)) throw badField('pin', 'pin must be 6 to 12 digits');
    await this.lockout.assertOpen(ctx.tenantId, ctx.loginId);
    const login = await this.dataSource
      .getRepository(Login)
      .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId });
    if (!login.pinHash || !(await this.hasher.verify(login.pinHash, dto.pin))) {
      await this.lockout.recordFailure(ctx, 'pin');
      throw new FactorFailureException('incorrect', 'Incorrect PIN');
    }
    await this.lockout.recordSuccess(ctx.tenantId, ctx.loginId);
    return this.signIn.passSecondFactor(request, identity, view);
  }

  /** The owner's one-time handover code: single use, short-lived; then enrolment follows. */
  async enterHandover(request: Request, dto: HandoverDto): Promise<SignInAnswer> {
    const { identity, view } = await this.signIn.pendingLogin(request, ['handover']);
    const ctx = this.attempt(request, identity, view);
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
    const updated = await this.signIn.pendingLogin(request, ['handover']);
    return this.signIn.afterHandover(request, identity, updated.view);
  }

  private async acceptCodeFromAny(ctx: AttemptContext, devices: TotpDevice[], code: string): Promise<void> {
    let drift: number | null = null;
    for (const device of devices) {
      const check = await checkTotp(this.box.open(device.secretEnc, `${device.tenantId}/${device.id}`), code);
      if (check.status === 'valid') {
        await this.consumeStep(ctx, device, check.step);
        await this.dataSource
          .getRepository(TotpDevice)
          .update({ tenantId: device.tenantId, id: device.id }, { lastUsedAt: new Date() });
        return;
      }
      if (check.status === 'drift') drift = check.driftSeconds;
    }
    await this.lockout.recordFailure(ctx, 'totp');
    if (drift !== null)
      throw new FactorFailureException('clock-drift', driftMessage(drift), { driftSeconds: drift });
    throw new FactorFailureException('incorrect', 'Incorrect code');
  }

  private async acceptCode(
    ctx: AttemptContext,
    device: TotpDevice,
    code: string,
    kind: string,
  ): Promise<void> {
    const check = await checkTotp(this.box.open(device.secretEnc, `${device.tenantId}/${device.id}`), code);
    if (check.status === 'valid') return this.consumeStep(ctx, device, check.step);
    await this.lockout.recordFailure(ctx, kind);
    if (check.status === 'drift')
      throw new FactorFailureException('clock-drift', driftMessage(check.driftSeconds), {
        driftSeconds: check.driftSeconds,
      });
    throw new FactorFailureException('incorrect', 'Incorrect code');
  }

  /** The unique key on (device, step) is what makes a code single-use across every process. */
  private async consumeStep(ctx: AttemptContext, device: TotpDevice, step: number): Promise<void> {
    try {
      await this.dataSource
        .getRepository(TotpUsedStep)
        .insert({ tenantId: device.tenantId, deviceId: device.id, step: String(step), usedAt: new Date() });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await this.refusedReplay(ctx, 'totp');
      throw new FactorFailureException('replayed', 'This code has been used already: wait for the next one');
    }
  }

  /**
   * A replayed code was a real code once: it is refused and audited, but it is not a guess, so
   * it does not count towards the lock (20 racing copies of one code must not lock the owner out).
   */
  private async refusedReplay(ctx: AttemptContext, kind: string): Promise<void> {
    await this.audit.record({
      action: 'factor.replay-refused',
      tenantId: ctx.tenantId,
      actor: { identityId: ctx.identityId, loginId: ctx.loginId, label: ctx.email },
      target: { type: 'login', id: ctx.loginId, label: ctx.email },
      after: { kind },
      address: ctx.address,
    });
  }

  private attempt(request: Request, identity: Identity, view: LoginView): AttemptContext {
    return {
      tenantId: view.login.tenantId,
      loginId: view.login.id,
      identityId: identity.id,
      email: identity.email,
      address: request.ip ?? null,
    };
  }
}

import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ENROLMENT_OVERTAKEN, ENROLMENT_TTL_MS } from './enrolment-rules';
import { LoginStore, type LoginKey } from '../directory/login-store';
import { ERROR_MESSAGES, TOTP_CODE_PATTERN, type TotpEnrolment } from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { badField } from '../common/http-errors';
import { isForeignKeyViolation, isUniqueViolation } from '../common/unique-violation';
import type { ActiveDevice, LoginView } from '../directory/directory.service';
import type { Identity } from '../directory/identity.entity';
import { BackupCodesService } from './backup-codes.service';
import { driftMessage, FACTOR_GONE, FactorFailureException, isReplay } from './factor-failure';
import { BackupCode, TotpDevice, TotpUsedStep } from './factor.entities';
import { attemptEvent, LockoutService, type AttemptContext } from './lockout.service';
import { SecretBox } from './secret-box';
import { checkTotp, groupSecret, newTotpSecret, qrCodeDataUrl, totpUri } from './totp';

const REPLAYED_TOTP = 'This code has been used already: wait for the next one';

export const DEFAULT_DEVICE_NAME = 'Authenticator app';

/** What an otpauth entry shows: the product and tenant, then the email and user type. */
export interface OtpauthNames {
  issuer: string;
  label: string;
}

/** What the otpauth entry of a login shows in the app: two logins of one email stay apart. */
export function otpauthNames(identity: Identity, view: LoginView) {
  const platform = view.tenantKind === 'platform';
  return {
    issuer: platform ? 'Latchkey' : `Latchkey (${view.tenantName})`,
    label: `${identity.email} (${platform ? 'Super user' : view.userTypeName})`,
  };
}

/**
 * Authenticator devices and codes, shared by the sign-in steps and the profile page: pending
 * secrets, confirmation, codes checked across a login's devices, each (device, step) once.
 */
@Injectable()
export class AuthenticatorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly backupCodes: BackupCodesService,
    private readonly lockout: LockoutService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly logins: LoginStore,
  ) {}

  /**
   * A new pending device of `flowId` (a sign-in flow or a profile session): the flow's earlier
   * pending one is void, and so are stale ones, but another flow's pending secret is never
   * touched — it belongs to that flow, and only that flow confirms it.
   */
  async startPending(ctx: AttemptContext, names: OtpauthNames, flowId: string): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const id = randomUUID();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .delete()
        .from(TotpDevice)
        .where('tenant_id = :tenantId AND login_id = :loginId AND confirmed_at IS NULL', ctx)
        .andWhere('(enrolment_flow = :flowId OR enrolment_flow IS NULL OR created_at < :stale)', {
          flowId,
          stale: new Date(now.getTime() - ENROLMENT_TTL_MS),
        })
        .execute();
      await manager.insert(TotpDevice, {
        tenantId: ctx.tenantId,
        id,
        loginId: ctx.loginId,
        name: DEFAULT_DEVICE_NAME,
        secretEnc: this.box.seal(secret, `${ctx.tenantId}/${id}`),
        confirmedAt: null,
        createdAt: now,
        lastUsedAt: null,
        enrolmentFlow: flowId,
      });
    });
    const otpauthUri = totpUri(names.issuer, names.label, secret);
    return {
      secret,
      secretGroups: groupSecret(secret),
      otpauthUri,
      qrCode: await qrCodeDataUrl(otpauthUri),
      ...names,
    };
  }

  /**
   * Activates `flowId`'s own pending device with a valid code. Answers the device and, when the
   * login has no backup codes yet, a first set (shown once). `also` runs in the same transaction.
   * With `firstFactor` (the sign-in's enrolment) the activation holds only while the login is
   * still unenrolled and no code or other flow's grant stands in the way, decided by the write.
   */
  async confirmPending(
    ctx: AttemptContext,
    code: string,
    name: string | undefined,
    pending: { flowId: string; firstFactor: boolean },
    also: (manager: EntityManager) => Promise<void> = async () => undefined,
  ): Promise<{ device: TotpDevice; backupCodes: string[] | null }> {
    if (!TOTP_CODE_PATTERN.test(code)) throw badField('code', 'code must be the 6 digits your app shows');
    const { device, step } = await this.lockout.guard(ctx, 'enrolment', async () => {
      const own = await this.dataSource.getRepository(TotpDevice).findOne({
        where: {
          tenantId: ctx.tenantId,
          loginId: ctx.loginId,
          confirmedAt: IsNull(),
          enrolmentFlow: pending.flowId,
        },
        order: { createdAt: 'DESC' },
      });
      if (!own)
        throw badField('code', 'Start adding the authenticator first: none is waiting for confirmation');
      return this.matchTotp([own], code);
    });

    const deviceName = name ?? DEFAULT_DEVICE_NAME;
    // The code is spent in the same transaction that activates the device and signs in (`also`):
    // all of it happens, or none.
    const backupCodes = await this.dataSource
      .transaction(async (manager) => {
        const now = new Date();
        await this.spendStep(device, step, manager);
        const activated = await manager
          .createQueryBuilder()
          .update(TotpDevice)
          .set({ confirmedAt: now, lastUsedAt: now, name: deviceName })
          .where('tenant_id = :tenantId AND id = :id AND confirmed_at IS NULL', {
            tenantId: ctx.tenantId,
            id: device.id,
          })
          .execute();
        if (activated.affected !== 1)
          throw new FactorFailureException('replayed', ERROR_MESSAGES['factor.already-confirmed'], {
            code: 'factor.already-confirmed',
          });
        const first = pending.firstFactor ? pending.flowId : null;
        if (!(await this.logins.markTotpEnrolled(ctx, now, first, manager)))
          throw new ConflictException(ENROLMENT_OVERTAKEN);
        const hasCodes = await manager
          .getRepository(BackupCode)
          .existsBy({ tenantId: ctx.tenantId, loginId: ctx.loginId });
        const codes = hasCodes ? null : await this.backupCodes.regenerate(ctx.tenantId, ctx.loginId, manager);
        await this.audit.record(
          attemptEvent(ctx, 'factor.totp-enrolled', {
            target: { type: 'device', id: device.id, label: deviceName },
            after: { backupCodes: codes?.length ?? 0 },
          }),
          manager,
        );
        await also(manager);
        return codes;
      })
      .catch(async (e: unknown) => {
        await this.lockout.release(ctx);
        return this.replayRefused(ctx, e);
      });
    await this.lockout.succeeded(ctx.tenantId, ctx.loginId);
    return { device: { ...device, name: deviceName, confirmedAt: new Date() }, backupCodes };
  }

  /**
   * Proves the login holds its authenticator (the profile's check before a sensitive change):
   * 6 digits from any active device. Malformed input is refused before any lookup; failures
   * count towards the lock.
   */
  async verify(ctx: AttemptContext, code: string): Promise<void> {
    if (!TOTP_CODE_PATTERN.test(code)) throw badField('code', 'code must be the 6 digits your app shows');
    const { device, step } = await this.lockout.guard(ctx, 'totp', async () => {
      const devices = await this.dataSource.getRepository(TotpDevice).find({
        where: { tenantId: ctx.tenantId, loginId: ctx.loginId, confirmedAt: Not(IsNull()) },
        order: { createdAt: 'ASC' },
      });
      return this.matchTotp(devices, code);
    });
    await this.spendStep(device, step).catch(async (e: unknown) => {
      await this.lockout.release(ctx);
      return this.replayRefused(ctx, e);
    });
    await this.lockout.succeeded(ctx.tenantId, ctx.loginId);
  }

  /**
   * The device and time step the code belongs to; a miss throws (call it inside
   * `LockoutService.guard`, which counts the miss).
   */
  async matchTotp<D extends ActiveDevice>(devices: D[], code: string): Promise<{ device: D; step: number }> {
    let drift: number | null = null;
    for (const device of devices) {
      const check = await checkTotp(this.box.open(device.secretEnc, `${device.tenantId}/${device.id}`), code);
      if (check.status === 'valid') return { device, step: check.step };
      if (check.status === 'drift') drift = check.driftSeconds;
    }
    if (drift !== null)
      throw new FactorFailureException('clock-drift', driftMessage(drift), { driftSeconds: drift });
    throw new FactorFailureException('incorrect', 'Incorrect code');
  }

  /**
   * Spends a code's (device, time step), the one place that does: the unique key on it is what
   * makes a code single-use across every process. Pass the transaction that the use earns; a
   * replay throws `replayed`, a device deleted meanwhile (an owner's reset) `FACTOR_GONE`.
   */
  async spendStep(
    device: Pick<TotpDevice, 'tenantId' | 'id'>,
    step: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const now = new Date();
    const postgres = manager.connection.options.type === 'postgres';
    try {
      if (postgres) {
        // The step's use and the device's last use in one statement (one round trip of the hot path).
        await manager.query(
          `WITH used AS (INSERT INTO totp_used_step (tenant_id, device_id, step, used_at) VALUES ($1, $2, $3, $4))
           UPDATE totp_device SET last_used_at = $4 WHERE tenant_id = $1 AND id = $2`,
          [device.tenantId, device.id, String(step), now],
        );
        return;
      }
      await manager
        .getRepository(TotpUsedStep)
        .insert({ tenantId: device.tenantId, deviceId: device.id, step: String(step), usedAt: now });
    } catch (e) {
      if (isUniqueViolation(e)) throw new FactorFailureException('replayed', REPLAYED_TOTP);
      if (isForeignKeyViolation(e)) throw new ConflictException(FACTOR_GONE);
      throw e;
    }
    await manager.update(TotpDevice, { tenantId: device.tenantId, id: device.id }, { lastUsedAt: now });
  }

  /** Audits a replay met inside a transaction, once it has rolled back; any other error passes on. */
  private async replayRefused(ctx: AttemptContext, error: unknown): Promise<never> {
    if (isReplay(error)) await this.refusedReplay(ctx, 'totp');
    throw error;
  }

  /**
   * A replayed code was a real code once: it is refused and audited, but it is not a guess, so
   * it does not count towards the lock (20 racing copies of one code must not lock the owner out).
   */
  async refusedReplay(ctx: AttemptContext, kind: string): Promise<void> {
    await this.audit.record(attemptEvent(ctx, 'factor.replay-refused', { after: { kind } }));
  }

  // --- the devices of a login (this service is the one writer of totp_device) ---

  async rename(
    device: Pick<TotpDevice, 'tenantId' | 'id'>,
    name: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(TotpDevice, { tenantId: device.tenantId, id: device.id }, { name });
  }

  /**
   * Removes an active device. Unless `mayRemoveLast`, only while another active device is left:
   * decided by the DELETE itself (with the caller holding the login's row lock on PostgreSQL).
   * The login is no longer enrolled once none is left. Answers what happened.
   */
  async removeActive(
    login: LoginKey,
    deviceId: string,
    mayRemoveLast: boolean,
    manager: EntityManager,
  ): Promise<'removed' | 'gone' | 'last'> {
    const others =
      'EXISTS (SELECT 1 FROM totp_device o WHERE o.tenant_id = :tenantId AND o.login_id = :loginId AND o.id <> :deviceId AND o.confirmed_at IS NOT NULL)';
    const params = { tenantId: login.tenantId, loginId: login.loginId, deviceId };
    const removed = await manager
      .createQueryBuilder()
      .delete()
      .from(TotpDevice)
      .where(
        'tenant_id = :tenantId AND login_id = :loginId AND id = :deviceId AND confirmed_at IS NOT NULL',
        params,
      )
      .andWhere(mayRemoveLast ? '1 = 1' : others, params)
      .execute();
    if (removed.affected !== 1) {
      const exists = await manager
        .getRepository(TotpDevice)
        .existsBy({ tenantId: login.tenantId, id: deviceId });
      return exists ? 'last' : 'gone';
    }
    // The login is enrolled while any active device is left (read after the delete, in its transaction).
    const left = await manager
      .getRepository(TotpDevice)
      .countBy({ tenantId: login.tenantId, loginId: login.loginId, confirmedAt: Not(IsNull()) });
    if (left === 0) await this.logins.clearTotpEnrolment(login, manager);
    return 'removed';
  }

  /** Every device of the login, pending or active, is gone (an owner's reset). */
  async forgetLogin(login: LoginKey, manager: EntityManager): Promise<void> {
    await manager.delete(TotpDevice, { tenantId: login.tenantId, loginId: login.loginId });
  }
}

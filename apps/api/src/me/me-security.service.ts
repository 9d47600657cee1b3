import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { lockLoginRow } from '../database/conditional-write';
import type {
  BackupCodesAnswer,
  ConfirmDeviceAnswer,
  DeviceView,
  MySecurityView,
  TotpEnrolment,
  AuditAction,
} from '@latchkey/contracts';
import { isEnrolled, resolvePolicy } from '@latchkey/policy';
import { AuditService } from '../audit/audit.service';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { SessionsService } from '../database/sessions.service';
import type { Actor } from '../common/current-actor.decorator';
import { badField } from '../common/http-errors';
import { DirectoryService } from '../directory/directory.service';
import { Login } from '../directory/login.entity';
import { keyOf, LoginStore } from '../directory/login-store';
import { AuthenticatorService, otpauthNames } from '../factors/authenticator.service';
import { BackupCodesService } from '../factors/backup-codes.service';
import { deviceView } from '../factors/device-view';
import { TotpDevice } from '../factors/factor.entities';
import type { AttemptContext } from '../factors/lockout.service';
import { PinService } from '../factors/pin.service';
import { enrolmentOf, PolicyContextService } from '../policy/policy-context';
import type { ChangePinDto, OwnTwoFactorDto, RenameDeviceDto } from './me-security.dto';

/** Profile → Security: one's own devices, PIN, backup codes and opt-in. */
@Injectable()
export class MeSecurityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly policy: PolicyContextService,
    private readonly authenticator: AuthenticatorService,
    private readonly backupCodes: BackupCodesService,
    private readonly pins: PinService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly remembered: RememberedBrowsers,
    private readonly logins: LoginStore,
  ) {}

  async view(actor: Actor): Promise<MySecurityView> {
    const login = await this.login(actor);
    const ctx = await this.policy.load(login.tenantId, false);
    const input = this.policy.input(ctx, login);
    const devices = await this.activeDevices(actor);
    return {
      effective: resolvePolicy(input),
      devices: devices.map(deviceView),
      hasPin: !!login.pinHash,
      backupCodesRemaining: await this.backupCodes.remaining(login.tenantId, login.id),
      optedIn: !!login.optedInAt,
      canOptIn: resolvePolicy({ ...input, ownChoice: null }).method === 'off',
      enrolDeadline: login.enrolDeadline ? login.enrolDeadline.toISOString() : null,
    };
  }

  async addDevice(actor: Actor): Promise<TotpEnrolment> {
    const identity = await this.directory.findIdentity(actor.identityId);
    const view = identity ? await this.directory.loginOf(actor.identityId, actor.loginId) : null;
    if (!identity || !view) throw new NotFoundException('No such login');
    return this.authenticator.startPending(this.attempt(actor), otpauthNames(identity, view), actor.flowId);
  }

  async confirmDevice(actor: Actor, code: string, name?: string): Promise<ConfirmDeviceAnswer> {
    const { device, backupCodes } = await this.authenticator.confirmPending(this.attempt(actor), code, name, {
      flowId: actor.flowId,
      firstFactor: false,
    });
    return { device: deviceView(device), backupCodes };
  }

  async renameDevice(actor: Actor, deviceId: string, dto: RenameDeviceDto): Promise<DeviceView> {
    const device = await this.device(actor, deviceId);
    await this.dataSource.transaction(async (manager) => {
      await this.authenticator.rename(device, dto.name, manager);
      await this.record(
        'factor.device-renamed',
        actor,
        device,
        { name: device.name },
        { name: dto.name },
        manager,
      );
    });
    return deviceView({ ...device, name: dto.name });
  }

  /**
   * Removing the last device is refused while policy requires the authenticator. Whether
   * another active device remains is decided by the DELETE itself, under the login's row lock
   * on PostgreSQL: two parallel removals of the last two devices cannot both succeed.
   */
  async removeDevice(actor: Actor, deviceId: string): Promise<void> {
    const device = await this.device(actor, deviceId);
    const login = await this.login(actor);
    const ctx = await this.policy.load(login.tenantId, false);
    const effective = this.policy.resolve(ctx, login);
    const mayRemoveLast = isEnrolled(effective.method, { ...enrolmentOf(login), hasAuthenticator: false });
    await this.dataSource.transaction(async (manager) => {
      await lockLoginRow(manager, login.tenantId, login.id);
      const removed = await this.authenticator.removeActive(keyOf(login), device.id, mayRemoveLast, manager);
      if (removed === 'gone') throw new NotFoundException('No such device');
      if (removed === 'last')
        throw new ConflictException(
          effective.reason.layer === 'own-choice'
            ? 'This is your last authenticator: turn two-factor sign-in off first'
            : 'This is your last authenticator and your account requires one: add another before removing this one',
        );
      await this.record('factor.device-removed', actor, device, { name: device.name }, null, manager);
    });
  }

  async changePin(actor: Actor, dto: ChangePinDto): Promise<void> {
    const login = await this.login(actor);
    const ctx = this.attempt(actor);
    if (login.pinHash) {
      if (dto.currentPin === undefined)
        throw badField('currentPin', 'currentPin is required to change the PIN');
      await this.pins.check(ctx, dto.currentPin, 'currentPin');
    }
    await this.pins.save(ctx, dto.pin, login.pinHash ?? null);
  }

  async regenerateBackupCodes(actor: Actor, code: string): Promise<BackupCodesAnswer> {
    const ctx = this.attempt(actor);
    if ((await this.activeDevices(actor)).length === 0) {
      throw new ConflictException('Backup codes go with an authenticator: add one first');
    }
    await this.authenticator.verify(ctx, code);
    const backupCodes = await this.dataSource.transaction(async (manager) => {
      const codes = await this.backupCodes.regenerate(ctx.tenantId, ctx.loginId, manager);
      await this.audit.record(
        {
          action: 'factor.backup-codes-regenerated',
          tenantId: ctx.tenantId,
          actor: { identityId: actor.identityId, loginId: actor.loginId, label: actor.email },
          target: { type: 'login', id: actor.loginId, label: actor.email },
          after: { backupCodes: codes.length },
          address: actor.address,
        },
        manager,
      );
      return codes;
    });
    return { backupCodes };
  }

  /** Where policy leaves it to the user: on or off with a valid code from an active device. */
  async setOwnTwoFactor(actor: Actor, dto: OwnTwoFactorDto): Promise<MySecurityView> {
    const before = await this.view(actor);
    if (!before.canOptIn)
      throw new ConflictException('Your account decides your second factor: there is nothing to switch');
    if (before.devices.length === 0)
      throw new ConflictException(
        'Add an authenticator first, then switch two-factor sign-in on with a code from it',
      );
    await this.authenticator.verify(this.attempt(actor), dto.code);
    const login = await this.login(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.logins.setOptIn(keyOf(login), dto.enabled ? new Date() : null, manager);
      await this.audit.record(
        {
          action: dto.enabled ? 'factor.opted-in' : 'factor.opted-out',
          tenantId: login.tenantId,
          actor: { identityId: actor.identityId, loginId: actor.loginId, label: actor.email },
          target: { type: 'login', id: login.id, label: actor.email },
          before: { optedIn: !!login.optedInAt },
          after: { optedIn: dto.enabled },
          address: actor.address,
        },
        manager,
      );
    });
    return this.view(actor);
  }

  /** Ends every session of this login, this one too, and forgets its remembered browsers. */
  async signOutEverywhere(actor: Actor): Promise<void> {
    const login = await this.login(actor);
    await this.dataSource.transaction(async (manager) => {
      // Browsers first, as in an owner's reset: the session delete then sees a remembered
      // sign-in that committed while this waited for its row.
      await this.remembered.forgetLogin(login.tenantId, login.id, manager);
      await this.sessions.revokeLogin(login.tenantId, login.id, 'signed-out-everywhere', null, manager);
      await this.audit.record(
        {
          action: 'sign-out.everywhere',
          tenantId: login.tenantId,
          actor: { identityId: actor.identityId, loginId: actor.loginId, label: actor.email },
          target: { type: 'login', id: login.id, label: actor.email },
          address: actor.address,
        },
        manager,
      );
    });
  }

  private attempt(actor: Actor): AttemptContext {
    if (!actor.tenantId) throw new NotFoundException('No such login');
    return {
      tenantId: actor.tenantId,
      loginId: actor.loginId,
      identityId: actor.identityId,
      email: actor.email,
      address: actor.address,
    };
  }

  private async login(actor: Actor): Promise<Login> {
    const login = actor.tenantId
      ? await this.dataSource.getRepository(Login).findOneBy({ tenantId: actor.tenantId, id: actor.loginId })
      : null;
    if (!login) throw new NotFoundException('No such login');
    return login;
  }

  private async activeDevices(actor: Actor): Promise<TotpDevice[]> {
    const devices = await this.dataSource.getRepository(TotpDevice).find({
      where: { tenantId: actor.tenantId ?? '', loginId: actor.loginId },
      order: { createdAt: 'ASC' },
    });
    return devices.filter((d) => d.confirmedAt !== null);
  }

  /** A device of the caller's own login; anyone else's answers 404. */
  private async device(actor: Actor, deviceId: string): Promise<TotpDevice> {
    const device = await this.dataSource
      .getRepository(TotpDevice)
      .findOneBy({ tenantId: actor.tenantId ?? '', id: deviceId, loginId: actor.loginId });
    if (!device || device.confirmedAt === null) throw new NotFoundException('No such device');
    return device;
  }

  private record(
    action: AuditAction,
    actor: Actor,
    device: TotpDevice,
    before: Record<string, string> | null,
    after: Record<string, string> | null,
    manager: EntityManager,
  ) {
    return this.audit.record(
      {
        action,
        tenantId: device.tenantId,
        actor: { identityId: actor.identityId, loginId: actor.loginId, label: actor.email },
        target: { type: 'device', id: device.id, label: device.name },
        before,
        after,
        address: actor.address,
      },
      manager,
    );
  }
}

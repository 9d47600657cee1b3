import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MeRoutes,
  type BackupCodesAnswer,
  type ConfirmDeviceAnswer,
  type DeviceView,
  type MySecurityView,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { SignedInAny } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import { ConfirmEnrolmentDto } from '../factors/factor.dto';
import { ChangePinDto, CodeDto, OwnTwoFactorDto, RenameDeviceDto } from './me-security.dto';
import { MeSecurityService } from './me-security.service';

@ApiTags('me: security')
@Controller(MeRoutes.base)
export class MeSecurityController {
  constructor(private readonly security: MeSecurityService) {}

  @Get(MeRoutes.security)
  @SignedInAny()
  @ApiOperation({ summary: 'My factors: devices, PIN, remaining backup codes, opt-in' })
  view(@CurrentActor() actor: Actor): Promise<MySecurityView> {
    return this.security.view(actor);
  }

  @Post(MeRoutes.devices)
  @HttpCode(200)
  @SignedInAny()
  @ApiOperation({ summary: 'Start adding an authenticator: its own secret, shown this once' })
  addDevice(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.security.addDevice(actor);
  }

  @Post(MeRoutes.devicesConfirm)
  @HttpCode(200)
  @SignedInAny()
  @ApiOperation({ summary: 'Confirm the new authenticator with its code' })
  confirmDevice(
    @CurrentActor() actor: Actor,
    @Body() body: ConfirmEnrolmentDto,
  ): Promise<ConfirmDeviceAnswer> {
    return this.security.confirmDevice(actor, body.code, body.deviceName);
  }

  @Patch(MeRoutes.device)
  @SignedInAny()
  @ApiOperation({ summary: 'Rename an authenticator' })
  renameDevice(
    @CurrentActor() actor: Actor,
    @Param('deviceId') deviceId: string,
    @Body() body: RenameDeviceDto,
  ): Promise<DeviceView> {
    return this.security.renameDevice(actor, deviceId, body);
  }

  @Delete(MeRoutes.device)
  @HttpCode(204)
  @SignedInAny()
  @ApiOperation({ summary: 'Remove an authenticator (not the last one while policy requires it)' })
  removeDevice(@CurrentActor() actor: Actor, @Param('deviceId') deviceId: string): Promise<void> {
    return this.security.removeDevice(actor, deviceId);
  }

  @Put(MeRoutes.pin)
  @HttpCode(204)
  @SignedInAny()
  @ApiOperation({ summary: 'Set or change my PIN (the current PIN is needed to change it)' })
  changePin(@CurrentActor() actor: Actor, @Body() body: ChangePinDto): Promise<void> {
    return this.security.changePin(actor, body);
  }

  @Post(MeRoutes.backupCodes)
  @HttpCode(200)
  @SignedInAny()
  @ApiOperation({ summary: 'A new set of backup codes (the old set is void); needs a code from the app' })
  regenerateBackupCodes(@CurrentActor() actor: Actor, @Body() body: CodeDto): Promise<BackupCodesAnswer> {
    return this.security.regenerateBackupCodes(actor, body.code);
  }

  @Post(MeRoutes.signOutEverywhere)
  @HttpCode(204)
  @SignedInAny()
  @ApiOperation({ summary: 'End every session of this login, this one too, and forget remembered browsers' })
  signOutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    return this.security.signOutEverywhere(actor);
  }

  @Put(MeRoutes.twoFactor)
  @SignedInAny()
  @ApiOperation({ summary: 'Turn two-factor sign-in on or off for myself, where policy leaves it to me' })
  setOwnTwoFactor(@CurrentActor() actor: Actor, @Body() body: OwnTwoFactorDto): Promise<MySecurityView> {
    return this.security.setOwnTwoFactor(actor, body);
  }
}

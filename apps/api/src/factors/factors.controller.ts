import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  AuthRoutes,
  AuthStepRoutes,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { SignInStep } from '../common/access.decorators';
import { ConfirmEnrolmentDto, HandoverDto, PinDto, PinSetupDto, TotpCodeDto } from './factors.dto';
import { SecondFactorService } from './second-factor.service';

@ApiTags('sign-in: second factor')
@UseGuards(ThrottlerGuard)
@Controller(AuthRoutes.base)
export class FactorsController {
  constructor(private readonly factors: SecondFactorService) {}

  @Post(AuthStepRoutes.totpEnrol)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({
    summary: 'Start enrolling an authenticator: secret, otpauth URI and QR code, shown this once',
  })
  startEnrolment(@Req() request: Request): Promise<TotpEnrolment> {
    return this.factors.startEnrolment(request);
  }

  @Post(AuthStepRoutes.totpEnrolConfirm)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({ summary: 'Activate the authenticator with a code; answers 10 backup codes once' })
  confirmEnrolment(
    @Req() request: Request,
    @Body() body: ConfirmEnrolmentDto,
  ): Promise<EnrolmentConfirmedAnswer> {
    return this.factors.confirmEnrolment(request, body);
  }

  @Post(AuthStepRoutes.totp)
  @HttpCode(200)
  @SignInStep('totp')
  @ApiOperation({ summary: 'A code from the app, or a backup code' })
  enterCode(@Req() request: Request, @Body() body: TotpCodeDto): Promise<SignInAnswer> {
    return this.factors.enterCode(request, body);
  }

  @Post(AuthStepRoutes.handover)
  @HttpCode(200)
  @SignInStep('handover')
  @ApiOperation({ summary: 'The one-time code an owner handed over after a reset' })
  enterHandover(@Req() request: Request, @Body() body: HandoverDto): Promise<SignInAnswer> {
    return this.factors.enterHandover(request, body);
  }

  @Post(AuthStepRoutes.pinSetup)
  @HttpCode(200)
  @SignInStep('pin-setup')
  @ApiOperation({ summary: 'Choose a PIN (typed twice)' })
  setUpPin(@Req() request: Request, @Body() body: PinSetupDto): Promise<SignInAnswer> {
    return this.factors.setUpPin(request, body);
  }

  @Post(AuthStepRoutes.pin)
  @HttpCode(200)
  @SignInStep('pin')
  @ApiOperation({ summary: 'Enter the PIN' })
  enterPin(@Req() request: Request, @Body() body: PinDto): Promise<SignInAnswer> {
    return this.factors.enterPin(request, body);
  }
}

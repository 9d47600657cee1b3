import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  AuthRoutes,
  AuthStepRoutes,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
} from '@latchkey/contracts';
import { Public, SignInStep } from '../common/access.decorators';
import type { Identity } from '../directory/identity.entity';
import { ConfirmEnrolmentDto } from '../factors/factor.dto';
import { FactorSteps } from './factor-steps.service';
import { HandoverDto, LoginDto, PickLoginDto, PinDto, PinSetupDto, TotpCodeDto } from './sign-in.dto';
import { PasswordGuard } from './local.strategy';
import { SignInService } from './sign-in.service';

/** The sign-in machine's one route table: every step, from the password to the last factor. */
@ApiTags('sign-in')
@UseGuards(ThrottlerGuard)
@Controller(AuthRoutes.base)
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly steps: FactorSteps,
  ) {}

  @Post(AuthRoutes.login)
  @HttpCode(200)
  @Public()
  @UseGuards(PasswordGuard)
  @ApiOperation({
    summary: 'Password step; an unknown email answers like a wrong password',
  })
  @ApiBody({ type: LoginDto })
  login(@Req() request: Request): Promise<SignInAnswer> {
    return this.signIn.afterPassword(request, request.user as Identity);
  }

  @Post(AuthRoutes.pick)
  @HttpCode(200)
  @SignInStep('pick-login')
  @ApiOperation({ summary: 'Choose one of the logins the password unlocked' })
  pick(@Req() request: Request, @Body() body: PickLoginDto): Promise<SignInAnswer> {
    return this.signIn.pick(request, body.loginId);
  }

  @Post(AuthStepRoutes.postpone)
  @HttpCode(200)
  @SignInStep('pin-setup', 'totp-enrol')
  @ApiOperation({ summary: 'Postpone enrolment while the grace deadline allows' })
  postpone(@Req() request: Request): Promise<SignInAnswer> {
    return this.signIn.postpone(request);
  }

  @Get(AuthRoutes.state)
  @SkipThrottle()
  @Public()
  @ApiOperation({ summary: 'Where the sign-in stands' })
  state(@Req() request: Request): Promise<SignInAnswer> {
    return this.signIn.state(request);
  }

  @Post(AuthRoutes.logout)
  @SkipThrottle()
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'End the session' })
  logout(@Req() request: Request): Promise<SignInAnswer> {
    return this.signIn.logout(request);
  }

  @Post(AuthStepRoutes.totpEnrol)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({
    summary: 'Start enrolling an authenticator: secret, otpauth URI and QR code, shown this once',
  })
  startEnrolment(@Req() request: Request): Promise<TotpEnrolment> {
    return this.steps.startEnrolment(request);
  }

  @Post(AuthStepRoutes.totpEnrolConfirm)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({ summary: 'Activate the authenticator with a code; answers 10 backup codes once' })
  confirmEnrolment(
    @Req() request: Request,
    @Body() body: ConfirmEnrolmentDto,
  ): Promise<EnrolmentConfirmedAnswer> {
    return this.steps.confirmEnrolment(request, body);
  }

  @Post(AuthStepRoutes.totp)
  @HttpCode(200)
  @SignInStep('totp')
  @ApiOperation({ summary: 'A code from the app, or a backup code' })
  enterCode(@Req() request: Request, @Body() body: TotpCodeDto): Promise<SignInAnswer> {
    return this.steps.enterCode(request, body);
  }

  @Post(AuthStepRoutes.handover)
  @HttpCode(200)
  @SignInStep('handover')
  @ApiOperation({ summary: 'The one-time code an owner handed over after a reset' })
  enterHandover(@Req() request: Request, @Body() body: HandoverDto): Promise<SignInAnswer> {
    return this.steps.enterHandover(request, body);
  }

  @Post(AuthStepRoutes.pinSetup)
  @HttpCode(200)
  @SignInStep('pin-setup')
  @ApiOperation({ summary: 'Choose a PIN (typed twice)' })
  setUpPin(@Req() request: Request, @Body() body: PinSetupDto): Promise<SignInAnswer> {
    return this.steps.setUpPin(request, body);
  }

  @Post(AuthStepRoutes.pin)
  @HttpCode(200)
  @SignInStep('pin')
  @ApiOperation({ summary: 'Enter the PIN' })
  enterPin(@Req() request: Request, @Body() body: PinDto): Promise<SignInAnswer> {
    return this.steps.enterPin(request, body);
  }
}

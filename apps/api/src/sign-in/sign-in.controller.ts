import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Redirect,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AuthRoutes,
  AuthStepRoutes,
  type EnrolmentConfirmedAnswer,
  type SignInAnswer,
  type TotpEnrolment,
  type UpstreamDiscoverAnswer,
} from '@latchkey/contracts';
import { Public, SignInStep } from '../common/access.decorators';
import { uuidParam } from '../common/validation';
import type { Identity } from '../directory/identity.entity';
import { ConfirmEnrolmentDto } from '../factors/factor.dto';
import { FactorSteps } from './factor-steps.service';
import {
  HandoverDto,
  LoginDto,
  PickLoginDto,
  PinDto,
  PinSetupDto,
  TotpCodeDto,
  UpstreamDiscoverDto,
} from './sign-in.dto';
import { UpstreamSignInService } from './upstream-sign-in.service';
import { PasswordGuard } from './local.strategy';
import { SignInService } from './sign-in.service';
import { SignInStateService } from './sign-in-state.service';
import { AppSignInService } from './app-sign-in.service';
import { NamesTheApp, OutgoingCookies, SignInPort } from './http-session-port';
import type { SessionPort } from './session-port';

/** The sign-in machine's one route table: every step, from the password to the last factor. */
@ApiTags('sign-in')
@UseGuards(ThrottlerGuard)
@UseInterceptors(OutgoingCookies, NamesTheApp)
@Controller(AuthRoutes.base)
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly signInState: SignInStateService,
    private readonly steps: FactorSteps,
    private readonly apps: AppSignInService,
    private readonly upstream: UpstreamSignInService,
  ) {}

  @Post(AuthRoutes.upstreamDiscover)
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "The account's own providers an email may continue with" })
  discoverUpstream(@Body() body: UpstreamDiscoverDto): Promise<UpstreamDiscoverAnswer> {
    return this.upstream.discover(body.email);
  }

  @Get(AuthRoutes.upstreamOfTenant)
  @Public()
  @ApiOperation({ summary: "An account's own providers, for its sign-in link" })
  upstreamOfTenant(
    @Param('tenantId', uuidParam('tenantId')) tenantId: string,
  ): Promise<UpstreamDiscoverAnswer> {
    return this.upstream.ofTenant(tenantId);
  }

  @Get(AuthRoutes.upstreamStart)
  @Public()
  @Redirect()
  @ApiOperation({ summary: "Off to the account's own provider (a browser navigation)" })
  async startUpstream(
    @SignInPort() port: SessionPort,
    @Param('connectionId', uuidParam('connectionId')) connectionId: string,
  ): Promise<{ url: string; statusCode: number }> {
    return { url: await this.upstream.start(port, connectionId), statusCode: 303 };
  }

  @Get(AuthRoutes.upstreamCallback)
  @Public()
  @Redirect()
  @ApiOperation({ summary: "Back from the account's own provider (a browser navigation)" })
  async upstreamCallback(
    @SignInPort() port: SessionPort,
    @Req() request: Request,
  ): Promise<{ url: string; statusCode: number }> {
    const query = request.originalUrl.indexOf('?');
    return {
      url: await this.upstream.callback(port, query >= 0 ? request.originalUrl.slice(query) : ''),
      statusCode: 303,
    };
  }

  @Get(AuthRoutes.interaction)
  @SkipThrottle()
  @Public()
  @Redirect()
  @ApiOperation({
    summary: "An application's sign-in arrives from the OpenID provider (a browser navigation)",
  })
  async interaction(
    @SignInPort() port: SessionPort,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string; statusCode: number }> {
    return { url: await this.apps.begin(port, request, response), statusCode: 303 };
  }

  @Post(AuthRoutes.login)
  @HttpCode(200)
  @Public()
  @UseGuards(PasswordGuard)
  @ApiOperation({
    summary: 'Password step; an unknown email answers like a wrong password',
  })
  @ApiBody({ type: LoginDto })
  login(@SignInPort() port: SessionPort, @Req() request: Request): Promise<SignInAnswer> {
    return this.signIn.afterPassword(port, request.user as Identity);
  }

  @Post(AuthRoutes.pick)
  @HttpCode(200)
  @SignInStep('pick-login')
  @ApiOperation({ summary: 'Choose one of the logins the password unlocked' })
  pick(@SignInPort() port: SessionPort, @Body() body: PickLoginDto): Promise<SignInAnswer> {
    return this.signIn.pick(port, body.loginId);
  }

  @Post(AuthStepRoutes.postpone)
  @HttpCode(200)
  @SignInStep('pin-setup', 'totp-enrol')
  @ApiOperation({ summary: 'Postpone enrolment while the grace deadline allows' })
  postpone(@SignInPort() port: SessionPort): Promise<SignInAnswer> {
    return this.signIn.postpone(port);
  }

  @Get(AuthRoutes.state)
  @SkipThrottle()
  @Public()
  @ApiOperation({ summary: 'Where the sign-in stands' })
  state(@SignInPort() port: SessionPort): Promise<SignInAnswer> {
    return this.signInState.state(port);
  }

  @Post(AuthRoutes.logout)
  @SkipThrottle()
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'End the session' })
  logout(@SignInPort() port: SessionPort): Promise<SignInAnswer> {
    return this.signInState.logout(port);
  }

  @Post(AuthStepRoutes.totpEnrol)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({
    summary: 'Start enrolling an authenticator: secret, otpauth URI and QR code, shown this once',
  })
  startEnrolment(@SignInPort() port: SessionPort): Promise<TotpEnrolment> {
    return this.steps.startEnrolment(port);
  }

  @Post(AuthStepRoutes.totpEnrolConfirm)
  @HttpCode(200)
  @SignInStep('totp-enrol')
  @ApiOperation({ summary: 'Activate the authenticator with a code; answers 10 backup codes once' })
  confirmEnrolment(
    @SignInPort() port: SessionPort,
    @Body() body: ConfirmEnrolmentDto,
  ): Promise<EnrolmentConfirmedAnswer> {
    return this.steps.confirmEnrolment(port, body);
  }

  @Post(AuthStepRoutes.totp)
  @HttpCode(200)
  @SignInStep('totp')
  @ApiOperation({ summary: 'A code from the app, or a backup code' })
  enterCode(@SignInPort() port: SessionPort, @Body() body: TotpCodeDto): Promise<SignInAnswer> {
    return this.steps.enterCode(port, body);
  }

  @Post(AuthStepRoutes.handover)
  @HttpCode(200)
  @SignInStep('handover')
  @ApiOperation({ summary: 'The one-time code an owner handed over after a reset' })
  enterHandover(@SignInPort() port: SessionPort, @Body() body: HandoverDto): Promise<SignInAnswer> {
    return this.steps.enterHandover(port, body);
  }

  @Post(AuthStepRoutes.pinSetup)
  @HttpCode(200)
  @SignInStep('pin-setup')
  @ApiOperation({ summary: 'Choose a PIN (typed twice)' })
  setUpPin(@SignInPort() port: SessionPort, @Body() body: PinSetupDto): Promise<SignInAnswer> {
    return this.steps.setUpPin(port, body);
  }

  @Post(AuthStepRoutes.pin)
  @HttpCode(200)
  @SignInStep('pin')
  @ApiOperation({ summary: 'Enter the PIN' })
  enterPin(@SignInPort() port: SessionPort, @Body() body: PinDto): Promise<SignInAnswer> {
    return this.steps.enterPin(port, body);
  }
}

import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthRoutes, AuthStepRoutes, type SignInAnswer } from '@latchkey/contracts';
import { Public, SignInStep } from '../common/access.decorators';
import type { Identity } from '../directory/identity.entity';
import { LoginDto, PickLoginDto } from './auth.dto';
import { PasswordGuard } from './local.strategy';
import { SignInService } from './sign-in.service';

@ApiTags('sign-in')
@UseGuards(ThrottlerGuard)
@Controller(AuthRoutes.base)
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

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
}

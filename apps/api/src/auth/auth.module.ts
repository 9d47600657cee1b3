import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { EnrolmentGraceService } from './enrolment-grace';
import { IdentityIntake } from './identity-intake';
import { EnrolmentGate } from './enrolment-gate';
import { LockoutService } from './lockout.service';
import { PasswordThrottle } from './password-throttle';
import { LocalStrategy, PasswordGuard } from './local.strategy';
import { PasswordHasher } from './password-hasher';
import { PasswordStep } from './password-step';
import { SignInService } from './sign-in.service';

@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    SignInService,
    PasswordStep,
    PasswordHasher,
    LocalStrategy,
    PasswordGuard,
    EnrolmentGraceService,
    IdentityIntake,
    LockoutService,
    PasswordThrottle,
    EnrolmentGate,
  ],
  exports: [PasswordHasher, SignInService, IdentityIntake, LockoutService, PasswordThrottle, EnrolmentGate],
})
export class AuthModule {}

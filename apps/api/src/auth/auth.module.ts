import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { EnrolmentGraceService } from './enrolment-grace';
import { IdentityIntake } from './identity-intake';
import { LockoutService } from './lockout.service';
import { LocalStrategy, PasswordGuard } from './local.strategy';
import { PasswordHasher } from './password-hasher';
import { SignInService } from './sign-in.service';

@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    SignInService,
    PasswordHasher,
    LocalStrategy,
    PasswordGuard,
    EnrolmentGraceService,
    IdentityIntake,
    LockoutService,
  ],
  exports: [PasswordHasher, SignInService, IdentityIntake, LockoutService],
})
export class AuthModule {}

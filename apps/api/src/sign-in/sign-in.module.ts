import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { FactorsModule } from '../factors/factors.module';
import { OidcModule } from '../oidc/oidc.module';
import { AppSignInService } from './app-sign-in.service';
import { UpstreamFactorGate } from './upstream-factor';
import { SignInFinish } from './sign-in-finish';
import { UpstreamSignInService } from './upstream-sign-in.service';
import { UpstreamClients } from '../upstream/upstream-client';
import { SecretBox } from '../factors/secret-box';
import { EnrolmentGate } from './enrolment-gate';
import { EnrolmentGraceService } from './enrolment-grace';
import { FactorSteps } from './factor-steps.service';
import { LocalStrategy, PasswordGuard } from './local.strategy';
import { PasswordStep } from './password-step';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';
import { SignInStateService } from './sign-in-state.service';

/** The sign-in state machine and its route table; the factors it checks come from `FactorsModule`. */
@Module({
  imports: [PassportModule, FactorsModule, OidcModule],
  controllers: [SignInController],
  providers: [
    SignInService,
    SignInStateService,
    AppSignInService,
    UpstreamFactorGate,
    SignInFinish,
    UpstreamSignInService,
    UpstreamClients,
    // Opens the connections' sealed client secrets (stateless, as in the factors' module).
    SecretBox,
    FactorSteps,
    PasswordStep,
    LocalStrategy,
    PasswordGuard,
    EnrolmentGate,
    EnrolmentGraceService,
  ],
})
export class SignInModule {}

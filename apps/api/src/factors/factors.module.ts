import { Module } from '@nestjs/common';
import { AuthenticatorService } from './authenticator.service';
import { BackupCodesService } from './backup-codes.service';
import { LockoutService } from './lockout.service';
import { PasswordHasher } from './password-hasher';
import { PasswordThrottle } from './password-throttle';
import { PinService } from './pin.service';
import { RememberedBrowsers } from './remembered-browsers';
import { SecretBox } from './secret-box';

/**
 * The layer below the sign-in machine: what a person proves with (password, authenticator,
 * backup codes, PIN), the attempts they may spend (lockout), and remembered browsers. The
 * secret box stays inside.
 */
const exported = [
  AuthenticatorService,
  BackupCodesService,
  LockoutService,
  PasswordHasher,
  PasswordThrottle,
  PinService,
  RememberedBrowsers,
];

@Module({ providers: [...exported, SecretBox], exports: exported })
export class FactorsModule {}

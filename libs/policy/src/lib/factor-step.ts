import type { TwoFactorMethod } from '@latchkey/contracts';

/** What a login holds. A stronger factor satisfies a weaker requirement. */
export interface Enrolment {
  hasAuthenticator: boolean;
  hasPin: boolean;
}

export type FactorStep = 'none' | 'pin' | 'pin-setup' | 'totp' | 'totp-enrol';

/** The sign-in step a method asks of a login, given what it has enrolled. */
export function factorStep(method: TwoFactorMethod, enrolment: Enrolment): FactorStep {
  if (method === 'off') return 'none';
  if (enrolment.hasAuthenticator) return 'totp';
  if (method === 'pin') return enrolment.hasPin ? 'pin' : 'pin-setup';
  return 'totp-enrol';
}

/** True when the login already holds what the method asks for. */
export function isEnrolled(method: TwoFactorMethod, enrolment: Enrolment): boolean {
  const step = factorStep(method, enrolment);
  return step === 'none' || step === 'pin' || step === 'totp';
}

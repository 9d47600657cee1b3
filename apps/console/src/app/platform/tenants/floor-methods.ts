import { AbstractControl, ValidationErrors } from '@angular/forms';
import { MAX_GRACE_DAYS, TwoFactorMethod } from '@latchkey/contracts';

/** "a PIN code", "an authenticator app": what a user will need. */
export function methodNeed(method: TwoFactorMethod): string {
  return method === 'authenticator' ? 'an authenticator app' : method === 'pin' ? 'a PIN code' : 'nothing';
}

/** The sentence about the enrolment grace that follows a floor's confirmation. */
export function graceSentence(graceDays: number | null): string {
  if (!graceDays) {
    return 'Those not yet enrolled must enrol before they can finish signing in.';
  }
  return `Those not yet enrolled may postpone enrolling for up to ${graceDays} day${graceDays === 1 ? '' : 's'}.`;
}

/** Grace days: a whole number from 0 to MAX_GRACE_DAYS. */
export function graceDaysValidator(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === undefined || (value as unknown) === '') {
    return { required: true };
  }
  return Number.isInteger(value) && value >= 0 && value <= MAX_GRACE_DAYS ? null : { graceDays: true };
}

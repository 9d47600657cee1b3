import { AbstractControl, ValidationErrors } from '@angular/forms';
import { MAX_GRACE_DAYS, METHOD_LABELS, PolicySetting, TwoFactorMethod } from '@latchkey/contracts';

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

/** A floor in a few words: "Authenticator app, 14 grace days", "PIN code, no grace", "Off". */
export function floorText(floor: PolicySetting | null): string {
  if (!floor || floor.method === 'off') {
    return METHOD_LABELS.off;
  }
  const grace =
    floor.graceDays === 0 ? 'no grace' : `${floor.graceDays} grace day${floor.graceDays === 1 ? '' : 's'}`;
  return `${METHOD_LABELS[floor.method]}, ${grace}`;
}

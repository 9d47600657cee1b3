import { AbstractControl, FormGroup, ValidationErrors } from '@angular/forms';
import { FieldError, MAX_GRACE_DAYS, TwoFactorMethod } from '@latchkey/contracts';

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

/**
 * Put the field errors of a 400 under the form's own fields (as a `server` error);
 * answer the messages that belong to no field of the form. `aliases` maps API field names to the form's.
 */
export function placeFieldErrors(
  form: FormGroup,
  errors: FieldError[],
  aliases: Readonly<Record<string, string>> = {},
): string[] {
  const unplaced: string[] = [];
  for (const { field, messages } of errors) {
    const control = form.get(aliases[field] ?? field);
    if (control) {
      control.setErrors({ server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unplaced.push(...messages);
    }
  }
  return unplaced;
}

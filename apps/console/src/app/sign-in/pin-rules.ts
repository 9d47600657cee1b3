import { Validators } from '@angular/forms';

/** The PIN rules as the API applies them; the console checks the simple ones before sending. */
export const PIN_MIN_LENGTH = 6;
export const PIN_RULES = `At least ${PIN_MIN_LENGTH} digits. No repeats or runs like 111111 or 123456.`;
export const pinValidators = [
  Validators.required,
  Validators.pattern(/^\d+$/),
  Validators.minLength(PIN_MIN_LENGTH),
];

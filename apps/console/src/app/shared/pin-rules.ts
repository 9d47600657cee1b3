import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PIN_RULES_TEXT, pinProblem } from '@latchkey/policy';
import { asSentence } from './problem-text';

/** The PIN rules in a sentence, the hint of every form that asks for a new PIN. */
export const PIN_RULES = PIN_RULES_TEXT;

/**
 * A new PIN, checked with the API's own rules (`pinProblem` of @latchkey/policy), so the console
 * refuses before sending exactly what the API would refuse. The error is `{ pin: <the problem> }`;
 * an empty field is left to `required`.
 */
export const pinRuleValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const value = control.value;
  if (!value) {
    return null;
  }
  const problem = pinProblem(value);
  return problem ? { pin: problem } : null;
};

export const pinValidators: ValidatorFn[] = [Validators.required, pinRuleValidator];

/** The API's names of the PIN fields, as the forms call them. */
const PIN_FIELD_WORDS: readonly [RegExp, string][] = [
  [/^currentPin\b/, 'The current PIN'],
  [/^pinConfirmation\b/, 'The PIN typed again'],
  [/^pin\b/i, 'The PIN'],
];

/**
 * A PIN reason as a sentence for the form — a problem of `pinProblem` or the API's 400 for a PIN
 * field ("pin must …", "currentPin must be 6 to 12 digits", "Incorrect PIN") — with a capital and
 * a full stop: "The PIN must ….", "The current PIN must be 6 to 12 digits.", "Incorrect PIN.".
 */
export function pinProblemText(problem: string): string {
  const trimmed = problem.trim();
  const named = PIN_FIELD_WORDS.find(([field]) => field.test(trimmed));
  return asSentence(named ? trimmed.replace(named[0], named[1]) : trimmed);
}

import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PIN_RULES_TEXT, pinProblem } from '@latchkey/policy';

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

/** A problem of `pinProblem` ("pin must …") as a sentence for the form: "The PIN must …." */
export function pinProblemText(problem: string): string {
  const sentence = problem.replace(/^pin\b/, 'The PIN');
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

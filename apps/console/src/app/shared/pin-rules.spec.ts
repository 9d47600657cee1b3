import { FormControl } from '@angular/forms';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH, pinProblem } from '@latchkey/policy';
import { PIN_RULES, pinProblemText, pinRuleValidator, pinValidators } from './pin-rules';

/** The errors the console's validators give a new PIN. */
function errorsOf(pin: string): Record<string, unknown> | null {
  return new FormControl(pin, { nonNullable: true, validators: pinValidators }).errors;
}

const TOO_EASY = 'The PIN is too easy to guess: avoid repeats (111111), runs (123456) and common PINs.';

describe('PIN rules in the console', () => {
  it.each<[string, string]>([
    ['123456', TOO_EASY],
    ['654321', TOO_EASY],
    ['111111', TOO_EASY],
    ['121212', TOO_EASY],
    ['12345', `The PIN must have at least ${PIN_MIN_LENGTH} digits.`],
    ['1234567890123', `The PIN must have at most ${PIN_MAX_LENGTH} digits.`],
    ['48021a', 'The PIN must contain digits only.'],
    ['4802 15', 'The PIN must contain digits only.'],
  ])('refuses %s as the API does: %s', (pin, sentence) => {
    const errors = errorsOf(pin);

    expect(errors).toEqual({ pin: pinProblem(pin) });
    expect(pinProblemText(errors?.['pin'] as string)).toBe(sentence);
  });

  it.each(['480215', '7394158', '480215739415'])('accepts %s, which the API accepts too', (pin) => {
    expect(pinProblem(pin)).toBeNull();
    expect(errorsOf(pin)).toBeNull();
  });

  it('leaves an empty field to `required`', () => {
    expect(pinRuleValidator(new FormControl(''))).toBeNull();
    expect(errorsOf('')).toEqual({ required: true });
  });

  it.each<[string, string]>([
    ['currentPin must be 6 to 12 digits', 'The current PIN must be 6 to 12 digits.'],
    ['pinConfirmation must repeat the PIN exactly', 'The PIN typed again must repeat the PIN exactly.'],
    ['pin must contain digits only', 'The PIN must contain digits only.'],
    ['Incorrect PIN', 'Incorrect PIN.'],
    ['incorrect PIN', 'Incorrect PIN.'],
    [
      'Your PIN was changed meanwhile: try again with the current one',
      'Your PIN was changed meanwhile: try again with the current one.',
    ],
    ['The PIN is fine!', 'The PIN is fine!'],
  ])('reads the API reason %j as the sentence %j', (reason, sentence) => {
    expect(pinProblemText(reason)).toBe(sentence);
  });

  it('states the rules the API applies', () => {
    expect(PIN_RULES).toContain(`${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits`);
    expect(PIN_RULES).toContain('111111 or 123456');
  });
});

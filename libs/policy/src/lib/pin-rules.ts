/**
 * The PIN rules (DESIGN.md §4), one copy for the API's validation and the console's forms, so
 * the console refuses exactly what the API refuses.
 */
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
/** The rules in a sentence, for the forms that ask for a new PIN. */
export const PIN_RULES_TEXT = `${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits. No repeats or runs like 111111 or 123456, and no common PINs.`;

/** Too common to be a PIN, beyond repeats and runs. */
const BLOCKLIST = new Set([
  '121212',
  '112233',
  '123123',
  '123321',
  '101010',
  '202020',
  '696969',
  '131313',
  '147258',
  '159753',
  '111222',
  '000111',
  '520520',
  '789456',
  '456789',
  '102030',
  '112211',
  '212121',
]);

function isRepeat(pin: string): boolean {
  return /^(\d)\1+$/.test(pin);
}

function isRun(pin: string): boolean {
  const step = Number(pin[1]) - Number(pin[0]);
  if (step !== 1 && step !== -1) return false;
  for (let i = 1; i < pin.length; i++) {
    if (Number(pin[i]) - Number(pin[i - 1]) !== step) return false;
  }
  return true;
}

/** Why a PIN is refused, or null. Digits only, 6 to 12, no repeats, runs or common ones. */
export function pinProblem(pin: string): string | null {
  if (!/^\d+$/.test(pin)) return 'pin must contain digits only';
  if (pin.length < PIN_MIN_LENGTH) return `pin must have at least ${PIN_MIN_LENGTH} digits`;
  if (pin.length > PIN_MAX_LENGTH) return `pin must have at most ${PIN_MAX_LENGTH} digits`;
  if (isRepeat(pin) || isRun(pin) || BLOCKLIST.has(pin)) {
    return 'pin is too easy to guess: avoid repeats (111111), runs (123456) and common PINs';
  }
  return null;
}

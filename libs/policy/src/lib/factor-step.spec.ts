import type { TwoFactorMethod } from '@latchkey/contracts';
import { factorStep, isEnrolled, type FactorStep } from './factor-step';

describe('factorStep', () => {
  const rows: Array<[TwoFactorMethod, boolean, boolean, FactorStep, boolean]> = [
    // method, has authenticator, has PIN, step, enrolled
    ['off', false, false, 'none', true],
    ['off', true, true, 'none', true],
    ['pin', false, false, 'pin-setup', false],
    ['pin', false, true, 'pin', true],
    ['pin', true, false, 'totp', true],
    ['pin', true, true, 'totp', true],
    ['authenticator', false, false, 'totp-enrol', false],
    ['authenticator', false, true, 'totp-enrol', false],
    ['authenticator', true, false, 'totp', true],
    ['authenticator', true, true, 'totp', true],
  ];
  it.each(rows)(
    '%s with authenticator=%s pin=%s → %s (enrolled %s)',
    (method, hasAuthenticator, hasPin, step, enrolled) => {
      expect(factorStep(method, { hasAuthenticator, hasPin })).toBe(step);
      expect(isEnrolled(method, { hasAuthenticator, hasPin })).toBe(enrolled);
    },
  );
});

import { HttpErrorResponse } from '@angular/common/http';
import { EffectivePolicy, PolicyLayer } from '@latchkey/contracts';
import { LAYER_LABELS, lockText, reasonText } from './policy-text';
import { problemText } from './problem-text';

function effective(layer: PolicyLayer, setBy: string | null, setAt: string | null): EffectivePolicy {
  return { method: 'pin', reason: { layer, setBy, setAt }, floor: 'off', graceDays: 0 };
}

describe('policy wording', () => {
  it('says who set a method, when, and on which layer', () => {
    expect(reasonText(effective('user-type', 'olivia@acme.test', '2026-11-20T12:00:00Z'))).toBe(
      'Set by olivia@acme.test on 20 Nov 2026 (user type policy)',
    );
    expect(reasonText(effective('tenant-platform-floor', 'root@latchkey.test', null))).toBe(
      'Set by root@latchkey.test (platform floor for this account)',
    );
  });

  it('names the layer alone when nobody set it', () => {
    expect(reasonText(effective('default', null, null))).toBe('No policy');
    expect(reasonText(effective('feature-off', null, null))).toBe('2FA not switched on');
  });

  it('has words for every layer', () => {
    expect(LAYER_LABELS).toEqual({
      'super-user': 'Platform super user',
      'feature-off': '2FA not switched on',
      'platform-floor': 'Platform floor',
      'tenant-platform-floor': 'Platform floor for this account',
      'tenant-floor': 'Account floor',
      'user-type': 'User type policy',
      exception: 'Exception for this user',
      'own-choice': 'Chosen by the user',
      default: 'No policy',
    });
  });

  it('says who fixed a minimum: the platform or the account', () => {
    expect(
      lockText({ layer: 'platform-floor', method: 'pin', setBy: 'root@latchkey.test', setAt: null }),
    ).toBe('Set by root@latchkey.test (platform floor)');
    expect(lockText({ layer: 'tenant-platform-floor', method: 'pin', setBy: null, setAt: null })).toBe(
      'Set by the platform administrator (platform floor for this account)',
    );
    expect(
      lockText({ layer: 'tenant-floor', method: 'authenticator', setBy: 'o@acme.test', setAt: null }),
    ).toBe('Set by o@acme.test (account floor)');
  });

  it('puts field messages of a 400 into words, and the message otherwise', () => {
    const invalid = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'name', messages: ['name must not be empty'] },
          { field: 'graceDays', messages: ['must be at most 365'] },
        ],
      },
    });
    expect(problemText(invalid)).toBe('name must not be empty graceDays: must be at most 365');
    expect(
      problemText(
        new HttpErrorResponse({
          status: 409,
          error: { statusCode: 409, error: 'Conflict', message: 'Taken' },
        }),
      ),
    ).toBe('Taken');
  });
});

import { EffectivePolicy, PolicyLayer, TwoFactorMethod } from '@latchkey/contracts';
import { effectiveOf, effectiveText, graceSentence, whyText } from './effective-policy';
import { floorText } from './floor-lock';
import { tenantPolicy } from './policy.testing';

const POLICY = tenantPolicy({ tenantId: 't' });
const pin = { method: 'pin' as const, graceDays: 3, setBy: 'root@latchkey.test', setAt: null };

function decided(layer: PolicyLayer, method: TwoFactorMethod, graceDays: number): EffectivePolicy {
  return { method, reason: { layer, setBy: null, setAt: null }, floor: 'off', graceDays };
}

describe('effectiveOf', () => {
  it.each([
    ['no floor: the type decides', POLICY, 'off', false, 'off', 'user-type', 5],
    [
      'a platform floor above the type',
      { ...POLICY, platformFloor: pin },
      'off',
      false,
      'pin',
      'platform-floor',
      3,
    ],
    [
      'a floor equal to the type leaves the type',
      { ...POLICY, platformFloor: pin },
      'pin',
      false,
      'pin',
      'user-type',
      5,
    ],
    ['the account floor follows the form', POLICY, 'pin', true, 'authenticator', 'tenant-floor', 7],
    [
      'the platform floor for this account',
      { ...POLICY, tenantPlatformFloor: pin },
      'off',
      false,
      'pin',
      'tenant-platform-floor',
      3,
    ],
    [
      '2FA not switched on',
      { ...POLICY, twoFactorEnabled: false },
      'authenticator',
      true,
      'off',
      'feature-off',
      0,
    ],
  ] as const)('%s', (_, policy, method, mandatoryForAll, expected, layer, grace) => {
    const effective = effectiveOf(policy, { method, graceDays: 5 }, { mandatoryForAll, graceDays: 7 });
    expect([effective.method, effective.reason.layer, effective.graceDays]).toEqual([expected, layer, grace]);
  });
});

describe('the words', () => {
  it('says why, with one name for each floor', () => {
    expect(effectiveText(decided('platform-floor', 'pin', 0), true)).toBe(
      'PIN code — raised by the platform floor',
    );
    expect(whyText(decided('tenant-platform-floor', 'pin', 0), true)).toBe(
      'raised by the platform floor for this account',
    );
    expect(whyText(decided('tenant-floor', 'authenticator', 0), true)).toBe('raised by the account floor');
    expect(whyText(decided('platform-floor', 'pin', 0), false)).toBe('required by the platform floor');
    expect(whyText(decided('user-type', 'off', 0), true)).toBe("this type's setting");
    expect(floorText({ layer: 'tenant-floor', method: 'authenticator', setBy: null, setAt: null })).toBe(
      'Set by an account owner (account floor)',
    );
  });

  it('states the grace of the deciding layer', () => {
    expect(graceSentence([{ name: 'A', effective: decided('tenant-floor', 'authenticator', 7) }])).toBe(
      "Users who must enrol get 7 days (the account floor's grace).",
    );
    expect(graceSentence([{ name: 'A', effective: decided('user-type', 'pin', 1) }])).toBe(
      "Users who must enrol get 1 day (the user type's grace).",
    );
    expect(graceSentence([{ name: 'A', effective: decided('platform-floor', 'pin', 0) }])).toBe(
      "Users who must enrol get no grace: they enrol at their next sign-in (the platform floor's grace).",
    );
    expect(
      graceSentence([
        { name: 'A', effective: decided('user-type', 'pin', 2) },
        { name: 'B', effective: decided('user-type', 'pin', 2) },
        { name: 'C', effective: decided('tenant-platform-floor', 'pin', 4) },
        { name: 'D', effective: decided('user-type', 'off', 9) },
      ]),
    ).toBe(
      "Users who must enrol get — A, B: 2 days (the user type's grace); " +
        'C: 4 days (the grace of the platform floor for this account).',
    );
    expect(graceSentence([])).toBe('No one has to enrol because of this change.');
  });
});

import { EffectivePolicy, PolicyLayer } from '@latchkey/contracts';
import { ownReasonText, remainingText } from './security-text';

function effective(
  layer: PolicyLayer,
  setBy: string | null = null,
  setAt: string | null = null,
): EffectivePolicy {
  return { method: 'authenticator', reason: { layer, setBy, setAt }, floor: 'off', graceDays: 0 };
}

describe('profile security wording', () => {
  it("says in the user's words which layer decided, and who set it when", () => {
    expect(ownReasonText(effective('tenant-floor', 'olivia@acme.test', '2026-11-20T12:00:00Z'))).toBe(
      'Your account owner made two-factor authentication mandatory for all users. Set by olivia@acme.test on 20 Nov 2026.',
    );
    expect(ownReasonText(effective('platform-floor', null, '2026-11-01T12:00:00Z'))).toBe(
      'The platform administrator requires it for every account. Since 1 Nov 2026.',
    );
    expect(ownReasonText(effective('exception', 'olivia@acme.test'))).toBe(
      'Your account owner set it for you personally. Set by olivia@acme.test.',
    );
    expect(ownReasonText(effective('own-choice', 'ann@acme.test', '2026-11-24T10:00:00Z'))).toBe(
      'You switched it on yourself on 24 Nov 2026.',
    );
    expect(ownReasonText(effective('user-type'), 'Employees')).toBe('The policy for Employees asks for it.');
    expect(ownReasonText(effective('user-type'))).toBe('The policy of your user type asks for it.');
    expect(ownReasonText(effective('default'))).toBe('Nothing asks for a second factor.');
    expect(ownReasonText(effective('super-user', 'x', '2026-01-01T00:00:00Z'))).toBe(
      'Platform administrators always sign in with an authenticator app.',
    );
  });

  it('counts the backup codes left', () => {
    expect(remainingText(10)).toBe('10 of 10 backup codes left.');
    expect(remainingText(1)).toBe('1 of 10 backup codes left.');
    expect(remainingText(0)).toBe('No backup codes left.');
  });
});

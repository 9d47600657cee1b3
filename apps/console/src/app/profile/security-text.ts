import { BACKUP_CODE_COUNT, EffectivePolicy, PolicyLayer } from '@latchkey/contracts';
import { formatDay } from '../shared/policy-text';

/** Why the signed-in user has their method, in their own words rather than the owner's. */
const OWN_LAYER_TEXT: Record<PolicyLayer, string> = {
  'super-user': 'Platform administrators always sign in with an authenticator app.',
  'feature-off': 'Two-factor authentication is not switched on for your account.',
  'platform-floor': 'The platform administrator requires it for every account.',
  'tenant-platform-floor': 'The platform administrator requires it for your account.',
  'tenant-floor': 'Your account owner made two-factor authentication mandatory for all users.',
  'user-type': 'The policy of your user type asks for it.',
  exception: 'Your account owner set it for you personally.',
  'own-choice': 'You switched it on yourself.',
  default: 'Nothing asks for a second factor.',
};

/** "The policy for Employees asks for it. Set by olivia@acme.test on 20 Nov 2026." */
export function ownReasonText(effective: EffectivePolicy, userTypeName: string | null = null): string {
  const { layer, setBy, setAt } = effective.reason;
  const text =
    layer === 'user-type' && userTypeName
      ? `The policy for ${userTypeName} asks for it.`
      : OWN_LAYER_TEXT[layer];
  if (layer === 'own-choice') {
    return setAt ? `You switched it on yourself on ${formatDay(setAt)}.` : text;
  }
  if (layer === 'default' || layer === 'super-user') {
    return text;
  }
  if (setBy) {
    return `${text} Set by ${setBy}${setAt ? ` on ${formatDay(setAt)}` : ''}.`;
  }
  return setAt ? `${text} Since ${formatDay(setAt)}.` : text;
}

/** "7 of 10 backup codes left." */
export function remainingText(remaining: number): string {
  if (remaining === 0) {
    return 'No backup codes left.';
  }
  return `${remaining} of ${BACKUP_CODE_COUNT} backup codes left.`;
}

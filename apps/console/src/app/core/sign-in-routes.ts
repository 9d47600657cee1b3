import { SignInState } from '@latchkey/contracts';

/** The second-factor steps; the console shows a placeholder for them until later releases. */
export const FACTOR_STATES = [
  'pin-setup',
  'pin',
  'totp-enrol',
  'totp',
  'handover',
] as const satisfies readonly SignInState[];

/** Where the console shows a sign-in that stands at `state`. */
export function urlForState(state: SignInState): string {
  switch (state) {
    case 'signed-in':
      return '/';
    case 'pick-login':
      return '/sign-in/pick';
    case 'signed-out':
      return '/sign-in';
    default:
      return '/sign-in/step';
  }
}

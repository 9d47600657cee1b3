import { SignInState } from '@latchkey/contracts';
import { urlForState } from '../core/sign-in-routes';

/** The second-factor steps with a page of their own; 'handover' keeps the general step page. */
const STEP_PAGES: Partial<Record<SignInState, string>> = {
  'totp-enrol': '/sign-in/totp-enrol',
  totp: '/sign-in/totp',
  'pin-setup': '/sign-in/pin-setup',
  pin: '/sign-in/pin',
};

/** Where the sign-in pages show a sign-in that stands at `state`. */
export function stepUrl(state: SignInState): string {
  return STEP_PAGES[state] ?? urlForState(state);
}

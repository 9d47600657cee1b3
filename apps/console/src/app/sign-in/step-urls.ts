import { SignInState } from '@latchkey/contracts';
import { urlForState } from '../core/sign-in-routes';

/** The second-factor steps, each with a page of its own. */
const STEP_PAGES: Partial<Record<SignInState, string>> = {
  'totp-enrol': '/sign-in/totp-enrol',
  totp: '/sign-in/totp',
  'pin-setup': '/sign-in/pin-setup',
  pin: '/sign-in/pin',
  handover: '/sign-in/handover',
};

/** Where the sign-in pages show a sign-in that stands at `state`. */
export function stepUrl(state: SignInState): string {
  return STEP_PAGES[state] ?? urlForState(state);
}

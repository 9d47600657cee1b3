import { SignInState } from '@latchkey/contracts';

/** The page of each state a sign-in can stand at: every second-factor step has its own. */
const STATE_URLS: Record<SignInState, string> = {
  'signed-out': '/sign-in',
  'pick-login': '/sign-in/pick',
  'pin-setup': '/sign-in/pin-setup',
  pin: '/sign-in/pin',
  'totp-enrol': '/sign-in/totp-enrol',
  totp: '/sign-in/totp',
  handover: '/sign-in/handover',
  'signed-in': '/',
};

/** Where the console shows a sign-in that stands at `state`. */
export function urlForState(state: SignInState): string {
  return STATE_URLS[state];
}

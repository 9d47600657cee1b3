import { SIGN_IN_PAGES, SignInState } from '@latchkey/contracts';

/** Where the console shows a sign-in that stands at `state`: every second-factor step has its own page. */
export function urlForState(state: SignInState): string {
  return SIGN_IN_PAGES[state];
}

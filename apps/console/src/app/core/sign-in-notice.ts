import { Injectable } from '@angular/core';
import { SESSION_END_MESSAGES } from '@latchkey/contracts';

/** The messages other pages leave for the sign-in page to show. */
export const SignInNotices = {
  signedOut: 'You have signed out.',
  expired: 'Your sign-in expired. Please sign in again.',
  /**
   * A call answered 401 while signed in, without a reason: the session ended under the person and
   * the API cannot say why (its time ran out, or its record is gone), so this names the likely
   * causes.
   */
  sessionEnded:
    'You were signed out: your session ended (an account owner may have reset your sign-in or signed you out). Sign in again.',
  /**
   * A call answered 401 while signed in, with the reason the API recorded when it ended the
   * session (`sessionEnded`): one sentence per reason, the API's own words.
   */
  sessionEndedBecause: SESSION_END_MESSAGES,
  signedOutEverywhere: 'You have signed out everywhere. Remembered browsers will ask for your code again.',
  appLinkExpired:
    'This sign-in link has expired or was opened in another browser. Go back to the application and sign in again.',
} as const;

/** A one-shot message for the sign-in page ("You have signed out."), read once and then gone. */
@Injectable({ providedIn: 'root' })
export class SignInNotice {
  private message: string | null = null;

  set(message: string): void {
    this.message = message;
  }

  take(): string | null {
    const message = this.message;
    this.message = null;
    return message;
  }
}

import type { ErrorCode, ErrorParams } from './error-codes';

/** One field's problems in a 400 answer. */
export interface FieldError {
  field: string;
  messages: string[];
  /**
   * A stable code for each message, in the same order: `field.<rule>` for a validation rule
   * (class-validator's constraint in kebab case, e.g. `field.is-email`), `field.invalid` for
   * a field refused by a service's own check.
   */
  codes?: string[];
}

/**
 * The body of every error answer. `code` and `params` say what went wrong in a form the console
 * words in the person's language (`ERROR_MESSAGES` in error-codes.ts); `message` is the English.
 * `errors` is present on validation failures (400).
 */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: ErrorCode;
  params: ErrorParams;
  errors?: FieldError[];
  /**
   * On a 401 from a signed-in route whose session was ended server-side (the browser still sends
   * its signed cookie): why it ended. Absent when the session timed out or its cookie is unknown.
   */
  sessionEnded?: SessionEndReason;
}

/**
 * Why a session was ended under its person, recorded when it is revoked:
 * - `reset`: an account owner reset the login's second factor;
 * - `signed-out-by-owner`: an account owner signed the login out ("sign out now" with an
 *   exception, or the bulk sign-out);
 * - `deactivated`: the login was deactivated;
 * - `policy-changed`: a policy change signed the affected users out at once;
 * - `account-suspended`: a super user suspended the account;
 * - `signed-out-everywhere`: the person signed out everywhere from another browser.
 */
export const SESSION_END_REASONS = [
  'reset',
  'signed-out-by-owner',
  'deactivated',
  'policy-changed',
  'account-suspended',
  'signed-out-everywhere',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** Each reason in words, for the person it signed out: the 401's message and the sign-in page's notice. */
export const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  reset: 'An account owner reset your sign-in. Sign in again to set up your second factor.',
  'signed-out-by-owner': 'An account owner signed you out. Sign in again.',
  deactivated:
    'An account owner deactivated your login, which signed you out. Ask them if you need it again.',
  'policy-changed': "Your account's security settings changed and signed you out. Sign in again.",
  'account-suspended': 'Your account was suspended, which signed you out. Ask your account owner.',
  'signed-out-everywhere': 'You signed out everywhere from another browser. Sign in again.',
};

/** The body of a 401 that says why the session ended (see `ApiErrorBody.sessionEnded`). */
export interface SessionEndedBody extends ApiErrorBody {
  sessionEnded: SessionEndReason;
}

export interface HealthAnswer {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}

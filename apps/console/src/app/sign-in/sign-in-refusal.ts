import { apiErrorBody, readApiError } from '../core/api-error';

export const REFUSED_FOR_NOW = 'This sign-in is refused for now. Please try again later.';
export const LOCKED_UNTIL_UNLOCKED =
  'This login is locked after too many failed attempts. Ask your account owner to unlock it.';

/**
 * The words for a refusal of the password or pick step that is not about a wrong password:
 * 423 (too many attempts for this email: wait, or locked until unlocked) and 403 (for example
 * another sign-in is enrolling this login with the one-time code). Null for any other failure.
 */
export function signInRefusal(error: unknown, now: Date = new Date()): string | null {
  const problem = readApiError(error);
  if (problem.status === 403) {
    return problem.message ?? REFUSED_FOR_NOW;
  }
  if (problem.status !== 423) {
    return null;
  }
  const lockedUntil = lockedUntilOf(error);
  if (lockedUntil === null) {
    return problem.message ?? LOCKED_UNTIL_UNLOCKED;
  }
  const end = lockedUntil === undefined ? Number.NaN : Date.parse(lockedUntil);
  const seconds = Number.isNaN(end)
    ? problem.retryAfter
    : Math.max(1, Math.ceil((end - now.getTime()) / 1000));
  return seconds
    ? `Too many sign-in attempts for this email. Try again in ${waitText(seconds)}.`
    : (problem.message ?? 'Too many sign-in attempts for this email. Please try again in a few minutes.');
}

/** "45 seconds" under two minutes, then whole minutes ("15 minutes"). */
export function waitText(seconds: number): string {
  if (seconds < 120) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The body's `lockedUntil`: an ISO time, null (until unlocked), or undefined when it says nothing. */
function lockedUntilOf(error: unknown): string | null | undefined {
  const value = apiErrorBody(error)?.['lockedUntil'];
  return value === null || typeof value === 'string' ? value : undefined;
}

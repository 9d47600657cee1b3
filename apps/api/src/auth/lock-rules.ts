import type { Login } from '../directory/login.entity';

/** Failures before the first wait; each further failure doubles the wait, up to the longest. */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;
/** At this many consecutive failures only an owner can unlock the login. */
export const HARD_CAP = 20;

/** How long a login waits after this many consecutive failures (0: not yet). */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES));
}

export interface LockState {
  message: string;
  /** ISO time the wait ends; null when only an owner can unlock. */
  lockedUntil: string | null;
}

/** Whether a login is locked now, and what to tell the person. */
export function lockStateOf(
  login: Pick<Login, 'lockedOut' | 'lockedUntil'>,
  now = new Date(),
): LockState | null {
  if (login.lockedOut) {
    return {
      message: 'This login is locked after too many failed attempts. Ask your account owner to unlock it.',
      lockedUntil: null,
    };
  }
  if (login.lockedUntil && login.lockedUntil.getTime() > now.getTime()) {
    const seconds = Math.ceil((login.lockedUntil.getTime() - now.getTime()) / 1000);
    return {
      message: `Too many failed attempts: try again in ${seconds} seconds.`,
      lockedUntil: login.lockedUntil.toISOString(),
    };
  }
  return null;
}

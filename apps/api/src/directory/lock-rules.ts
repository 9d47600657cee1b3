import type { Login } from '../directory/login.entity';

/** Failures before the first wait; each further failure doubles the wait, up to the longest. */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;
/**
 * At this many consecutive second-factor failures only an owner or a super user can unlock the
 * login. Password failures never get there: they only make the email wait (DESIGN.md §12).
 */
export const HARD_CAP = 20;

/** The lock columns of a login that is not locked: what a proven factor and an unlock write. */
export const NOT_LOCKED = { failedAttempts: 0, lockedUntil: null, lockedOut: false } as const;

/** How long a login waits after this many consecutive failures (0: not yet). */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES));
}

/**
 * The SQL expression of the wait a reservation starts, as a CASE over the new failure count
 * (`count`): `:waitN` parameters hold the end of each possible wait, from `waitParameters`.
 * Answers `otherwise` while the count is below the first wait.
 */
export function waitEndCase(count: string, otherwise: string, postgres: boolean): string {
  // PostgreSQL would type a bare parameter beside NULL as text.
  const at = (name: string) => (postgres ? `CAST(:${name} AS timestamptz)` : `:${name}`);
  const branches: string[] = [];
  for (let n = FREE_FAILURES; waitAfter(n) < LONGEST_WAIT_MS; n++)
    branches.push(`WHEN ${count} = ${n} THEN ${at(`wait${n}`)}`);
  return `CASE WHEN ${count} < ${FREE_FAILURES} THEN ${otherwise} ${branches.join(' ')} ELSE ${at('waitLongest')} END`;
}

/** The `:waitN` parameters of `waitEndCase`, measured from `now`. */
export function waitParameters(now: Date): Record<string, Date> {
  const params: Record<string, Date> = { waitLongest: new Date(now.getTime() + LONGEST_WAIT_MS) };
  for (let n = FREE_FAILURES; waitAfter(n) < LONGEST_WAIT_MS; n++)
    params[`wait${n}`] = new Date(now.getTime() + waitAfter(n));
  return params;
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
    return {
      message: `Too many failed attempts: try again in ${secondsUntil(login.lockedUntil, now)} seconds.`,
      lockedUntil: login.lockedUntil.toISOString(),
    };
  }
  return null;
}

export function secondsUntil(end: Date, now: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
}

import { TWO_FACTOR_METHODS, type TwoFactorMethod } from '@latchkey/contracts';

/** Rank of a method: off 0 < pin 1 < authenticator 2. */
export function methodRank(method: TwoFactorMethod): number {
  return TWO_FACTOR_METHODS.indexOf(method);
}

/** The stronger of two methods. */
export function strongerOf(a: TwoFactorMethod, b: TwoFactorMethod): TwoFactorMethod {
  return methodRank(a) >= methodRank(b) ? a : b;
}

/** True when `method` is at least as strong as `floor`. */
export function meetsFloor(method: TwoFactorMethod, floor: TwoFactorMethod): boolean {
  return methodRank(method) >= methodRank(floor);
}

/**
 * The strongest of `items` by the method each names; on a tie the earlier one (list the higher
 * authority first) wins. Null for an empty list. One rule for the resolver's floors, the API's
 * `lockedBy` and the console's live locks.
 */
export function strongest<T>(items: readonly T[], methodOf: (item: T) => TwoFactorMethod): T | null {
  let best: T | null = null;
  for (const item of items) {
    if (best === null || methodRank(methodOf(item)) > methodRank(methodOf(best))) best = item;
  }
  return best;
}

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

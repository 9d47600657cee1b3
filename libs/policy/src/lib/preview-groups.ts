import type { FloorLock, PreviewGroupName, TwoFactorMethod } from '@latchkey/contracts';
import { isEnrolled, type Enrolment } from './factor-step';
import { methodRank } from './methods';

/** Which change group a login falls in, or null when its effective method stays. */
export function changeGroupOf(
  before: TwoFactorMethod,
  after: TwoFactorMethod,
  enrolment: Enrolment,
): Exclude<PreviewGroupName, 'browsers-forgotten'> | null {
  if (before === after) return null;
  if (!isEnrolled(after, enrolment)) return 'must-enrol';
  return methodRank(after) > methodRank(before) ? 'already-compliant' : 'relaxed';
}

/** A method as a sentence names what it asks for: "requires a PIN". */
export const METHOD_WORDS: Record<TwoFactorMethod, string> = {
  off: 'no second factor',
  pin: 'a PIN',
  authenticator: 'the authenticator app',
};

/** One name for each floor, everywhere in the console. */
export const FLOOR_NAMES: Record<FloorLock['layer'], string> = {
  'platform-floor': 'The platform floor',
  'tenant-platform-floor': 'The platform floor for this account',
  'tenant-floor': 'The account floor',
};

/** What the preview knows when it says why a group is empty. */
export interface EmptyGroupFacts {
  /** Something in the form changes a method or "mandatory for all". */
  proposes: boolean;
  /** Logins of the user types the change touches. */
  loginsTouched: number;
  /** The strongest floor over the user types, if any. */
  floor: FloorLock | null;
  /** The strongest method proposed for a user type. */
  strongestProposed: TwoFactorMethod | null;
  changed: number;
  raised: number;
  lowered: number;
  /** A user type's method or "mandatory for all" goes up: remembered browsers are forgotten. */
  raisesPolicy: boolean;
}

/** Why a group of the preview is empty, in a sentence for the owner; null when it is not. */
export function whyEmpty(group: PreviewGroupName, count: number, facts: EmptyGroupFacts): string | null {
  if (count > 0) return null;
  if (group === 'browsers-forgotten')
    return facts.raisesPolicy
      ? 'No browser of these logins is remembered.'
      : 'Only raising a method forgets remembered browsers.';
  if (facts.changed === 0) {
    if (!facts.proposes) return 'Nothing in the form changes who must use what.';
    if (facts.loginsTouched === 0) return 'No logins of these user types yet.';
    const floor = facts.floor;
    if (floor && facts.strongestProposed && methodRank(floor.method) >= methodRank(facts.strongestProposed))
      return `${FLOOR_NAMES[floor.layer]} already requires ${METHOD_WORDS[floor.method]}.`;
    return 'Exceptions or the settings in force already give these logins this method.';
  }
  switch (group) {
    case 'must-enrol':
      return 'Everyone whose method changes already has the factor it asks for.';
    case 'already-compliant':
      return facts.raised === 0
        ? 'The change asks no one for more.'
        : 'No one asked for more has that factor yet.';
    case 'relaxed':
      return facts.lowered === 0
        ? 'The change asks no one for less.'
        : 'Everyone asked for less must still set up a factor.';
  }
}

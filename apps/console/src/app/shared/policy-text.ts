import {
  EffectivePolicy,
  FloorLock,
  PolicyLayer,
  TWO_FACTOR_METHODS,
  TwoFactorMethod,
} from '@latchkey/contracts';
import { methodRank } from '@latchkey/policy';

/** The methods strongest first: the order of the drop-downs (their words are contracts' METHOD_LABELS). */
export const METHODS_STRONGEST_FIRST: readonly TwoFactorMethod[] = [...TWO_FACTOR_METHODS].reverse();

/** Which layer decided a login's method, in words. */
export const LAYER_LABELS: Record<PolicyLayer, string> = {
  'super-user': 'Platform super user',
  'feature-off': '2FA not switched on',
  'platform-floor': 'Platform floor',
  'tenant-platform-floor': 'Platform floor for this account',
  'tenant-floor': 'Account floor',
  'user-type': 'User type policy',
  exception: 'Exception for this user',
  'own-choice': 'Chosen by the user',
  default: 'No policy',
};

// Intl rather than Angular's formatDate: that one would pull its locale data into the initial bundle.
const DAY_PARTS = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric' });

/** "20 Nov 2026", in the browser's time zone. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const parts = new Map(DAY_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.get('day')} ${parts.get('month')} ${parts.get('year')}`;
}

/** "20 Nov 2026, 14:05", in the browser's time zone. */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDay(iso)}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Why a login has its method: "Set by olivia@acme.test on 20 Nov 2026 (user type policy)". */
export function reasonText(effective: EffectivePolicy): string {
  const { layer, setBy, setAt } = effective.reason;
  const label = LAYER_LABELS[layer];
  if (!setBy) {
    return setAt ? `${label}, since ${formatDay(setAt)}` : label;
  }
  const when = setAt ? ` on ${formatDay(setAt)}` : '';
  return `Set by ${setBy}${when} (${lowerFirst(label)})`;
}

/**
 * Who fixed a minimum, with the floor's one name: "Set by platform@latchkey.test (platform
 * floor)", "(platform floor for this account)" or "(account floor)".
 */
export function lockText(lock: FloorLock): string {
  const accountFloor = lock.layer === 'tenant-floor';
  const who = lock.setBy ?? (accountFloor ? 'an account owner' : 'the platform administrator');
  return `Set by ${who} (${lowerFirst(LAYER_LABELS[lock.layer])})`;
}

/** True when `method` is weaker than the minimum a lock or floor fixes. */
export function belowMinimum(method: TwoFactorMethod, minimum: TwoFactorMethod | null | undefined): boolean {
  return !!minimum && methodRank(method) < methodRank(minimum);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

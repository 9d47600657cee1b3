import type { TwoFactorMethod } from './enums';

/** The layers of DESIGN.md §2, and the two fixed rules beside them. */
export const POLICY_LAYERS = [
  'super-user',
  'feature-off',
  'platform-floor',
  'tenant-platform-floor',
  'tenant-floor',
  'user-type',
  'exception',
  'own-choice',
  'default',
] as const;
export type PolicyLayer = (typeof POLICY_LAYERS)[number];

/** Why a login has the method it has: which layer decided, who set it, when (ISO 8601). */
export interface PolicyReason {
  layer: PolicyLayer;
  setBy: string | null;
  setAt: string | null;
}

/** The resolver's answer for one login. */
export interface EffectivePolicy {
  method: TwoFactorMethod;
  reason: PolicyReason;
  /** The lowest method anything below the floors may choose (exceptions, own choice). */
  floor: TwoFactorMethod;
  /** Days a user may postpone enrolment under the deciding layer; 0 = at once. */
  graceDays: number;
}

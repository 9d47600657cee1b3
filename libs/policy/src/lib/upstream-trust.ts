import type { Role, TwoFactorMethod, UpstreamFactorReason, UpstreamTrust } from '@latchkey/contracts';

/** What the upstream provider's ID token says of its sign-in. */
export interface UpstreamProof {
  amr?: readonly string[];
  acr?: string;
  /** Epoch seconds. */
  authTime?: number;
}

/** Whether Latchkey asks its own factor after an upstream sign-in, and why. */
export interface UpstreamFactorDecision {
  ask: boolean;
  reason: UpstreamFactorReason;
  /** The `amr` or `acr` value that proved the upstream MFA, when it was trusted. */
  matched?: string;
}

export interface UpstreamContext {
  nowSeconds: number;
  role: Role;
  /** The strongest floor set above the owner (the platform's, for all or for this tenant). */
  floorAboveOwner: TwoFactorMethod;
}

/**
 * Per-connection trust of the second factor (DESIGN §11). Pure: the caller reads the token, the
 * clock and the floors. When `ask` is true the tenant's policy decides the factor as for any
 * sign-in (which may be none); when false the sign-in needs no factor of Latchkey's.
 */
export function upstreamFactorDecision(
  trust: UpstreamTrust,
  proof: UpstreamProof,
  ctx: UpstreamContext,
): UpstreamFactorDecision {
  if (ctx.role === 'super') return { ask: true, reason: 'super-user' };
  if (trust.mode === 'always-ask') return { ask: true, reason: 'always-ask' };
  if (trust.mode === 'never-ask') {
    return ctx.floorAboveOwner === 'off'
      ? { ask: false, reason: 'never-ask' }
      : { ask: true, reason: 'floor-requires-factor' };
  }
  const matched =
    proof.amr?.find((value) => trust.amrValues.includes(value)) ??
    (proof.acr !== undefined && trust.acrValues.includes(proof.acr) ? proof.acr : undefined);
  if (matched === undefined) return { ask: true, reason: 'no-trusted-mfa' };
  if (trust.maxAuthAgeSeconds !== null) {
    const age = proof.authTime === undefined ? Infinity : ctx.nowSeconds - proof.authTime;
    if (age > trust.maxAuthAgeSeconds) return { ask: true, reason: 'mfa-too-old' };
  }
  return { ask: false, reason: 'upstream-mfa-trusted', matched };
}

/**
 * Why a connection may not be saved as `never-ask`, or null: a floor above the owner asks for a
 * factor, which no owner's setting may skip.
 */
export function neverAskProblem(
  trust: Pick<UpstreamTrust, 'mode'>,
  floorAboveOwner: TwoFactorMethod,
): string | null {
  if (trust.mode !== 'never-ask' || floorAboveOwner === 'off') return null;
  return `"Never ask" is not allowed: the platform requires at least ${floorAboveOwner === 'pin' ? 'a PIN' : 'the authenticator'} for this account`;
}

/**
 * A tenant's own OpenID provider (DESIGN §11): how far its sign-ins are trusted to have met the
 * second factor. `always-ask` (the default) asks Latchkey's factor after every upstream sign-in;
 * `trust-mfa` skips it when the upstream ID token proves MFA by `amr` or `acr` (optionally only a
 * recent one); `never-ask` skips it always, refused wherever a floor above the owner asks for a
 * factor and never for super users.
 */
export const UPSTREAM_TRUST_MODES = ['always-ask', 'trust-mfa', 'never-ask'] as const;
export type UpstreamTrustMode = (typeof UPSTREAM_TRUST_MODES)[number];

export const UPSTREAM_TRUST_LABELS: Record<UpstreamTrustMode, string> = {
  'always-ask': "Always ask Latchkey's second factor",
  'trust-mfa': "Trust the provider's MFA when its token proves it",
  'never-ask': 'Never ask a second factor after this provider',
};

/** What a connection says of trust: the mode, and for `trust-mfa` the proofs it accepts. */
export interface UpstreamTrust {
  mode: UpstreamTrustMode;
  /** `amr` values any one of which proves MFA (e.g. `mfa`, `otp`, `hwk`). */
  amrValues: string[];
  /** `acr` values that prove MFA. */
  acrValues: string[];
  /** Only an MFA at most this many seconds old (by `auth_time`); null: any age. */
  maxAuthAgeSeconds: number | null;
}

/** Why Latchkey asked (or did not ask) its own factor after an upstream sign-in, for the audit log. */
export type UpstreamFactorReason =
  | 'always-ask'
  | 'no-trusted-mfa'
  | 'mfa-too-old'
  | 'super-user'
  | 'floor-requires-factor'
  | 'upstream-mfa-trusted'
  | 'never-ask';

export const UPSTREAM_FACTOR_REASON_TEXT: Record<UpstreamFactorReason, string> = {
  'always-ask': "the provider is set to always ask Latchkey's factor",
  'no-trusted-mfa': "the provider's token proved no MFA the connection trusts",
  'mfa-too-old': "the provider's MFA was older than the connection accepts",
  'super-user': 'super users always meet their own factor',
  'floor-requires-factor': 'a floor above the owner requires a factor',
  'upstream-mfa-trusted': "the provider's MFA was trusted",
  'never-ask': 'the provider is set to never ask',
};

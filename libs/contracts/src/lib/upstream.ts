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
  | 'never-ask'
  | 'application-asked';

export const UPSTREAM_FACTOR_REASON_TEXT: Record<UpstreamFactorReason, string> = {
  'always-ask': "the provider is set to always ask Latchkey's factor",
  'no-trusted-mfa': "the provider's token proved no MFA the connection trusts",
  'mfa-too-old': "the provider's MFA was older than the connection accepts",
  'super-user': 'super users always meet their own factor',
  'floor-requires-factor': 'a floor above the owner requires a factor',
  'upstream-mfa-trusted': "the provider's MFA was trusted",
  'never-ask': 'the provider is set to never ask',
  'application-asked': "the application asked for Latchkey's own factor",
};

/** How many email domains one connection may route. */
export const MAX_CONNECTION_DOMAINS = 20;
export const MAX_CONNECTION_NAME_LENGTH = 100;

/** An email domain as a connection routes it: lower case, at least one dot, no `@`. */
export const EMAIL_DOMAIN_PATTERN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Why an issuer URL is refused, or null: absolute `https` (http only on this machine, for
 * development), no query, no fragment, no credentials. The API and the console check the same rule.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be an absolute URL, like https://login.example.com';
  }
  if (url.search || url.hash) return 'may not carry a query or a fragment';
  if (url.username || url.password) return 'may not contain a user name or password';
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return null;
  return 'must use https (http only for localhost)';
}

/** GET /tenants/:tenantId/connections: a tenant's upstream OpenID provider (its secret never shown). */
export interface ConnectionView {
  id: string;
  tenantId: string;
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  /** Emails of these domains are offered this provider on the sign-in page. */
  emailDomains: string[];
  /** The user types whose logins may sign in through it; null: every type. */
  allowedUserTypeIds: string[] | null;
  trust: UpstreamTrust;
  /** A first sign-in with no login yet creates one of this user type; null: no just-in-time logins. */
  jitUserTypeId: string | null;
  /** Whether emails of its domains may still sign in with a password. */
  passwordAllowed: boolean;
  enabled: boolean;
  /** Where the provider sends the browser back (register it at the provider). */
  redirectUri: string;
  createdAt: string;
  updatedAt: string;
}

/** POST /tenants/:tenantId/connections */
export interface CreateConnectionRequest {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  emailDomains: string[];
  allowedUserTypeIds?: string[] | null;
  trust?: UpstreamTrust;
  jitUserTypeId?: string | null;
  passwordAllowed?: boolean;
  enabled?: boolean;
}

/** PATCH /tenants/:tenantId/connections/:connectionId: what is sent changes (a new secret too). */
export type UpdateConnectionRequest = Partial<CreateConnectionRequest>;

/** POST …/connections/:connectionId/test: what fetching the issuer's discovery document found. */
export interface ConnectionTestAnswer {
  ok: boolean;
  /** In words: what is wrong (unreachable, not an issuer, no code flow), or what was found. */
  message: string;
}

/** The scopes a connection asks its provider for unless the owner says otherwise. */
export const DEFAULT_CONNECTION_SCOPES: readonly string[] = ['openid', 'email', 'profile'];
export const MAX_CONNECTION_SCOPES = 20;
/** How many `amr` (or `acr`) values one connection may trust. */
export const MAX_TRUST_VALUES = 20;
/** The youngest and oldest limit an owner may set on the age of a trusted upstream MFA, in seconds. */
export const MIN_TRUST_MAX_AGE_SECONDS = 60;
export const MAX_TRUST_MAX_AGE_SECONDS = 30 * 86_400;

/** A new connection's trust: always ask Latchkey's factor. */
export const DEFAULT_UPSTREAM_TRUST: UpstreamTrust = {
  mode: 'always-ask',
  amrValues: [],
  acrValues: [],
  maxAuthAgeSeconds: null,
};

/**
 * A scope, or an `amr` or `acr` value a connection trusts: printable ASCII without space, quote or
 * backslash (RFC 6749's scope-token; `acr` values are often URIs, which fit).
 */
export const SCOPE_TOKEN_PATTERN = /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/;

/** Why an email domain (lower case, as stored) is refused, or null. The API and the console agree. */
export function emailDomainProblem(domain: string): string | null {
  if (domain.includes('@')) return 'must be the part after the @ only, like example.com';
  return EMAIL_DOMAIN_PATTERN.test(domain) ? null : 'is not an email domain like example.com';
}

/** POST /auth/upstream/discover: the tenants' providers an email may continue with. */
export interface UpstreamDiscoverRequest {
  email: string;
}

export interface UpstreamOption {
  connectionId: string;
  name: string;
  tenantName: string;
}

/** The console's sign-in link of an account: the page shows the account's providers at once. */
export const tenantSignInLink = (origin: string, tenantId: string) =>
  `${origin}/sign-in?tenant=${encodeURIComponent(tenantId)}`;

/** POST /auth/upstream/discover, GET /auth/upstream/tenants/:tenantId. */
export interface UpstreamDiscoverAnswer {
  providers: UpstreamOption[];
  /** False when a provider routing this email's domain turned password sign-in off. */
  passwordAllowed: boolean;
}

/**
 * Why a sign-in through a tenant's provider ended without a session, as `/sign-in?notice=…`
 * names it; the sign-in page shows the words.
 */
export const UPSTREAM_NOTICES = {
  'upstream-expired':
    'That sign-in through your organisation’s provider expired or was already used. Start again.',
  'upstream-unavailable': 'Your organisation’s provider did not answer in time. Try again in a moment.',
  'upstream-invalid':
    'Your organisation’s provider sent an answer Latchkey cannot trust. Nothing was signed in.',
  'upstream-denied': 'Your organisation’s provider did not sign you in.',
  'upstream-unverified-email':
    'Your organisation’s provider did not confirm your email address, so Latchkey cannot match it.',
  'upstream-no-login': 'There is no login for this email in that account. Ask your account owner.',
  'upstream-disabled': 'That sign-in provider is turned off. Sign in another way, or ask your account owner.',
  'upstream-refused': 'This sign-in cannot go on. Ask your account owner.',
} as const;
export type UpstreamNotice = keyof typeof UPSTREAM_NOTICES;

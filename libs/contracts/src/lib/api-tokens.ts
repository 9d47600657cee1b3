/**
 * Tenant API tokens (DESIGN §10, Provisioning): the vendor's back end calls the owner routes of
 * one tenant with `Authorization: Bearer <token>`, within the token's scopes. A token is shown
 * once; only its SHA-256 is kept (it is 256 random bits, not a password).
 */
export const API_TOKEN_SCOPES = ['users:read', 'users:write', 'policy:read', 'policy:write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A scope's name in the console's words. */
export const API_TOKEN_SCOPE_LABELS: Readonly<Record<ApiTokenScope, string>> = {
  'users:read': 'Read users',
  'users:write': 'Change users',
  'policy:read': 'Read policy',
  'policy:write': 'Change policy',
};

/** What each scope lets a token do, in a line. */
export const API_TOKEN_SCOPE_HINTS: Readonly<Record<ApiTokenScope, string>> = {
  'users:read': 'List the logins with their method and state.',
  'users:write': 'Create logins, set exceptions, reset and unlock them (and read them).',
  'policy:read': 'Read the account policy and the user types, preview a change.',
  'policy:write': 'Create and rename user types, set their policy and the account policy (and read them).',
};

/** Every token starts with this, so that a leaked one is easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'lk_';
/** `lk_` and 32 random bytes in base64url. */
export const API_TOKEN_PATTERN = /^lk_[A-Za-z0-9_-]{43}$/;
export const MAX_API_TOKEN_NAME_LENGTH = 100;

export function isApiTokenScope(value: unknown): value is ApiTokenScope {
  return typeof value === 'string' && (API_TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Whether a token holding `scopes` may use a route that needs `needed`: a write scope includes its read. */
export function tokenGrants(scopes: readonly ApiTokenScope[], needed: ApiTokenScope): boolean {
  if (scopes.includes(needed)) return true;
  const [area, access] = needed.split(':');
  return access === 'read' && scopes.includes(`${area}:write` as ApiTokenScope);
}

/** A token's state at `now`: revoked wins over expired. */
export type ApiTokenState = 'active' | 'expired' | 'revoked';

export function apiTokenState(
  token: Pick<ApiTokenView, 'revokedAt' | 'expiresAt'>,
  now: Date = new Date(),
): ApiTokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** GET /tenants/:tenantId/api-tokens: a token without its secret (revoked ones stay listed). */
export interface ApiTokenView {
  id: string;
  tenantId: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  /** The email of the owner who made it (null when that login is gone). */
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Accurate to a minute: a token's use is written at most once a minute. */
  lastUsedAt: string | null;
}

/** POST /tenants/:tenantId/api-tokens */
export interface CreateApiTokenRequest {
  name: string;
  scopes: ApiTokenScope[];
  /** ISO 8601, in the future; absent or null: it does not expire. */
  expiresAt?: string | null;
}

/** The answer of a create: the token's secret, shown this once. */
export interface ApiTokenCreatedAnswer {
  token: ApiTokenView;
  secret: string;
}

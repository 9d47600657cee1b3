import type { TwoFactorMethod } from './enums';

/**
 * A tenant's application that signs its users in through Latchkey (OpenID Connect, DESIGN §10).
 * Public applications (a single-page or mobile app) have no secret and must use PKCE;
 * confidential ones (a server) authenticate with a client secret, shown once.
 */
export const APPLICATION_KINDS = ['public', 'confidential'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** How many redirect URIs of each kind an application may register. */
export const MAX_REDIRECT_URIS = 10;
/** The longest redirect URI accepted. */
export const MAX_REDIRECT_URI_LENGTH = 2000;
export const MAX_APPLICATION_NAME_LENGTH = 100;

/**
 * Why a redirect URI is refused, or null when it is acceptable: absolute `https`, or `http` on
 * this machine (`localhost`, `127.0.0.1`, `[::1]`) for development; no fragment, no wildcard,
 * no user name or password. The API and the console check the same rule.
 */
export function redirectUriProblem(uri: string): string | null {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `is longer than ${MAX_REDIRECT_URI_LENGTH} characters`;
  if (uri.includes('*')) return 'may not contain a wildcard (*)';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URL, like https://app.example.com/callback';
  }
  if (uri.includes('#')) return 'may not contain a fragment (#)';
  if (url.username || url.password) return 'may not contain a user name or password';
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && local) return null;
  return url.protocol === 'http:'
    ? 'must use https (http only for localhost)'
    : 'must be an https address (http only for localhost)';
}

/** GET /tenants/:tenantId/applications (and the platform's list, with the tenant named). */
export interface ApplicationView {
  /** The OpenID Connect client_id. */
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  kind: ApplicationKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The user types whose logins may sign in to it; null for every user type of the tenant. */
  allowedUserTypeIds: string[] | null;
  /** When the current client secret was made (confidential applications). */
  secretSetAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** POST /tenants/:tenantId/applications */
export interface CreateApplicationRequest {
  name: string;
  kind: ApplicationKind;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  allowedUserTypeIds?: string[] | null;
}

/** PATCH /tenants/:tenantId/applications/:applicationId: what is sent changes, the rest stays. */
export type UpdateApplicationRequest = Partial<Omit<CreateApplicationRequest, 'kind'>>;

/**
 * The answer of a create or a secret rotation: the client secret of a confidential
 * application, shown this once (only its hash is kept); null for a public one.
 */
export interface ApplicationCreatedAnswer {
  application: ApplicationView;
  clientSecret: string | null;
}

/**
 * The `acr` values of Latchkey's tokens, one per second-factor method: the ID token names the
 * method proven in the sign-in; an application asks for at least one with `acr_values` (step-up).
 */
export const ACR_OF_METHOD = {
  off: 'urn:latchkey:method:none',
  pin: 'urn:latchkey:method:pin',
  authenticator: 'urn:latchkey:method:authenticator',
} as const satisfies Record<TwoFactorMethod, string>;
/** The `acr` of a sign-in whose second factor was the tenant's own provider's MFA, trusted (DESIGN §11). */
export const ACR_UPSTREAM_MFA = 'urn:latchkey:upstream:mfa';
export const ACR_VALUES = [...Object.values(ACR_OF_METHOD), ACR_UPSTREAM_MFA];

/** The method an `acr` value names, or null for a value Latchkey does not know. */
export function methodOfAcr(acr: string): TwoFactorMethod | null {
  const found = (Object.keys(ACR_OF_METHOD) as TwoFactorMethod[]).find((m) => ACR_OF_METHOD[m] === acr);
  return found ?? null;
}

/** Which application a pending sign-in will return to, as the sign-in pages name it. */
export interface AppSignInView {
  applicationName: string;
  tenantName: string;
}

/**
 * The query (`/sign-in?notice=…`) with which the API sends a browser whose application sign-in it
 * cannot take over (the link expired, or was opened in another browser): the page says so.
 */
export const APP_LINK_EXPIRED_NOTICE = 'app-link-expired';

import { INTERACTION_TTL_SECONDS } from '../oidc/interaction-ttl';
import type { Identity } from '../directory/identity.entity';
import type { LoginView } from '../directory/directory.service';
import type {
  HandoverKind,
  PendingSignInState,
  Role,
  TwoFactorMethod,
  UpstreamTrust,
} from '@latchkey/contracts';

/** A sign-in that is still waiting for a step; it may only call that step's endpoints. */
export interface PendingSignIn {
  stage: PendingSignInState;
  /**
   * One sign-in from its password to its end, across the session ids it rotates through: what a
   * step earns (a handover grant, a pending authenticator secret) belongs to this flow.
   */
  flowId: string;
  identityId: string;
  /** Logins the password unlocked; the picker may choose only among these. */
  candidates: string[];
  /** Set once a login is chosen. */
  loginId: string | null;
  tenantId: string | null;
  /** Epoch ms until which enrolment may be postponed; null when it cannot be. */
  deadline: number | null;
  /** Days a successful code may remember this browser for (0: it may not). */
  rememberDays?: number;
  /** At the handover step: why the code is asked for. */
  handover?: HandoverKind;
  /** A sign-in through the tenant's own provider: what it proved, and how far it is trusted. */
  upstream?: UpstreamProofHeld;
  /** Epoch ms after which the pending sign-in is void. */
  expiresAt: number;
}

/** A finished sign-in. `tenantId` is null for the platform console. */
export interface SignedIn {
  stage: 'signed-in';
  /** The flow that signed in; absent on sessions made before flows existed. */
  flowId?: string;
  identityId: string;
  email: string;
  loginId: string;
  tenantId: string | null;
  role: Role;
  signedInAt: number;
  /** The second factor proven in this sign-in ('off': none; absent on older sessions). */
  factor?: TwoFactorMethod;
  /** Signed in through the tenant's own provider: its `amr`, and whether its MFA stood for ours. */
  upstream?: { connectionName: string; amr: string[]; trusted: boolean };
}

/** What a sign-in through a tenant's provider carries to the factor decision (DESIGN §11). */
export interface UpstreamProofHeld {
  connectionId: string;
  connectionName: string;
  tenantId: string;
  /** The user types the connection admits; null: all. */
  allowedUserTypeIds: string[] | null;
  trust: UpstreamTrust;
  amr: string[];
  acr: string | null;
  /** Epoch seconds, from the provider's ID token. */
  authTime: number | null;
}

/** The browser is at a tenant's provider: what its way back must match (state, nonce, PKCE). */
export interface PendingUpstream {
  connectionId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch ms after which the way back is refused. */
  expiresAt: number;
}

/**
 * An application's sign-in under way (the OpenID provider's interaction, DESIGN §10): kept on the
 * session beside the sign-in state, across its rotations, until the sign-in finishes.
 */
export interface AppSignIn {
  /** The provider's interaction. */
  uid: string;
  clientId: string;
  applicationName: string;
  tenantId: string;
  tenantName: string;
  /** The user types the application admits; null: all of the tenant's. */
  userTypeIds: string[] | null;
  /** The least factor the application asked for with `acr_values`; null when it asked none. */
  required: TwoFactorMethod | null;
}

export type SignInSession = PendingSignIn | SignedIn;

declare module 'express-session' {
  interface SessionData {
    signIn?: SignInSession;
    app?: AppSignIn;
    upstream?: PendingUpstream;
  }
}

/** How long a pending sign-in may wait for its next step. */
export const PENDING_TTL_MS = 5 * 60 * 1000;
/** Enrolling takes longer: installing an app, scanning, saving backup codes. */
export { ENROLMENT_TTL_MS } from '../factors/enrolment-rules';
/** How long a signed-in session lives without use (rolling). */
export const SIGNED_IN_IDLE_MS = 8 * 60 * 60 * 1000;
/** How long an application's sign-in may take: as long as the OpenID provider's interaction lives. */
export const APP_SIGN_IN_TTL_MS = INTERACTION_TTL_SECONDS * 1000;

/** The pending sign-in at `stage` of `view`'s login, for `ttlMs`. */
export function pendingAt(
  stage: PendingSignIn['stage'],
  flowId: string,
  identity: Pick<Identity, 'id'>,
  view: Pick<LoginView, 'login'>,
  deadline: Date | null,
  ttlMs: number,
  upstream?: UpstreamProofHeld,
): PendingSignIn {
  return {
    ...(upstream ? { upstream } : {}),
    stage,
    flowId,
    identityId: identity.id,
    candidates: [view.login.id],
    loginId: view.login.id,
    tenantId: view.login.tenantId,
    deadline: deadline?.getTime() ?? null,
    expiresAt: Date.now() + ttlMs,
  };
}

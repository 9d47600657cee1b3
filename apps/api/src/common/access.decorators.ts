import { SetMetadata } from '@nestjs/common';
import type { ApiTokenScope, PendingSignInState, Role } from '@latchkey/contracts';

export const ACCESS_KEY = 'latchkey:access';

/** Who may call a route. Every route declares exactly one; a route without one answers 403. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'step'; stages: PendingSignInState[] }
  | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Only a pending sign-in that stands at one of these steps. */
export const SignInStep = (...stages: PendingSignInState[]) =>
  SetMetadata(ACCESS_KEY, { kind: 'step', stages } satisfies AccessRule);

/**
 * Only a finished sign-in with one of these roles. On a route with `:tenantId`, anyone but a
 * super user must belong to that tenant; a foreign tenant answers 404.
 */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule);

/** Any finished sign-in. */
export const SignedInAny = () => Roles('super', 'owner', 'user');

export const TOKEN_SCOPE_KEY = 'latchkey:token-scope';

/**
 * The scope a tenant API token needs on this owner route (a read route a `*:read` scope, a
 * change a `*:write` one). A route without it refuses every bearer call (403): tokens reach only
 * the routes that name their scope.
 */
export const TokenScope = (scope: ApiTokenScope) => SetMetadata(TOKEN_SCOPE_KEY, scope);

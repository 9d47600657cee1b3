import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

interface TrackedRequest {
  ip?: string;
  body?: { email?: unknown };
  session?: { signIn?: { identityId?: string } };
}

/** Who a sign-in call is for: the email typed at the password step, the identity after it. */
function personOf(request: TrackedRequest): string {
  const email = request.body?.email;
  if (typeof email === 'string') return email.trim().toLowerCase();
  return request.session?.signIn?.identityId ?? '';
}

/**
 * The per-process brakes on the sign-in routes (DESIGN.md §12): a tight limit per address and
 * email, so one source cannot hammer one person, and a generous ceiling per address, so a whole
 * office behind one address still signs in at nine. The lockout in the database, reserved before
 * every guess, is the real defence; these only slow a flood.
 */
export function signInThrottlers(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        // 'default' keeps the plain Retry-After header; the other answers Retry-After-address-email.
        name: 'default',
        ttl: 60_000,
        limit: config.signInRateLimit,
        skipIf: () => config.signInRateLimit === 0,
      },
      {
        name: 'address-email',
        ttl: 60_000,
        limit: config.signInEmailRateLimit,
        skipIf: () => config.signInEmailRateLimit === 0,
        getTracker: (request) =>
          `${(request as TrackedRequest).ip ?? ''}|${personOf(request as TrackedRequest)}`,
      },
    ],
    errorMessage: 'Too many sign-in attempts from this address: wait a minute and try again',
  };
}

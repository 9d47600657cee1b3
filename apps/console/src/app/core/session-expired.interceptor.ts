import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiPaths, FACTOR_FAILURES, SESSION_END_REASONS, type SessionEndReason } from '@latchkey/contracts';
import { catchError, throwError } from 'rxjs';
import { apiErrorBody } from './api-error';
import { SessionStore } from './session-store';
import { SignInNotice, SignInNotices } from './sign-in-notice';

/** Sign-in calls answer 401 for their own reasons (a wrong password, an expired pick). */
const SIGN_IN_CALLS: ReadonlySet<string> = new Set([
  ApiPaths.login,
  ApiPaths.pick,
  ApiPaths.state,
  ApiPaths.logout,
]);

/** A refused code or PIN (a 401 with a reason) is about what was typed, not about the session. */
function isFactorFailure(error: HttpErrorResponse): boolean {
  const reason = apiErrorBody(error)?.['reason'];
  return typeof reason === 'string' && (FACTOR_FAILURES as readonly string[]).includes(reason);
}

/**
 * The sign-in page's words for a 401 that ended the session: the reason the API gave
 * (`sessionEnded`: a reset, an owner's sign-out, a deactivation…), or the general words when it
 * gave none (a timeout) or one this console does not know.
 */
export function sessionEndedNotice(error: HttpErrorResponse): string {
  const reason = apiErrorBody(error)?.['sessionEnded'];
  return typeof reason === 'string' && (SESSION_END_REASONS as readonly string[]).includes(reason)
    ? SignInNotices.sessionEndedBecause[reason as SessionEndReason]
    : SignInNotices.sessionEnded;
}

/**
 * A 401 from any other call while signed in means the session is gone under the person (reset,
 * signed out by an owner or elsewhere, or timed out): back to the sign-in page, which says why. Only
 * the first such answer does it (the session is cleared). The person's own sign-out is a sign-in
 * call (POST /auth/logout), so its words ("You have signed out.") stay its own.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionStore);
  const notice = inject(SignInNotice);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      const path = req.url.split('?')[0];
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !SIGN_IN_CALLS.has(path) &&
        !isFactorFailure(error) &&
        session.me()
      ) {
        session.clear();
        notice.set(sessionEndedNotice(error));
        void router.navigateByUrl('/sign-in');
      }
      return throwError(() => error);
    }),
  );
};

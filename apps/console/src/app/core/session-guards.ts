import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router, UrlTree } from '@angular/router';
import { Role, SignInState } from '@latchkey/contracts';
import { Observable, catchError, map, of } from 'rxjs';
import { SessionStore } from './session-store';
import { urlForState } from './sign-in-routes';

/**
 * Let the route through only while the sign-in stands at one of `states`;
 * otherwise send the browser where the sign-in actually stands.
 */
export function requireState(...states: SignInState[]): CanMatchFn & CanActivateFn {
  return (): Observable<boolean | UrlTree> => {
    const router = inject(Router);
    return inject(SessionStore)
      .current()
      .pipe(
        map((answer) => states.includes(answer.state) || router.parseUrl(urlForState(answer.state))),
        catchError(() => of(router.parseUrl('/sign-in'))),
      );
  };
}

/** The sign-in form is for anyone not yet signed in; a signed-in visitor goes home. */
export const notSignedInGuard: CanActivateFn = () =>
  inject(SessionStore).me() ? inject(Router).parseUrl('/') : true;

/** Shell pages for some roles only; anyone else lands on the home page. */
export function requireRole(...roles: Role[]): CanMatchFn {
  return () => {
    const me = inject(SessionStore).me();
    return (me !== null && roles.includes(me.role)) || inject(Router).parseUrl('/');
  };
}

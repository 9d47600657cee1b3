import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { SignInState } from '@latchkey/contracts';
import { Observable, catchError, map, of } from 'rxjs';
import { SessionStore } from '../core/session-store';
import { stepUrl } from './step-urls';

/**
 * Let a step page through only while the sign-in stands at one of `states`; otherwise send the
 * browser to the page of the state it does stand at. After a reload nothing is known yet, so the
 * store asks GET /auth/state. (The app-wide guards send every factor state to /sign-in/step,
 * whose own guard forwards here.)
 */
export function requireStep(...states: SignInState[]): CanActivateFn {
  return (): Observable<boolean | UrlTree> => {
    const router = inject(Router);
    return inject(SessionStore)
      .current()
      .pipe(
        map((answer) => states.includes(answer.state) || router.parseUrl(stepUrl(answer.state))),
        catchError(() => of(router.parseUrl('/sign-in'))),
      );
  };
}

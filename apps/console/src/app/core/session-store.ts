import { Injectable, computed, inject, signal } from '@angular/core';
import { Me, SignInAnswer } from '@latchkey/contracts';
import { Observable, catchError, map, of, tap } from 'rxjs';
import { SessionApi } from './session-api';

/**
 * What the console knows of the sign-in: the last answer of the API (null until the first one).
 * Every sign-in call records its answer here; guards read it instead of asking again.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(SessionApi);
  private readonly last = signal<SignInAnswer | null>(null);

  readonly answer = this.last.asReadonly();
  readonly me = computed<Me | null>(() => {
    const answer = this.last();
    return answer?.state === 'signed-in' ? answer.me : null;
  });

  record(answer: SignInAnswer): void {
    this.last.set(answer);
  }

  /** Forget the session: the API said it is over. */
  clear(): void {
    this.last.set({ state: 'signed-out' });
  }

  /** Ask the API where the sign-in stands (GET /auth/state) and remember it. */
  refresh(): Observable<SignInAnswer> {
    return this.api.state().pipe(tap((answer) => this.record(answer)));
  }

  /** The known answer, or the API's when none is known yet. */
  current(): Observable<SignInAnswer> {
    const known = this.last();
    return known ? of(known) : this.refresh();
  }

  /** POST /auth/logout; the session counts as ended whether or not the API still knew it. */
  signOut(): Observable<void> {
    return this.api.logout().pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      tap(() => this.clear()),
    );
  }
}

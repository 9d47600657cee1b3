import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiPaths, SignInAnswer, SignedOutAnswer } from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** The session's own endpoints: where a sign-in stands, and ending it. */
@Injectable({ providedIn: 'root' })
export class SessionApi {
  private readonly http = inject(HttpClient);

  /** GET /auth/state. Also hands out the XSRF-TOKEN cookie every later POST needs. */
  state(): Observable<SignInAnswer> {
    return this.http.get<SignInAnswer>(ApiPaths.state);
  }

  /** POST /auth/logout: ends the session, pending or signed in. */
  logout(): Observable<SignedOutAnswer> {
    return this.http.post<SignedOutAnswer>(ApiPaths.logout, {});
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  LoginRequest,
  PickLoginRequest,
  SignInAnswer,
  UpstreamDiscoverAnswer,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** The sign-in steps the console knows so far: password, the login picker, postponing enrolment. */
@Injectable({ providedIn: 'root' })
export class SignInApi {
  private readonly http = inject(HttpClient);

  login(request: LoginRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.login, request);
  }

  pick(request: PickLoginRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.pick, request);
  }

  /** The account's own providers this email may continue with. */
  upstreamFor(email: string): Observable<UpstreamDiscoverAnswer> {
    return this.http.post<UpstreamDiscoverAnswer>(ApiPaths.upstreamDiscover, { email });
  }

  /** The providers of the account whose sign-in link opened the page. */
  upstreamOfTenant(tenantId: string): Observable<UpstreamDiscoverAnswer> {
    return this.http.get<UpstreamDiscoverAnswer>(ApiPaths.upstreamOfTenant(tenantId));
  }

  /** Postpone enrolment while the grace deadline allows. */
  postpone(): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.postpone, {});
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  ConfirmEnrolmentRequest,
  EnrolmentConfirmedAnswer,
  HandoverRequest,
  PinRequest,
  PinSetupRequest,
  SignInAnswer,
  TotpCodeRequest,
  TotpEnrolment,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** The second-factor steps of a pending sign-in. */
@Injectable({ providedIn: 'root' })
export class FactorApi {
  private readonly http = inject(HttpClient);

  /** A new pending authenticator; any earlier pending one is void. */
  enrolTotp(): Observable<TotpEnrolment> {
    return this.http.post<TotpEnrolment>(ApiPaths.totpEnrol, {});
  }

  /** Activate the pending authenticator with a code from it; answers the backup codes, once. */
  confirmTotp(request: ConfirmEnrolmentRequest): Observable<EnrolmentConfirmedAnswer> {
    return this.http.post<EnrolmentConfirmedAnswer>(ApiPaths.totpEnrolConfirm, request);
  }

  /** A code from the app, or a backup code. */
  totp(request: TotpCodeRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.totp, request);
  }

  setUpPin(request: PinSetupRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.pinSetup, request);
  }

  pin(request: PinRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.pin, request);
  }

  /** The one-time code the account owner handed over after a reset. */
  handover(request: HandoverRequest): Observable<SignInAnswer> {
    return this.http.post<SignInAnswer>(ApiPaths.handover, request);
  }
}

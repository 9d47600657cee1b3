import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  BackupCodesAnswer,
  ChangePinRequest,
  ConfirmDeviceAnswer,
  ConfirmEnrolmentRequest,
  DeviceView,
  MySecurityView,
  OwnTwoFactorRequest,
  RegenerateBackupCodesRequest,
  RenameDeviceRequest,
  TotpEnrolment,
} from '@latchkey/contracts';
import { Observable, map } from 'rxjs';

/** Profile → Security: the signed-in login's own factors. */
@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);

  security(): Observable<MySecurityView> {
    return this.http.get<MySecurityView>(ApiPaths.mySecurity);
  }

  /** A new, not yet active authenticator; its secret is shown only now. */
  addDevice(): Observable<TotpEnrolment> {
    return this.http.post<TotpEnrolment>(ApiPaths.myDevices, {});
  }

  /** Activate the new authenticator with a code from it; the first backup codes come along, once. */
  confirmDevice(request: ConfirmEnrolmentRequest): Observable<ConfirmDeviceAnswer> {
    return this.http.post<ConfirmDeviceAnswer>(ApiPaths.myDevicesConfirm, request);
  }

  renameDevice(deviceId: string, request: RenameDeviceRequest): Observable<DeviceView> {
    return this.http.patch<DeviceView>(ApiPaths.myDevice(deviceId), request);
  }

  removeDevice(deviceId: string): Observable<void> {
    return this.http.delete(ApiPaths.myDevice(deviceId)).pipe(map(() => undefined));
  }

  changePin(request: ChangePinRequest): Observable<void> {
    return this.http.put(ApiPaths.myPin, request).pipe(map(() => undefined));
  }

  /** A new set of backup codes; the old set stops working. */
  regenerateBackupCodes(request: RegenerateBackupCodesRequest): Observable<BackupCodesAnswer> {
    return this.http.post<BackupCodesAnswer>(ApiPaths.myBackupCodes, request);
  }

  /** End every session of this login, this one too, and forget its remembered browsers (204). */
  signOutEverywhere(): Observable<void> {
    return this.http.post(ApiPaths.signOutEverywhere, {}).pipe(map(() => undefined));
  }

  /** Turn the authenticator on or off for oneself, where policy leaves the choice. */
  setTwoFactor(request: OwnTwoFactorRequest): Observable<MySecurityView> {
    return this.http.put<MySecurityView>(ApiPaths.myTwoFactor, request);
  }
}

import { LOCALE_ID, Signal, inject, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, Validators } from '@angular/forms';
import { ConfirmEnrolmentRequest, TotpEnrolment } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { codeFormat, normaliseCode } from '../code-format';
import { readFactorFailure } from '../factor-failure';
import { readProblem, showProblem } from '../form-errors';

/** The longest device name the API takes. */
export const DEVICE_NAME_MAX = 100;

export interface EnrolmentOptions {
  /**
   * A 401 without a reason: the pending sign-in is gone. The sign-in wizard starts again; without
   * this the error line says the session has ended.
   */
  expired?: () => void;
  /**
   * The form's directive, to empty the code field after a refused code (the next try needs a new
   * one; the device name stays). Without it what was typed stays, to be corrected.
   */
  clearRefusedCode?: Signal<FormGroupDirective | undefined>;
}

/**
 * Adding an authenticator, wherever it happens (the sign-in wizard, the profile's dialog): the new
 * key, the code and device name that confirm it, busy while a call runs, the error line, a clock
 * that looks off, and a lock only an owner can lift. Make it in a field initializer (it injects);
 * `TotpConfirm` shows its fields.
 */
export class AuthenticatorEnrolment {
  private readonly locale = inject(LOCALE_ID);

  readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
    deviceName: ['', [Validators.maxLength(DEVICE_NAME_MAX)]],
  });
  /** The new key, once the API made it. */
  readonly key = signal<TotpEnrolment | null>(null);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  /** The last code was refused as from another time. */
  readonly drifted = signal(false);
  /** Locked until an owner unlocks it: trying again is pointless. */
  readonly lockedForGood = signal(false);

  constructor(private readonly options: EnrolmentOptions = {}) {}

  /** Ask for a new key; `started` once it is here. */
  start(call: Observable<TotpEnrolment>, started?: () => void): void {
    if (this.busy()) {
      return;
    }
    this.run(call, 'The new key could not be made.', (key) => {
      this.key.set(key);
      started?.();
    });
  }

  /** Activate the key with the typed code (and name, if any), unless busy, locked or invalid. */
  confirm<T>(
    call: (request: ConfirmEnrolmentRequest) => Observable<T>,
    confirmed: (answer: T) => void,
  ): void {
    if (this.busy() || this.lockedForGood()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, deviceName } = this.form.getRawValue();
    const request: ConfirmEnrolmentRequest = { code: normaliseCode('app', code) };
    if (deviceName.trim()) {
      request.deviceName = deviceName.trim();
    }
    this.run(call(request), null, confirmed);
  }

  private run<T>(call: Observable<T>, fallback: string | null, next: (answer: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (answer) => {
        this.busy.set(false);
        next(answer);
      },
      error: (error: unknown) => this.fail(error, fallback),
    });
  }

  private fail(error: unknown, fallback: string | null): void {
    this.busy.set(false);
    const outcome = readFactorFailure(error, this.locale);
    if (outcome.kind === 'expired' && this.options.expired) {
      this.options.expired();
      return;
    }
    this.error.set(showProblem(this.form, readProblem(error, this.locale)) ?? fallback);
    if (outcome.kind !== 'failed') {
      return;
    }
    this.drifted.set(outcome.reason === 'clock-drift');
    this.lockedForGood.set(outcome.ownerMustUnlock);
    if (outcome.reason !== null) {
      const deviceName = this.form.controls.deviceName.value;
      this.options.clearRefusedCode?.()?.resetForm({ code: '', deviceName });
    }
  }
}

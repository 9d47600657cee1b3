import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  LOCALE_ID,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ConfirmDeviceAnswer, ConfirmEnrolmentRequest, TotpEnrolment } from '@latchkey/contracts';
import { TotpKeyPanel } from '../core/totp-key-panel';
import { codeFormat, normaliseCode } from '../shared/code-format';
import { BackupCodesList } from './backup-codes-list';
import { readProblem, showProblem } from '../shared/form-errors';
import { ProfileApi } from './profile-api';

export const DEVICE_NAME_MAX = 100;

/**
 * Add an authenticator: asks the API for a new key as it opens, shows it as a QR code and in
 * groups, and activates it with a code from the app. When the login had no backup codes yet, the
 * first set comes with it and is shown here, once. Closes with the API's answer.
 */
@Component({
  selector: 'app-add-device-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
    BackupCodesList,
    TotpKeyPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-device-dialog.html',
  styleUrl: './add-device-dialog.scss',
})
export class AddDeviceDialog {
  private readonly api = inject(ProfileApi);
  private readonly ref = inject<MatDialogRef<AddDeviceDialog, ConfirmDeviceAnswer>>(MatDialogRef);
  private readonly injector = inject(Injector);
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');
  private readonly locale = inject(LOCALE_ID);

  protected readonly nameMax = DEVICE_NAME_MAX;
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly confirmed = signal<ConfirmDeviceAnswer | null>(null);
  protected readonly busy = signal(false);
  /** The key could not be made: nothing to scan, only "Try again". */
  protected readonly startError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
    deviceName: ['', [Validators.maxLength(DEVICE_NAME_MAX)]],
  });

  constructor() {
    this.start();
  }

  protected start(): void {
    this.busy.set(true);
    this.startError.set(null);
    this.api.addDevice().subscribe({
      next: (enrolment) => {
        this.busy.set(false);
        this.enrolment.set(enrolment);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.startError.set(readProblem(error, this.locale).message ?? 'The new key could not be made.');
      },
    });
  }

  protected confirm(): void {
    if (this.busy()) {
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
    this.busy.set(true);
    this.error.set(null);
    this.api.confirmDevice(request).subscribe({
      next: (answer) => {
        this.busy.set(false);
        if (answer.backupCodes?.length) {
          // The codes are on screen now: only Done may close the dialog.
          this.ref.disableClose = true;
          this.confirmed.set(answer);
          // The button that had focus is gone: keep focus in the dialog, on its new title.
          afterNextRender(() => this.resultTitle()?.nativeElement.focus(), { injector: this.injector });
        } else {
          this.ref.close(answer);
        }
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(showProblem(this.form, readProblem(error, this.locale)));
      },
    });
  }

  protected done(): void {
    this.ref.close(this.confirmed() ?? undefined);
  }
}

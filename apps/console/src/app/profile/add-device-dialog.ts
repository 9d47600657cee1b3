import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
  DestroyRef,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ConfirmDeviceAnswer } from '@latchkey/contracts';
import { focusAfterRender } from '../core/focus-after-render';
import { TotpKeyPanel } from '../core/totp-key-panel';
import { DIALOG_PARTS } from '../shared/dialog-parts';
import { AuthenticatorEnrolment } from '../shared/enrolment/authenticator-enrolment';
import { BackupCodesList } from '../shared/enrolment/backup-codes-list';
import { TotpConfirm } from '../shared/enrolment/totp-confirm';
import { ProfileApi } from './profile-api';
import { escapeAsDone } from '../shared/escape-as-done';

/**
 * Add an authenticator: asks the API for a new key as it opens, shows it as a QR code and in
 * groups, and activates it with a code from the app (the sign-in wizard's confirming part). When
 * the login had no backup codes yet, the first set comes with it and is shown here, once. Closes
 * with the API's answer.
 */
@Component({
  selector: 'app-add-device-dialog',
  imports: [ReactiveFormsModule, DIALOG_PARTS, MatProgressBar, BackupCodesList, TotpConfirm, TotpKeyPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-device-dialog.html',
  styleUrl: './add-device-dialog.scss',
})
export class AddDeviceDialog {
  private readonly api = inject(ProfileApi);
  private readonly ref = inject<MatDialogRef<AddDeviceDialog, ConfirmDeviceAnswer>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');
  private readonly focusResultTitle = focusAfterRender(this.resultTitle);

  /** What was typed stays after a refused code, to be corrected. */
  protected readonly enrolment = new AuthenticatorEnrolment();
  protected readonly confirmed = signal<ConfirmDeviceAnswer | null>(null);
  protected readonly busy = this.enrolment.busy;
  /** The key could not be made: nothing to scan, only "Try again". */
  protected readonly startError = computed(() => (this.enrolment.key() ? null : this.enrolment.error()));

  constructor() {
    this.start();
  }

  protected start(): void {
    this.enrolment.start(this.api.addDevice());
  }

  protected confirm(): void {
    this.enrolment.confirm(
      (request) => this.api.confirmDevice(request),
      (answer) => {
        if (!answer.backupCodes?.length) {
          this.ref.close(answer);
          return;
        }
        // The codes are on screen now: only Done, or Escape, closes the dialog.
        escapeAsDone(this.ref, this.destroyRef, () => this.done());
        this.confirmed.set(answer);
        // The button that had focus is gone: keep focus in the dialog, on its new title.
        this.focusResultTitle();
      },
    );
  }

  protected done(): void {
    this.ref.close(this.confirmed() ?? undefined);
  }
}

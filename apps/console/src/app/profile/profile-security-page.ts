import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import {
  ChangePinRequest,
  ConfirmDeviceAnswer,
  DeviceView,
  METHOD_LABELS,
  MySecurityView,
} from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { codeFormat, normaliseCode } from '../shared/code-format';
import { askToConfirm } from '../shared/confirm-dialog';
import { NewPinFields, newPinControls } from '../shared/enrolment/new-pin-fields';
import { formatDay, formatMoment } from '../shared/policy-text';
import { problemText } from '../shared/problem-text';
import { AddDeviceDialog } from './add-device-dialog';
import { AuthenticatorCode } from './authenticator-code';
import { BackupCodesDialog, BackupCodesDialogData } from './backup-codes-dialog';
import { FormCall } from './form-call';
import { ProfileApi } from './profile-api';
import { RenameDeviceDialog, RenameDeviceDialogData } from './rename-device-dialog';
import { ownReasonText, remainingText } from './security-text';

/** Few enough backup codes left to suggest a new set. */
export const LOW_BACKUP_CODES = 3;

/**
 * Profile → Security: the signed-in login's own factors. Which method applies and why; the
 * authenticator apps (add, rename, remove); the PIN; a new set of backup codes; and, where policy
 * leaves it to the user, switching the authenticator on or off for themself.
 */
@Component({
  selector: 'app-profile-security-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
    AuthenticatorCode,
    NewPinFields,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-security-page.html',
  styleUrl: './profile-security-page.scss',
})
export class ProfileSecurityPage {
  private readonly api = inject(ProfileApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly session = inject(SessionStore);
  private readonly me = this.session.me;
  private readonly router = inject(Router);
  private readonly notice = inject(SignInNotice);

  protected readonly labels = METHOD_LABELS;
  protected readonly formatDay = formatDay;
  protected readonly formatMoment = formatMoment;
  protected readonly lowBackupCodes = LOW_BACKUP_CODES;

  protected readonly view = signal<MySecurityView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);

  protected readonly reason = computed(() => {
    const view = this.view();
    return view ? ownReasonText(view.effective, this.me()?.userTypeName ?? null) : '';
  });
  /** The PIN is shown to those who have one or whose method is the PIN. */
  protected readonly showPin = computed(() => {
    const view = this.view();
    return !!view && (view.hasPin || view.effective.method === 'pin');
  });
  /** Backup codes come with an authenticator. */
  protected readonly showBackupCodes = computed(() => {
    const view = this.view();
    return !!view && (view.devices.length > 0 || view.backupCodesRemaining > 0);
  });
  protected readonly remaining = computed(() => remainingText(this.view()?.backupCodesRemaining ?? 0));

  protected readonly devicesError = signal<string | null>(null);
  /** The device being removed. */
  protected readonly removing = signal<string | null>(null);

  protected readonly pinForm = this.fb.group({ currentPin: [''], ...newPinControls() });
  protected readonly pinCall = new FormCall(this.pinForm, { incorrect: 'The current PIN is incorrect.' });

  protected readonly regenerating = signal(false);
  protected readonly regenerateForm = this.fb.group({ code: ['', [Validators.required, codeFormat('app')]] });
  protected readonly regenerateCall = new FormCall(this.regenerateForm);

  protected readonly ownForm = this.fb.group({ code: ['', [Validators.required, codeFormat('app')]] });
  protected readonly ownCall = new FormCall(this.ownForm);

  protected readonly signingOutEverywhere = signal(false);
  protected readonly signOutEverywhereError = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.security().subscribe({
      next: (view) => {
        this.loading.set(false);
        this.show(view);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(`Your security settings could not be loaded: ${problemText(error)}`);
      },
    });
  }

  protected addDevice(): void {
    this.devicesError.set(null);
    this.dialog
      .open<AddDeviceDialog, void, ConfirmDeviceAnswer>(AddDeviceDialog, { width: '480px' })
      .afterClosed()
      .subscribe((answer) => {
        if (!answer) {
          return;
        }
        this.view.update(
          (view) =>
            view && {
              ...view,
              devices: [...view.devices, answer.device],
              backupCodesRemaining: answer.backupCodes?.length ?? view.backupCodesRemaining,
            },
        );
        this.snackBar.open(`"${answer.device.name}" was added.`, 'Close', { duration: 5000 });
      });
  }

  protected rename(device: DeviceView): void {
    this.devicesError.set(null);
    this.dialog
      .open<RenameDeviceDialog, RenameDeviceDialogData, DeviceView>(RenameDeviceDialog, { data: { device } })
      .afterClosed()
      .subscribe((renamed) => {
        if (renamed) {
          this.view.update(
            (view) =>
              view && { ...view, devices: view.devices.map((d) => (d.id === renamed.id ? renamed : d)) },
          );
        }
      });
  }

  protected remove(device: DeviceView): void {
    if (this.removing()) {
      return;
    }
    this.devicesError.set(null);
    askToConfirm(this.dialog, {
      title: `Remove "${device.name}"?`,
      message:
        'Codes from this app will no longer be accepted when you sign in. Remove it from the app on ' +
        'your phone as well. If your account requires the authenticator app, add another one first.',
      confirm: 'Remove',
    }).subscribe((confirmed) => {
      if (!confirmed) {
        return;
      }
      this.removing.set(device.id);
      this.api.removeDevice(device.id).subscribe({
        next: () => {
          this.removing.set(null);
          this.snackBar.open(`"${device.name}" was removed.`, 'Close', { duration: 5000 });
          // Enrolment may change with the last device: ask the API again rather than guess.
          this.view.update(
            (view) => view && { ...view, devices: view.devices.filter((d) => d.id !== device.id) },
          );
          this.refresh();
        },
        error: (error: unknown) => {
          this.removing.set(null);
          this.devicesError.set(`"${device.name}" was not removed: ${problemText(error)}`);
        },
      });
    });
  }

  protected savePin(): void {
    const view = this.view();
    if (!view) {
      return;
    }
    const { currentPin, pin, pinConfirmation } = this.pinForm.getRawValue();
    const request: ChangePinRequest = { pin, pinConfirmation };
    if (view.hasPin) {
      request.currentPin = currentPin;
    }
    this.pinCall.send(
      () => this.api.changePin(request),
      () => {
        this.pinForm.reset();
        this.snackBar.open(view.hasPin ? 'Your PIN was changed.' : 'Your PIN is set.', 'Close', {
          duration: 5000,
        });
        this.show({ ...view, hasPin: true });
      },
      (problem) => {
        if (problem.reason !== 'incorrect') {
          return false;
        }
        const current = this.pinForm.controls.currentPin;
        current.setErrors({ server: problem.message });
        current.markAsTouched();
        return true;
      },
    );
  }

  protected startRegenerating(): void {
    this.regenerateCall.error.set(null);
    this.regenerating.set(true);
  }

  protected cancelRegenerating(): void {
    this.regenerating.set(false);
    this.regenerateCall.error.set(null);
    this.regenerateForm.reset();
  }

  protected regenerate(): void {
    const code = normaliseCode('app', this.regenerateForm.controls.code.value);
    this.regenerateCall.send(
      () => this.api.regenerateBackupCodes({ code }),
      ({ backupCodes }) => {
        this.regenerating.set(false);
        this.regenerateForm.reset();
        this.view.update((view) => view && { ...view, backupCodesRemaining: backupCodes.length });
        // Shown this once, in a dialog only "I have saved them" closes; the page never keeps them.
        this.dialog.open<BackupCodesDialog, BackupCodesDialogData>(BackupCodesDialog, {
          data: { codes: backupCodes },
          disableClose: true,
          width: '520px',
        });
      },
    );
  }

  protected setOwnTwoFactor(enabled: boolean): void {
    const code = normaliseCode('app', this.ownForm.controls.code.value);
    this.ownCall.send(
      () => this.api.setTwoFactor({ enabled, code }),
      (view) => {
        this.ownForm.reset();
        this.show(view);
        this.snackBar.open(
          enabled
            ? 'Two-factor authentication is on: you will be asked for a code when you sign in.'
            : 'Two-factor authentication is off.',
          'Close',
          { duration: 5000 },
        );
      },
    );
  }

  protected signOutEverywhere(): void {
    if (this.signingOutEverywhere()) {
      return;
    }
    this.signOutEverywhereError.set(null);
    askToConfirm(this.dialog, {
      title: 'Sign out everywhere?',
      message:
        'This ends every session of your login, on this device and every other one, and forgets the ' +
        'browsers you asked to remember: each will ask for your password and second factor again.',
      confirm: 'Sign out everywhere',
    }).subscribe((confirmed) => {
      if (!confirmed) {
        return;
      }
      this.signingOutEverywhere.set(true);
      this.api.signOutEverywhere().subscribe({
        next: () => {
          this.session.clear();
          this.notice.set(SignInNotices.signedOutEverywhere);
          void this.router.navigateByUrl('/sign-in');
        },
        error: (error: unknown) => {
          this.signingOutEverywhere.set(false);
          this.signOutEverywhereError.set(`You were not signed out: ${problemText(error)}`);
        },
      });
    });
  }

  /** Ask again after a change whose effects the console cannot know, keeping the page as it is. */
  private refresh(): void {
    this.api.security().subscribe({
      next: (view) => this.show(view),
      error: () => undefined,
    });
  }

  private show(view: MySecurityView): void {
    this.view.set(view);
    const current = this.pinForm.controls.currentPin;
    current.setValidators(view.hasPin ? [Validators.required] : []);
    current.updateValueAndValidity();
  }
}

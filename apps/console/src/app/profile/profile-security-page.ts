import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ConfirmDeviceAnswer, DeviceView, METHOD_LABELS, MySecurityView } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { askToConfirm } from '../shared/confirm-dialog';
import { PageLoad } from '../shared/page-load';
import { formatDay, formatMoment } from '../shared/policy-text';
import { problemText } from '../shared/problem-text';
import { AddDeviceDialog } from './add-device-dialog';
import { BackupCodesSection } from './backup-codes-section';
import { OwnTwoFactorSection } from './own-two-factor-section';
import { PinSection } from './pin-section';
import { ProfileApi } from './profile-api';
import { RenameDeviceDialog, RenameDeviceDialogData } from './rename-device-dialog';
import { ownReasonText } from './security-text';
import { SignOutEverywhere } from './sign-out-everywhere';

export { LOW_BACKUP_CODES } from './backup-codes-section';

/**
 * Profile → Security: the signed-in login's own factors. Which method applies and why; the
 * authenticator apps (add, rename, remove); the PIN; a new set of backup codes; where policy
 * leaves it to the user, switching the authenticator on or off for themself; and signing out
 * everywhere. The sections with a form of their own are components beside this one.
 */
@Component({
  selector: 'app-profile-security-page',
  imports: [
    MatButton,
    MatProgressBar,
    BackupCodesSection,
    OwnTwoFactorSection,
    PinSection,
    SignOutEverywhere,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-security-page.html',
  styleUrls: ['./profile-section.scss', './profile-security-page.scss'],
})
export class ProfileSecurityPage {
  private readonly api = inject(ProfileApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly me = inject(SessionStore).me;

  protected readonly labels = METHOD_LABELS;
  protected readonly formatDay = formatDay;
  protected readonly formatMoment = formatMoment;

  protected readonly view = signal<MySecurityView | null>(null);
  protected readonly page = new PageLoad({
    fetch: () => this.api.security(),
    next: (view) => this.view.set(view),
    failure: (error) => `Your security settings could not be loaded: ${problemText(error)}`,
  });

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

  protected readonly devicesError = signal<string | null>(null);
  /** The device being removed. */
  protected readonly removing = signal<string | null>(null);

  constructor() {
    this.page.load();
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
        this.update((view) => ({
          devices: [...view.devices, answer.device],
          backupCodesRemaining: answer.backupCodes?.length ?? view.backupCodesRemaining,
        }));
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
          this.update((view) => ({ devices: view.devices.map((d) => (d.id === renamed.id ? renamed : d)) }));
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
      if (confirmed) {
        this.removeConfirmed(device);
      }
    });
  }

  /** A change the page knows the whole of (a section's answer, or what follows from it). */
  protected update(
    change: Partial<MySecurityView> | ((view: MySecurityView) => Partial<MySecurityView>),
  ): void {
    this.view.update(
      (view) => view && { ...view, ...(typeof change === 'function' ? change(view) : change) },
    );
  }

  private removeConfirmed(device: DeviceView): void {
    this.removing.set(device.id);
    this.api.removeDevice(device.id).subscribe({
      next: () => {
        this.removing.set(null);
        this.snackBar.open(`"${device.name}" was removed.`, 'Close', { duration: 5000 });
        // Enrolment may change with the last device: ask the API again rather than guess.
        this.update((view) => ({ devices: view.devices.filter((d) => d.id !== device.id) }));
        this.refresh();
      },
      error: (error: unknown) => {
        this.removing.set(null);
        this.devicesError.set(`"${device.name}" was not removed: ${problemText(error)}`);
      },
    });
  }

  /** Ask again after a change whose effects the console cannot know, keeping the page as it is. */
  private refresh(): void {
    this.api.security().subscribe({
      next: (view) => this.view.set(view),
      error: () => undefined,
    });
  }
}

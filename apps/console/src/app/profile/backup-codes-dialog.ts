import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { BackupCodesList } from '../shared/enrolment/backup-codes-list';
import { escapeAsDone } from '../shared/escape-as-done';

export interface BackupCodesDialogData {
  codes: readonly string[];
}

/** A new set of backup codes, shown this once; only Done closes it. */
@Component({
  selector: 'app-backup-codes-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, BackupCodesList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Your new backup codes</h2>
    <mat-dialog-content>
      <p class="lk-notice" data-testid="backup-codes-once">
        These codes are shown only this once. Your earlier backup codes no longer work.
      </p>
      <p>
        If you lose your phone, sign in with one of these instead of a code from the app. Each works once.
        Keep them somewhere safe, away from your phone.
      </p>
      <app-backup-codes-list [codes]="data.codes" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close data-testid="backup-codes-done">
        I have saved them
      </button>
    </mat-dialog-actions>
  `,
})
export class BackupCodesDialog {
  protected readonly data = inject<BackupCodesDialogData>(MAT_DIALOG_DATA);

  constructor() {
    // Opened with disableClose (a stray click keeps the codes); Escape closes it like Done.
    const ref = inject<MatDialogRef<BackupCodesDialog>>(MatDialogRef);
    escapeAsDone(ref, inject(DestroyRef), () => ref.close());
  }
}

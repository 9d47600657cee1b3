import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { Observable, map } from 'rxjs';

export interface SaveConfirmData {
  /** The preview's count: "38 users affected, 12 will have to enrol at their next sign-in". */
  summary: string;
  /** The grace that will apply to those who must enrol, in a sentence. */
  grace: string;
  signOutAffected: boolean;
}

/**
 * The last question before a change of who must use what is saved: whom it affects, the grace
 * that will actually apply, and when it takes effect.
 */
@Component({
  selector: 'app-save-confirm-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Save the security settings?</h2>
    <mat-dialog-content>
      <p data-testid="confirm-summary">{{ data.summary }}.</p>
      <p data-testid="confirm-grace">{{ data.grace }}</p>
      <p data-testid="confirm-when">
        {{
          data.signOutAffected
            ? 'Affected users are signed out now.'
            : "The change applies at each affected user's next sign-in."
        }}
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" data-testid="confirm-cancel">Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="confirm-ok">Save</button>
    </mat-dialog-actions>
  `,
})
export class SaveConfirmDialog {
  protected readonly data = inject<SaveConfirmData>(MAT_DIALOG_DATA);
}

/** Ask, and answer true only when the owner confirmed. */
export function confirmSave(dialog: MatDialog, data: SaveConfirmData): Observable<boolean> {
  return dialog
    .open<SaveConfirmDialog, SaveConfirmData, boolean>(SaveConfirmDialog, { data, width: '480px' })
    .afterClosed()
    .pipe(map((answer) => answer === true));
}

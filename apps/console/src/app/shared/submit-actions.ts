import { ChangeDetectionStrategy, Component, booleanAttribute, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogClose } from '@angular/material/dialog';
import { Submission } from './submission';

/**
 * A dialog's action row that sends something: Cancel, which closes the dialog with nothing, and
 * the button that sends (its label is the content), disabled while the dialog's `Submission` runs.
 * Put it on the dialog's own actions element:
 *
 * `<mat-dialog-actions align="end" [appSubmitActions]="sending" submitTestId="create-submit">Create</mat-dialog-actions>`
 *
 * Inside a form the button submits it; with `(send)` and `submits` false it is a plain button.
 */
@Component({
  // It fills Material's own actions element, so the dialog keeps Material's layout and roles.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'mat-dialog-actions[appSubmitActions]',
  imports: [MatButton, MatDialogClose],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-button
      type="button"
      [mat-dialog-close]="undefined"
      [disabled]="holdCancel() && sending().busy()"
      [attr.data-testid]="cancelTestId()"
    >
      Cancel
    </button>
    <button
      mat-flat-button
      [type]="submits() ? 'submit' : 'button'"
      [disabled]="sending().busy() || disabled()"
      (click)="send.emit()"
      [attr.data-testid]="submitTestId()"
    >
      <ng-content />
    </button>
  `,
})
export class SubmitActions {
  /** The dialog's call: while it runs, the sending button waits. */
  readonly sending = input.required<Submission>({ alias: 'appSubmitActions' });
  /** The sending button is off for another reason (nothing changed yet). */
  readonly disabled = input(false);
  /** Cancel waits for the call too (a dialog whose call must not be left half seen). */
  readonly holdCancel = input(false, { transform: booleanAttribute });
  /** The button submits the dialog's form; false for a dialog without one. */
  readonly submits = input(true, { transform: booleanAttribute });
  readonly submitTestId = input.required<string>();
  readonly cancelTestId = input<string | null>(null);
  /** The sending button was pressed (listen when it does not submit a form). */
  readonly send = output<void>();
}

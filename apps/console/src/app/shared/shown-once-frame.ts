import { ChangeDetectionStrategy, Component, DestroyRef, inject, input } from '@angular/core';
import { MatDialogRef } from '@angular/material/dialog';
import { DIALOG_PARTS } from './dialog-parts';
import { escapeAsDone } from './escape-as-done';

/**
 * The frame of a dialog that shows something this once (a new API token, a client secret): its
 * title, the dialog's own content, and Done. Only Done or Escape closes it, so that a stray click
 * does not lose what it shows. The dialog opened wraps its template in it:
 *
 * `<app-shown-once-frame [title]="title" doneTestId="token-done">…</app-shown-once-frame>`
 */
@Component({
  selector: 'app-shown-once-frame',
  imports: [DIALOG_PARTS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content>
      <ng-content />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" (click)="done()" [attr.data-testid]="doneTestId()">Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    /* Title, content and actions stay the dialog's own rows, as Material lays them out. */
    :host {
      display: contents;
    }
  `,
})
export class ShownOnceFrame {
  private readonly ref = inject<MatDialogRef<unknown, void>>(MatDialogRef);

  readonly title = input.required<string>();
  readonly doneTestId = input.required<string>();

  constructor() {
    // Nothing closes it by accident; Escape stays a deliberate way out, like Done.
    escapeAsDone(this.ref, inject(DestroyRef), () => this.done());
  }

  protected done(): void {
    this.ref.close();
  }
}

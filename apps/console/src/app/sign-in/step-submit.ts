import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';

/**
 * The end of a step's form: its submit button (the content is its label), any other buttons
 * beside it (`<button stepAction>`), and a progress bar while the call runs.
 */
@Component({
  selector: 'app-step-submit',
  imports: [MatButton, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      <button
        mat-flat-button
        type="submit"
        [disabled]="busy() || lockedForGood()"
        [attr.data-testid]="testId()"
      >
        <ng-content />
      </button>
      <ng-content select="[stepAction]" />
    </div>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="busyLabel()" />
    }
  `,
  // The step pages' own look for its button row and progress bar.
  styleUrl: './factor-page.scss',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class StepSubmit {
  readonly busy = input.required<boolean>();
  /** Locked until an owner unlocks it: trying again is pointless. */
  readonly lockedForGood = input(false);
  readonly testId = input.required<string>();
  /** The progress bar's name: "Checking the code". */
  readonly busyLabel = input.required<string>();
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Codes depend on the phone's clock: said quietly always, plainly after a clock-drift failure. */
@Component({
  selector: 'app-clock-hint',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="hint" [class.lk-notice]="drifted()" data-testid="clock-hint">
      Codes depend on your phone's clock: set it to automatic time.
      @if (drifted()) {
        In your phone's date and time settings turn on "Set automatically", then enter the new code the app
        shows.
      }
    </p>
  `,
  styles: `
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .hint.lk-notice {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class ClockHint {
  /** True after the API said the code matched another time. */
  readonly drifted = input(false);
}

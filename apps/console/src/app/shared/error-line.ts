import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The line that says why something failed (above a form, a table or a dialog's fields), read out
 * as an alert when it appears; nothing while `message` is null.
 */
@Component({
  selector: 'app-error-line',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as message) {
      <p class="lk-error" role="alert" [attr.data-testid]="testId()">{{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ErrorLine {
  readonly message = input.required<string | null>();
  readonly testId = input.required<string>();
}

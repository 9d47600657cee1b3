import { ChangeDetectionStrategy, Component, computed, input, viewChild } from '@angular/core';
import { FormControl } from '@angular/forms';
import { FieldMessages, TextField } from '../../core/text-field';

/**
 * The code the authenticator app shows now (6 digits, no backup code): at sign-in, when adding an
 * app, and on the profile to prove it is the user. Goes inside the host's `<form>`.
 */
@Component({
  selector: 'app-authenticator-code',
  imports: [TextField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-text-field
      [label]="label()"
      [control]="control()"
      inputmode="numeric"
      autocomplete="one-time-code"
      [messages]="messages()"
      [hint]="hint()"
      [testId]="testId()"
    />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
    }
  `,
})
export class AuthenticatorCode {
  readonly control = input.required<FormControl<string>>();
  readonly testId = input.required<string>();
  readonly label = input('6-digit code');
  /** What an empty field asks for. */
  readonly requiredText = input('Enter the code from your app.');
  readonly hint = input('A new code appears every 30 seconds.');
  /** The test id of a 400's message under the field; none by default. */
  readonly serverTestId = input<string | undefined>(undefined);

  private readonly field = viewChild.required(TextField);
  /** The input, for a page that starts in this field. */
  readonly input = computed(() => this.field().input());

  protected readonly messages = computed<FieldMessages>(() => ({
    required: this.requiredText(),
    format: 'Enter the 6 digits your app shows.',
    server: { testId: this.serverTestId() },
  }));
}

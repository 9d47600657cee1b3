import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { AuthenticatorEnrolment, DEVICE_NAME_MAX } from './authenticator-enrolment';
import { ClockHint } from './clock-hint';

/**
 * The confirming part of adding an authenticator: the error line, the 6-digit code with the clock
 * hint, and an optional device name. It goes inside the host's `<form>` (whose submit button calls
 * `AuthenticatorEnrolment.confirm`), so Enter in either field submits it.
 */
@Component({
  selector: 'app-totp-confirm',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, ClockHint],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-confirm.html',
  styleUrl: './totp-confirm.scss',
})
export class TotpConfirm {
  readonly enrolment = input.required<AuthenticatorEnrolment>();
  /** The test id of the error line. */
  readonly errorTestId = input('code-error');
  /** The test id of the code field; its server error is `<id>-error`. */
  readonly codeTestId = input('totp-code');

  protected readonly nameMax = DEVICE_NAME_MAX;
}

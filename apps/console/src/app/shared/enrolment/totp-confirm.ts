import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FieldMessages, TextField } from '../../core/text-field';
import { AuthenticatorCode } from './authenticator-code';
import { AuthenticatorEnrolment, DEVICE_NAME_MAX } from './authenticator-enrolment';
import { ClockHint } from './clock-hint';

/**
 * The confirming part of adding an authenticator: the error line, the 6-digit code with the clock
 * hint, and an optional device name. It goes inside the host's `<form>` (whose submit button calls
 * `AuthenticatorEnrolment.confirm`), so Enter in either field submits it.
 */
@Component({
  selector: 'app-totp-confirm',
  imports: [AuthenticatorCode, ClockHint, TextField],
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

  protected readonly deviceNameMessages: FieldMessages = {
    maxlength: `Use at most ${DEVICE_NAME_MAX} characters.`,
    server: { testId: 'device-name-error' },
  };
}

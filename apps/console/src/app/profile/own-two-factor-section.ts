import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MySecurityView } from '@latchkey/contracts';
import { codeFormat, normaliseCode } from '../shared/code-format';
import { AuthenticatorCode } from '../shared/enrolment/authenticator-code';
import { FormCall } from './form-call';
import { ProfileApi } from './profile-api';

/**
 * Profile → Security → two-factor authentication for oneself (under the page's heading), where
 * policy leaves it to the user: on or off with a code from the app, after adding one.
 */
@Component({
  selector: 'app-own-two-factor-section',
  imports: [ReactiveFormsModule, MatButton, AuthenticatorCode],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let optedIn = view().optedIn;
    @if (optedIn) {
      <p data-testid="own-2fa-state">
        On: you chose to enter a code from your authenticator app when you sign in. Your account does not
        require it, so you may switch it off with a code from the app.
      </p>
    } @else {
      <p data-testid="own-2fa-state">
        Off: your account does not ask for a second factor. You can protect your sign-in with a code from an
        authenticator app anyway.
      </p>
    }
    @if (!optedIn && view().devices.length === 0) {
      <p class="lk-notice" data-testid="own-2fa-needs-device">
        To switch it on, first add an authenticator app with "Add device" above. Then enter a code from it
        here.
      </p>
      <button mat-stroked-button type="button" (click)="addDevice.emit()" data-testid="own-2fa-add-device">
        Add device
      </button>
    } @else {
      <form [formGroup]="form" (ngSubmit)="setTwoFactor(!optedIn)" novalidate>
        @if (call.error(); as message) {
          <p class="lk-error" role="alert" data-testid="own-2fa-error">{{ message }}</p>
        }
        <app-authenticator-code
          label="Code from your app"
          requiredText="Enter the code your app shows now."
          hint=""
          [control]="form.controls.code"
          testId="own-2fa-code"
        />
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="call.busy()" data-testid="own-2fa-toggle">
            {{ optedIn ? 'Switch off' : 'Switch on' }}
          </button>
        </div>
      </form>
    }
  `,
  styleUrl: './profile-section.scss',
})
export class OwnTwoFactorSection {
  private readonly api = inject(ProfileApi);
  private readonly snackBar = inject(MatSnackBar);

  readonly view = input.required<MySecurityView>();
  /** The API's answer after switching. */
  readonly changed = output<MySecurityView>();
  /** "Add device", for one who has no authenticator yet. */
  readonly addDevice = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
  });
  protected readonly call = new FormCall(this.form);

  protected setTwoFactor(enabled: boolean): void {
    const code = normaliseCode('app', this.form.controls.code.value);
    this.call.send(
      () => this.api.setTwoFactor({ enabled, code }),
      (view) => {
        this.form.reset();
        this.changed.emit(view);
        this.snackBar.open(
          enabled
            ? 'Two-factor authentication is on: you will be asked for a code when you sign in.'
            : 'Two-factor authentication is off.',
          'Close',
          { duration: 5000 },
        );
      },
    );
  }
}

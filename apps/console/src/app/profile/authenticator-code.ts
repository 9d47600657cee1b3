import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

/** The code the authenticator app shows now, proving it is the user (6 digits, no backup code). */
@Component({
  selector: 'app-authenticator-code',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let code = control();
    <mat-form-field appearance="outline">
      <mat-label>Code from your app</mat-label>
      <input
        matInput
        [formControl]="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        required
        [attr.data-testid]="testId()"
      />
      @if (code.hasError('required')) {
        <mat-error>Enter the code your app shows now.</mat-error>
      } @else if (code.hasError('format')) {
        <mat-error>Enter the 6 digits your app shows.</mat-error>
      } @else if (code.hasError('server')) {
        <mat-error>{{ code.getError('server') }}</mat-error>
      } @else if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      display: block;
      max-width: 360px;
    }
  `,
})
export class AuthenticatorCode {
  readonly control = input.required<FormControl<string>>();
  readonly testId = input.required<string>();
  readonly hint = input('');
}

import { ChangeDetectionStrategy, Component, effect, inject, input, output, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ChangePinRequest } from '@latchkey/contracts';
import { FieldMessages, TextField } from '../core/text-field';
import { NewPinFields, newPinControls } from '../shared/enrolment/new-pin-fields';
import { pinProblemText } from '../shared/pin-rules';
import { FormCall } from './form-call';
import { ProfileApi } from './profile-api';

/** Profile → Security → PIN (under the page's heading): set one, or change it with the current one. */
@Component({
  selector: 'app-pin-section',
  imports: [ReactiveFormsModule, MatButton, NewPinFields, TextField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      @if (call.error(); as message) {
        <p class="lk-error" role="alert" data-testid="pin-error">{{ message }}</p>
      }
      @if (hasPin()) {
        <app-text-field
          label="Current PIN"
          type="password"
          inputmode="numeric"
          autocomplete="current-password"
          [control]="form.controls.currentPin"
          [messages]="currentPinMessages"
          [dynamicSubscript]="true"
          testId="current-pin"
        />
      }
      <app-new-pin-fields [controls]="form.controls" testId="new-pin" />
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="call.busy()" data-testid="save-pin">
          {{ hasPin() ? 'Change PIN' : 'Set PIN' }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './profile-section.scss',
})
export class PinSection {
  private readonly api = inject(ProfileApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  readonly hasPin = input.required<boolean>();
  /** The PIN is set (or changed). */
  readonly saved = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({ currentPin: [''], ...newPinControls() });
  protected readonly call = new FormCall(this.form, { incorrect: 'The current PIN is incorrect.' });
  protected readonly currentPinMessages: FieldMessages = {
    required: 'Enter your current PIN.',
    server: { text: (reason) => pinProblemText(String(reason)), testId: 'current-pin-error' },
  };

  constructor() {
    // The current PIN is asked for only once there is one.
    effect(() => {
      const current = this.form.controls.currentPin;
      current.setValidators(this.hasPin() ? [Validators.required] : []);
      current.updateValueAndValidity();
    });
  }

  protected save(): void {
    const hadPin = this.hasPin();
    const { currentPin, pin, pinConfirmation } = this.form.getRawValue();
    const request: ChangePinRequest = { pin, pinConfirmation };
    if (hadPin) {
      request.currentPin = currentPin;
    }
    this.call.send(
      () => this.api.changePin(request),
      () => {
        // Not submitted any more either: the emptied required fields are not in error.
        this.formDirective().resetForm();
        this.snackBar.open(hadPin ? 'Your PIN was changed.' : 'Your PIN is set.', 'Close', {
          duration: 5000,
        });
        this.saved.emit();
      },
      (problem) => {
        if (problem.reason !== 'incorrect') {
          return false;
        }
        const current = this.form.controls.currentPin;
        current.setErrors({ server: pinProblemText(problem.message ?? 'Incorrect PIN') });
        current.markAsTouched();
        return true;
      },
    );
  }
}

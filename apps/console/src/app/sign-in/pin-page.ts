import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { PinRequest } from '@latchkey/contracts';
import { FactorApi } from './factor-api';
import { FactorStep, fieldMessages } from './factor-step';
import { RememberBrowser } from './remember-browser';
import { StepExits } from './step-exits';

/** The 'pin' step: enter the PIN. */
@Component({
  selector: 'app-pin-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
    RememberBrowser,
    StepExits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">Enter your PIN</h1>
    <p class="intro">Your account asks for your PIN after your password.</p>

    @if (error(); as message) {
      <p class="lk-error" role="alert" data-testid="pin-error">{{ message }}</p>
    }

    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>PIN</mat-label>
        <input
          #pinInput
          matInput
          type="password"
          inputmode="numeric"
          autocomplete="off"
          formControlName="pin"
          required
          data-testid="pin"
        />
        @if (pin.hasError('required')) {
          <mat-error>Enter your PIN.</mat-error>
        } @else if (pin.hasError('pattern')) {
          <mat-error>A PIN has digits only.</mat-error>
        }
      </mat-form-field>
      <app-remember-browser />
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy() || lockedForGood()" data-testid="submit-pin">
          Continue
        </button>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Checking the PIN" />
      }
    </form>
    <p class="hint">Forgot your PIN? Ask your account owner to reset it.</p>

    <app-step-exits [disabled]="busy()" />
  `,
  styleUrl: './factor-page.scss',
})
export class PinPage {
  private readonly api = inject(FactorApi);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('pinInput');
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly remember = viewChild.required(RememberBrowser);
  private readonly step = new FactorStep(this.input, { incorrect: 'Incorrect PIN.' });

  protected readonly form = inject(NonNullableFormBuilder).group({
    pin: ['', [Validators.required, Validators.pattern(/^\d+$/)]],
  });
  protected readonly pin = this.form.controls.pin;
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  protected readonly lockedForGood = this.step.lockedForGood;

  constructor() {
    this.step.focus();
  }

  protected submit(): void {
    this.step.send(
      this.pin,
      () => {
        const request: PinRequest = { pin: this.pin.value };
        if (this.remember().wanted()) {
          request.rememberBrowser = true;
        }
        return this.api.pin(request);
      },
      (failure) => {
        this.error.set(failure.kind === 'fields' ? fieldMessages(failure) : failure.message);
        if (failure.kind === 'failed' && failure.reason !== null) {
          this.formDirective().resetForm();
          this.step.focus();
        }
      },
    );
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PinRequest } from '@latchkey/contracts';
import { TextField } from '../core/text-field';
import { FactorApi } from './factor-api';
import { FactorStep, fieldMessages } from './factor-step';
import { RememberBrowser } from './remember-browser';
import { StepExits } from './step-exits';
import { StepSubmit } from './step-submit';

/** The 'pin' step: enter the PIN. */
@Component({
  selector: 'app-pin-page',
  imports: [ReactiveFormsModule, TextField, RememberBrowser, StepExits, StepSubmit],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">Enter your PIN</h1>
    <p class="intro">Your account asks for your PIN after your password.</p>

    @if (error(); as message) {
      <p class="lk-error" role="alert" data-testid="pin-error">{{ message }}</p>
    }

    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <app-text-field
        label="PIN"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        [control]="pin"
        [messages]="{ required: 'Enter your PIN.', pattern: 'A PIN has digits only.' }"
        testId="pin"
      />
      <app-remember-browser />
      <app-step-submit
        [busy]="busy()"
        [lockedForGood]="lockedForGood()"
        testId="submit-pin"
        busyLabel="Checking the PIN"
      >
        Continue
      </app-step-submit>
    </form>
    <p class="hint">Forgot your PIN? Ask your account owner to reset it.</p>

    <app-step-exits [disabled]="busy()" />
  `,
  styleUrl: './factor-page.scss',
})
export class PinPage {
  private readonly api = inject(FactorApi);
  private readonly field = viewChild(TextField);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly remember = viewChild.required(RememberBrowser);
  private readonly step = new FactorStep(
    computed(() => this.field()?.input()),
    { incorrect: 'Incorrect PIN.' },
  );

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

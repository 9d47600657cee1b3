import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  LOCALE_ID,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { FactorApi } from './factor-api';
import { readFactorFailure } from '../shared/factor-failure';
import { placeFieldErrors } from '../shared/form-errors';
import { PIN_RULES, pinProblemText, pinValidators } from '../shared/pin-rules';
import { SignInFlow } from './sign-in-flow';
import { StepExits } from './step-exits';


/** The 'pin-setup' step: choose a PIN, typed twice. */
@Component({
  selector: 'app-pin-setup-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
    StepExits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './pin-setup-page.html',
  styleUrl: './factor-page.scss',
})
export class PinSetupPage {
  private readonly api = inject(FactorApi);
  private readonly flow = inject(SignInFlow);
  private readonly locale = inject(LOCALE_ID);
  private readonly pinInput = viewChild<ElementRef<HTMLInputElement>>('pinInput');

  protected readonly rules = PIN_RULES;
  protected readonly problemText = pinProblemText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    pin: ['', pinValidators],
    pinConfirmation: ['', [Validators.required]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Like the other step pages: start in the first field.
    afterNextRender(() => this.pinInput()?.nativeElement.focus(), { injector: inject(Injector) });
  }

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const { pin, pinConfirmation } = this.form.controls;
    if (pinConfirmation.value && pin.value !== pinConfirmation.value) {
      pinConfirmation.setErrors({ mismatch: true });
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.setUpPin(this.form.getRawValue()).subscribe({
      next: (answer) => this.flow.proceed(answer),
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const outcome = readFactorFailure(error, this.locale);
    if (outcome.kind === 'expired') {
      this.flow.expired();
      return;
    }
    if (outcome.kind === 'failed') {
      this.error.set(outcome.message);
      return;
    }
    const unplaced = placeFieldErrors(this.form, outcome.errors);
    this.error.set(unplaced.length > 0 ? unplaced.join(' ') : null);
  }
}

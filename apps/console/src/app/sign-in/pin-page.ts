import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  LOCALE_ID,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { PinRequest } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { FactorApi } from './factor-api';
import { readFactorFailure } from './factor-failure';
import { rememberDaysOf, rememberLabel } from './remember-browser';
import { SignInFlow } from './sign-in-flow';
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
    MatCheckbox,
    MatProgressBar,
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
      @if (rememberDays() > 0) {
        <mat-checkbox [formControl]="rememberBrowser" data-testid="remember-browser">
          {{ rememberLabel(rememberDays()) }}
        </mat-checkbox>
      }
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
  private readonly flow = inject(SignInFlow);
  private readonly locale = inject(LOCALE_ID);
  private readonly injector = inject(Injector);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('pinInput');
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly session = inject(SessionStore);

  protected readonly form = this.fb.group({
    pin: ['', [Validators.required, Validators.pattern(/^\d+$/)]],
  });
  protected readonly pin = this.form.controls.pin;
  /** Days this browser may skip the PIN; 0 hides the choice. */
  protected readonly rememberDays = computed(() => rememberDaysOf(this.session.answer()));
  protected readonly rememberLabel = rememberLabel;
  /** Outside the form: a wrong PIN clears the field, not this choice. */
  protected readonly rememberBrowser = this.fb.control(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly lockedForGood = signal(false);

  constructor() {
    this.focusPin();
  }

  protected submit(): void {
    if (this.busy() || this.lockedForGood()) {
      return;
    }
    if (this.pin.invalid) {
      this.pin.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const request: PinRequest = { pin: this.pin.value };
    if (this.rememberDays() > 0 && this.rememberBrowser.value) {
      request.rememberBrowser = true;
    }
    this.api.pin(request).subscribe({
      next: (answer) => this.flow.proceed(answer),
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const outcome = readFactorFailure(error, this.locale, { incorrect: 'Incorrect PIN.' });
    if (outcome.kind === 'expired') {
      this.flow.expired();
      return;
    }
    this.error.set(
      outcome.kind === 'fields' ? outcome.errors.flatMap((e) => e.messages).join(' ') : outcome.message,
    );
    if (outcome.kind === 'failed') {
      this.lockedForGood.set(outcome.ownerMustUnlock);
      if (outcome.reason !== null) {
        this.formDirective().resetForm();
        this.focusPin();
      }
    }
  }

  private focusPin(): void {
    afterNextRender(() => this.input()?.nativeElement.focus(), { injector: this.injector });
  }
}

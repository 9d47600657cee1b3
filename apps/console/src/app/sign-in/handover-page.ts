import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { HANDOVER_CODE_PATTERN, HandoverKind } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { FactorApi } from './factor-api';
import { FactorStep, fieldMessages } from './factor-step';
import { StepExits } from './step-exits';

/**
 * The 'handover' step: the one-time code an owner gave the user, after a reset of their second
 * factor or, as an enrolment invite, when they created the login (the answer's `handover`).
 */
@Component({
  selector: 'app-handover-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatInput,
    MatButton,
    MatProgressBar,
    StepExits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (kind() === 'invite') {
      <h1 class="title">Enter your enrolment code</h1>
      <p class="intro" data-testid="handover-intro">
        Enter the one-time enrolment code your account owner gave you when they created your login. Then you
        set up your second factor.
      </p>
    } @else {
      <h1 class="title">Enter the code from your account owner</h1>
      <p class="intro" data-testid="handover-intro">
        Your second factor was reset. Your account owner gave you a one-time code after checking it was you;
        enter it to set up your new phone.
      </p>
    }

    @if (error(); as message) {
      <p class="lk-error" role="alert" data-testid="handover-error">{{ message }}</p>
    }

    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>One-time code</mat-label>
        <input
          #codeInput
          matInput
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          formControlName="code"
          required
          data-testid="handover-code-input"
        />
        <mat-hint>Like ABCD-EFGH</mat-hint>
        @if (code.hasError('required')) {
          <mat-error>Enter the code.</mat-error>
        } @else if (code.hasError('pattern')) {
          <mat-error>The code has eight letters and digits, like ABCD-EFGH.</mat-error>
        }
      </mat-form-field>
      <div class="actions">
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy() || lockedForGood()"
          data-testid="submit-handover"
        >
          Continue
        </button>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Checking the code" />
      }
    </form>
    <p class="hint">No code, or it expired? Ask your account owner for a new one.</p>

    <app-step-exits [disabled]="busy()" />
  `,
  styleUrl: './factor-page.scss',
})
export class HandoverPage {
  private readonly api = inject(FactorApi);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly answer = inject(SessionStore).answer;
  private readonly step = new FactorStep(this.input, { incorrect: 'Incorrect code.' });

  /** Why the code is asked for; an answer that does not say is a reset's. */
  protected readonly kind = computed<HandoverKind>(() => {
    const answer = this.answer();
    return answer?.state === 'handover' && answer.handover === 'invite' ? 'invite' : 'reset';
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(HANDOVER_CODE_PATTERN)]],
  });
  protected readonly code = this.form.controls.code;
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  protected readonly lockedForGood = this.step.lockedForGood;

  constructor() {
    this.code.valueChanges.subscribe((value) => {
      const upper = value.toUpperCase().trim();
      if (upper !== value) this.code.setValue(upper, { emitEvent: false });
    });
    this.step.focus();
  }

  protected submit(): void {
    this.step.send(
      this.code,
      () => this.api.handover({ code: this.code.value }),
      (failure) => this.error.set(failure.kind === 'fields' ? fieldMessages(failure) : failure.message),
    );
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { HANDOVER_CODE_PATTERN, HandoverKind, normaliseHandoverCode } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { TextField } from '../core/text-field';
import { FactorApi } from './factor-api';
import { FactorStep, fieldMessages } from './factor-step';
import { StepExits } from './step-exits';
import { StepSubmit } from './step-submit';

/** `{ pattern: true }` unless the code, read as the API reads it, looks like `ABCD-EFGH`. */
function handoverFormat(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  return value === '' || HANDOVER_CODE_PATTERN.test(normaliseHandoverCode(value)) ? null : { pattern: true };
}

/**
 * The 'handover' step: the one-time code an owner gave the user, after a reset of their second
 * factor or, as an enrolment invite, when they created the login (the answer's `handover`). The
 * code is taken in any case, with or without its dash, with spaces, and sent as `ABCD-EFGH`.
 */
@Component({
  selector: 'app-handover-page',
  imports: [ReactiveFormsModule, TextField, StepExits, StepSubmit],
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
      <app-text-field
        label="One-time code"
        autocomplete="off"
        autocapitalize="characters"
        [spellcheck]="false"
        [control]="code"
        [messages]="codeMessages"
        hint="Like ABCD-EFGH"
        [alwaysHint]="true"
        testId="handover-code-input"
      />
      <app-step-submit
        [busy]="busy()"
        [lockedForGood]="lockedForGood()"
        testId="submit-handover"
        busyLabel="Checking the code"
      >
        Continue
      </app-step-submit>
    </form>
    <p class="hint">No code, or it expired? Ask your account owner for a new one.</p>

    <app-step-exits [disabled]="busy()" />
  `,
  styleUrl: './factor-page.scss',
})
export class HandoverPage {
  private readonly api = inject(FactorApi);
  private readonly field = viewChild(TextField);
  private readonly answer = inject(SessionStore).answer;
  private readonly step = new FactorStep(
    computed(() => this.field()?.input()),
    { incorrect: 'Incorrect code.' },
  );

  /** Why the code is asked for; an answer that does not say is a reset's. */
  protected readonly kind = computed<HandoverKind>(() => {
    const answer = this.answer();
    return answer?.state === 'handover' && answer.handover === 'invite' ? 'invite' : 'reset';
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, handoverFormat]],
  });
  protected readonly code = this.form.controls.code;
  protected readonly codeMessages = {
    required: 'Enter the code.',
    pattern: 'The code has eight letters and digits, like ABCD-EFGH.',
  };
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
      () => this.api.handover({ code: normaliseHandoverCode(this.code.value) }),
      (failure) => this.error.set(failure.kind === 'fields' ? fieldMessages(failure) : failure.message),
    );
  }
}

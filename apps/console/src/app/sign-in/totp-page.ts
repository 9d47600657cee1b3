import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { SignInAnswer, SignedInAnswer, TotpCodeRequest } from '@latchkey/contracts';
import { FieldMessages, TextField } from '../core/text-field';
import { AuthenticatorCode } from '../shared/enrolment/authenticator-code';
import { ClockHint } from '../shared/enrolment/clock-hint';
import { CodeKind, codeFormat, normaliseCode } from '../shared/code-format';
import { BackupCodesLeft } from './backup-codes-left';
import { FactorApi } from './factor-api';
import { FactorStep, fieldMessages } from './factor-step';
import { RememberBrowser } from './remember-browser';
import { SignInFlow } from './sign-in-flow';
import { StepExits } from './step-exits';
import { StepSubmit } from './step-submit';

/**
 * The 'totp' step: a code from the authenticator app, or one of the backup codes. A sign-in with a
 * backup code says how many are left before it goes on.
 */
@Component({
  selector: 'app-totp-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    AuthenticatorCode,
    BackupCodesLeft,
    ClockHint,
    RememberBrowser,
    StepExits,
    StepSubmit,
    TextField,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-page.html',
  styleUrl: './factor-page.scss',
})
export class TotpPage {
  private readonly api = inject(FactorApi);
  private readonly flow = inject(SignInFlow);
  private readonly appCode = viewChild(AuthenticatorCode);
  private readonly backupCode = viewChild(TextField);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly remember = viewChild.required(RememberBrowser);
  private readonly step = new FactorStep(
    computed(() => this.appCode()?.input() ?? this.backupCode()?.input()),
  );

  protected readonly kind = signal<CodeKind>('app');
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
  });
  protected readonly code = this.form.controls.code;
  protected readonly backupCodeMessages: FieldMessages = {
    required: 'Enter one of your backup codes.',
    format: 'A backup code looks like 3-k7qp-2m4x-hc.',
  };
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  protected readonly drifted = signal(false);
  /** Locked until an owner unlocks it: trying again is pointless. */
  protected readonly lockedForGood = this.step.lockedForGood;
  /** Signed in with a backup code: the answer, held until the person has read how many are left. */
  protected readonly backupSignIn = signal<SignedInAnswer | null>(null);

  constructor() {
    this.step.focus();
  }

  protected use(kind: CodeKind): void {
    this.kind.set(kind);
    this.code.setValidators([Validators.required, codeFormat(kind)]);
    this.clear();
    this.error.set(null);
    this.drifted.set(false);
  }

  protected submit(): void {
    this.step.send(
      this.code,
      () => {
        const request: TotpCodeRequest = { code: normaliseCode(this.kind(), this.code.value) };
        if (this.remember().wanted()) {
          request.rememberBrowser = true;
        }
        return this.api.totp(request);
      },
      (failure) => {
        if (failure.kind === 'fields') {
          this.code.setErrors({ server: fieldMessages(failure) });
          this.code.markAsTouched();
          return;
        }
        this.error.set(failure.message);
        this.drifted.set(failure.reason === 'clock-drift');
        if (failure.reason !== null && this.kind() === 'app') {
          // Wrong, used or from another time: the next try needs a new code. (A mistyped backup
          // code stays, to be corrected.)
          this.clear();
        }
      },
      (answer) => this.answered(answer),
    );
  }

  /** Goes on with the sign-in a backup code finished. */
  protected proceed(answer: SignInAnswer): void {
    this.flow.proceed(answer);
  }

  /** Goes on, unless a backup code signed in: then first how many codes are left. */
  private answered(answer: SignInAnswer): void {
    if (answer.state === 'signed-in' && answer.backupCodesLeft !== undefined) {
      this.busy.set(false);
      this.backupSignIn.set(answer);
      return;
    }
    this.flow.proceed(answer);
  }

  /** An empty field, not yet in error, ready for the next code. */
  private clear(): void {
    this.formDirective().resetForm();
    this.step.focus();
  }
}

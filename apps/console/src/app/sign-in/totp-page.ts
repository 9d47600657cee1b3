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
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TotpCodeRequest } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { ClockHint } from './clock-hint';
import { CodeKind, codeFormat, normaliseCode } from './code-format';
import { FactorApi } from './factor-api';
import { readFactorFailure } from './factor-failure';
import { rememberDaysOf, rememberLabel } from './remember-browser';
import { SignInFlow } from './sign-in-flow';
import { StepExits } from './step-exits';

/** The 'totp' step: a code from the authenticator app, or one of the backup codes. */
@Component({
  selector: 'app-totp-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    MatCheckbox,
    MatProgressBar,
    ClockHint,
    StepExits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-page.html',
  styleUrl: './factor-page.scss',
})
export class TotpPage {
  private readonly api = inject(FactorApi);
  private readonly flow = inject(SignInFlow);
  private readonly locale = inject(LOCALE_ID);
  private readonly injector = inject(Injector);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly session = inject(SessionStore);

  protected readonly kind = signal<CodeKind>('app');
  protected readonly form = this.fb.group({
    code: ['', [Validators.required, codeFormat('app')]],
  });
  protected readonly code = this.form.controls.code;
  /** Days this browser may skip the code; 0 hides the choice. */
  protected readonly rememberDays = computed(() => rememberDaysOf(this.session.answer()));
  protected readonly rememberLabel = rememberLabel;
  /** Outside the form: a wrong code clears the field, not this choice. */
  protected readonly rememberBrowser = this.fb.control(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly drifted = signal(false);
  /** Locked until an owner unlocks it: trying again is pointless. */
  protected readonly lockedForGood = signal(false);

  constructor() {
    this.focusCode();
  }

  protected use(kind: CodeKind): void {
    this.kind.set(kind);
    this.code.setValidators([Validators.required, codeFormat(kind)]);
    this.clear();
    this.error.set(null);
    this.drifted.set(false);
  }

  protected submit(): void {
    if (this.busy() || this.lockedForGood()) {
      return;
    }
    if (this.code.invalid) {
      this.code.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const request: TotpCodeRequest = { code: normaliseCode(this.kind(), this.code.value) };
    if (this.rememberDays() > 0 && this.rememberBrowser.value) {
      request.rememberBrowser = true;
    }
    this.api.totp(request).subscribe({
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
    if (outcome.kind === 'fields') {
      this.code.setErrors({ server: outcome.errors.flatMap((e) => e.messages).join(' ') });
      this.code.markAsTouched();
      return;
    }
    this.error.set(outcome.message);
    this.drifted.set(outcome.reason === 'clock-drift');
    this.lockedForGood.set(outcome.ownerMustUnlock);
    if (outcome.reason !== null && this.kind() === 'app') {
      // Wrong, used or from another time: the next try needs a new code. (A mistyped backup
      // code stays, to be corrected.)
      this.clear();
    }
  }

  /** An empty field, not yet in error, ready for the next code. */
  private clear(): void {
    this.formDirective().resetForm();
    this.focusCode();
  }

  private focusCode(): void {
    afterNextRender(() => this.input()?.nativeElement.focus(), { injector: this.injector });
  }
}

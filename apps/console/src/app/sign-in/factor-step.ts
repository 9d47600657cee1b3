import { ElementRef, LOCALE_ID, Signal, inject, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { SignInAnswer } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { focusAfterRender } from '../core/focus-after-render';
import { FactorOutcome, FailureWords, readFactorFailure } from '../shared/factor-failure';
import { SignInFlow } from './sign-in-flow';

/** A failure the page itself shows: a 400's field messages, or a refusal in words. */
export type StepFailure = Exclude<FactorOutcome, { kind: 'expired' }>;

/**
 * What the sign-in steps share: the first thing to focus, busy while the call runs, the answer
 * handed to the flow, and for the factor steps (PIN, code, handover code, PIN set-up) an expired
 * sign-in sent back to the start and a lock only an owner can lift, after which trying again is
 * pointless. Make it in a field initializer (it injects); the page says what a failure means for
 * its form.
 */
export class FactorStep {
  private readonly flow = inject(SignInFlow);
  private readonly locale = inject(LOCALE_ID);

  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  /** Locked until an owner unlocks it. */
  readonly lockedForGood = signal(false);

  /** Focus the target (the field, or the step's heading) once the page has rendered. */
  readonly focus: () => void;

  constructor(
    target?: Signal<ElementRef<HTMLElement> | undefined>,
    private readonly words?: FailureWords,
  ) {
    this.focus = focusAfterRender(() => target?.());
  }

  /**
   * Send `call()` unless a call is running, the login is locked for good or `control` is invalid
   * (then its fields are marked touched). The answer goes to `answered` (by default the flow, which
   * goes on); a failure to `failed`.
   */
  call(
    control: AbstractControl | null,
    call: () => Observable<SignInAnswer>,
    failed: (error: unknown) => void,
    answered: (answer: SignInAnswer) => void = (answer) => this.flow.proceed(answer),
  ): void {
    if (this.busy() || this.lockedForGood()) {
      return;
    }
    if (control?.invalid) {
      control.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    call().subscribe({
      next: answered,
      error: (error: unknown) => {
        this.busy.set(false);
        failed(error);
      },
    });
  }

  /**
   * `call` for a factor: an expired sign-in starts again; a failure the page shows goes to
   * `failed`, after the lock is noted.
   */
  send(
    control: AbstractControl,
    call: () => Observable<SignInAnswer>,
    failed: (failure: StepFailure) => void,
    answered?: (answer: SignInAnswer) => void,
  ): void {
    this.call(
      control,
      call,
      (error) => {
        const outcome = readFactorFailure(error, this.locale, this.words);
        if (outcome.kind === 'expired') {
          this.flow.expired();
          return;
        }
        if (outcome.kind === 'failed') {
          this.lockedForGood.set(outcome.ownerMustUnlock);
        }
        failed(outcome);
      },
      answered,
    );
  }
}

/** The messages of a 400 in one line. */
export function fieldMessages(failure: Extract<StepFailure, { kind: 'fields' }>): string {
  return failure.errors.flatMap((e) => e.messages).join(' ');
}

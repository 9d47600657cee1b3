import { LOCALE_ID, inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { Observable } from 'rxjs';
import { FailureWords } from '../shared/factor-failure';
import { ProfileProblem, readProblem, showProblem } from '../shared/form-errors';

/**
 * One call at a time from one of the profile's forms: busy while it runs (its buttons disabled),
 * and the error line above the form, with a 400's field messages under the fields. Make it in a
 * field initializer (it injects).
 */
export class FormCall {
  private readonly locale = inject(LOCALE_ID);

  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  constructor(
    private readonly form: FormGroup,
    private readonly words?: FailureWords,
  ) {}

  /**
   * Send `call()` unless one runs or the form is invalid (then its errors show). `refused` may
   * handle a failure itself (answering true); otherwise it is shown.
   */
  send<T>(
    call: () => Observable<T>,
    done: (answer: T) => void,
    refused?: (problem: ProfileProblem) => boolean,
  ): void {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    call().subscribe({
      next: (answer) => {
        this.busy.set(false);
        done(answer);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = readProblem(error, this.locale, this.words);
        if (!refused?.(problem)) {
          this.error.set(showProblem(this.form, problem));
        }
      },
    });
  }
}

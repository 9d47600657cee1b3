import { signal } from '@angular/core';
import { AbstractControl, FormGroup } from '@angular/forms';
import { Observable } from 'rxjs';
import { readApiError } from '../core/api-error';
import { placeFieldErrors } from './form-errors';
import { problemText } from './problem-text';

export interface SendHandlers<T> {
  /** The answer. Busy ends first, unless `keepBusy` (a dialog that closes with it stays disabled). */
  next: (answer: T) => void;
  /** The error line for a failure (busy has ended). */
  error: (error: unknown) => string;
  keepBusy?: boolean;
}

/**
 * One call at a time from a form or dialog: `busy` while it runs (its buttons disabled), and the
 * error line above the form, cleared when the next call starts.
 */
export class Submission {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  /** Whether to send now: not while a call runs, nor while `form` is invalid (then its errors show). */
  ready(form?: AbstractControl): boolean {
    if (this.busy()) {
      return false;
    }
    if (form?.invalid) {
      form.markAllAsTouched();
      return false;
    }
    return true;
  }

  send<T>(call: Observable<T>, { next, error, keepBusy = false }: SendHandlers<T>): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (answer) => {
        if (!keepBusy) {
          this.busy.set(false);
        }
        next(answer);
      },
      error: (failure: unknown) => {
        this.busy.set(false);
        this.error.set(error(failure));
      },
    });
  }
}

export interface FormFailureWords {
  /** Any other failure in words; the admin wording (`problemText`) unless said. */
  general?: (error: unknown) => string;
  /** The line when every field message found its field. */
  placed?: string;
  /** The API's field names that the form names otherwise. */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * A failed submit in words: a 400's field messages go under the form's fields (the line says what
 * is left, or `placed`); any other failure is `general`.
 */
export function formFailureText(form: FormGroup, error: unknown, words: FormFailureWords = {}): string {
  const { general = problemText, placed = 'Please correct the highlighted fields.', aliases } = words;
  const problem = readApiError(error);
  if (problem.status === 400 && problem.errors.length > 0) {
    const unplaced = placeFieldErrors(form, problem.errors, aliases);
    return unplaced.length > 0 ? unplaced.join(' ') : placed;
  }
  return general(error);
}

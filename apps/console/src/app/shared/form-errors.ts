import { FormGroup } from '@angular/forms';
import { FactorFailure, FieldError } from '@latchkey/contracts';
import { FailureWords, readFactorFailure } from './factor-failure';

/** What a failed profile call means for the form that made it. */
export interface ProfileProblem {
  /** The line to show above the form; null when everything went under the fields. */
  message: string | null;
  /** The field messages of a 400. */
  fields: FieldError[];
  /** Why a code or PIN was refused, when the API said. */
  reason: FactorFailure | null;
}

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/** Read a failure with the sign-in steps' wording, so a wrong code reads the same everywhere. */
export function readProblem(error: unknown, locale: string, words?: FailureWords): ProfileProblem {
  const outcome = readFactorFailure(error, locale, words);
  switch (outcome.kind) {
    case 'expired':
      return { message: SESSION_ENDED, fields: [], reason: null };
    case 'fields':
      return { message: null, fields: outcome.errors, reason: null };
    default:
      return { message: outcome.message, fields: [], reason: outcome.reason };
  }
}

/**
 * Put the field messages of a 400 under the fields the form has (as a `server` error) and answer
 * the rest, which belong in the form's own error line. What the user typed stays as it was.
 * `aliases` maps the API's field names to the form's where they differ.
 */
export function placeFieldErrors(
  form: FormGroup,
  errors: readonly FieldError[],
  aliases: Readonly<Record<string, string>> = {},
): string[] {
  const unplaced: string[] = [];
  for (const { field, messages } of errors) {
    const control = form.get(aliases[field] ?? field);
    if (control) {
      control.setErrors({ server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unplaced.push(...messages);
    }
  }
  return unplaced;
}

/** Both at once: the fields get theirs, the answer is the line above the form (or null). */
export function showProblem(form: FormGroup, problem: ProfileProblem): string | null {
  const unplaced = placeFieldErrors(form, problem.fields);
  if (problem.message) {
    return problem.message;
  }
  return unplaced.length > 0 ? unplaced.join(' ') : null;
}

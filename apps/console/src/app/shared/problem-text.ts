import { generalMessage, readApiError } from '../core/api-error';

/** A reason as a sentence: "incorrect code" → "Incorrect code."; one that ends in . ! or ? keeps it. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    return trimmed;
  }
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A failed admin call in words: the API's field messages for a 400 ("graceDays must not be
 * greater than 365"), its own message for a 404 or 409, the general wording otherwise.
 */
export function problemText(error: unknown): string {
  const problem = readApiError(error);
  if (problem.errors.length > 0) {
    return problem.errors
      .flatMap(({ field, messages }) =>
        messages.map((m) => (m.toLowerCase().includes(field.toLowerCase()) ? m : `${field}: ${m}`)),
      )
      .join(' ');
  }
  if (problem.status === 404) {
    return problem.message ?? 'It no longer exists. Reload the page and try again.';
  }
  return generalMessage(problem);
}

/** A failed call in the general wording (no field messages): "Something went wrong on our side." */
export function generalText(error: unknown): string {
  return generalMessage(readApiError(error));
}

import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, FieldError } from '@latchkey/contracts';

/** What the console makes of a failed call. */
export interface ApiProblem {
  status: number;
  /** The API's own message, when it sent one. */
  message: string | null;
  errors: FieldError[];
  /** Seconds from a Retry-After header (429), when present. */
  retryAfter: number | null;
}

export function readApiError(error: unknown): ApiProblem {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, message: null, errors: [], retryAfter: null };
  }
  const raw = apiErrorBody(error);
  const body = isErrorBody(raw) ? raw : null;
  const message = body?.message;
  const retryAfter = Number.parseInt(error.headers?.get('Retry-After') ?? '', 10);
  return {
    status: error.status,
    message: Array.isArray(message) ? message.join(' ') : (message ?? null),
    errors: Array.isArray(body?.errors) ? body.errors : [],
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

/**
 * The JSON body of a failed call, for what a page reads beyond the common fields (a factor
 * failure's `reason`, a lock's `lockedUntil`); null when the call did not fail with a body. The
 * one place, with `readApiError`, that looks inside an `HttpErrorResponse`.
 */
export function apiErrorBody(error: unknown): Readonly<Record<string, unknown>> | null {
  if (!(error instanceof HttpErrorResponse) || typeof error.error !== 'object' || error.error === null) {
    return null;
  }
  return error.error as Record<string, unknown>;
}

/** Messages for failures that are not about what the user typed. */
export function generalMessage(problem: ApiProblem): string {
  if (problem.status === 0) {
    return 'Latchkey cannot be reached. Check your connection and try again.';
  }
  if (problem.status === 429) {
    return problem.retryAfter
      ? `Too many attempts. Please wait ${problem.retryAfter} seconds and try again.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  if (problem.status >= 500) {
    return 'Something went wrong on our side. Please try again.';
  }
  return problem.message ?? 'Something went wrong. Please try again.';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value;
}

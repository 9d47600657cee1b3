import { formatDate } from '@angular/common';
import { FACTOR_FAILURES, FactorFailure, FactorFailureBody, FieldError } from '@latchkey/contracts';
import { apiErrorBody, generalMessage, readApiError } from '../core/api-error';
import { asSentence } from './problem-text';

/** What a failed second-factor call means for the page that made it. */
export type FactorOutcome =
  /** A 401 without a reason: the pending sign-in is gone, start again. */
  | { kind: 'expired' }
  /** A 400: what the user typed is refused, field by field. */
  | { kind: 'fields'; errors: FieldError[] }
  /** Anything else, in words; `reason` when the API named one. */
  | {
      kind: 'failed';
      message: string;
      reason: FactorFailure | null;
      driftSeconds: number | null;
      ownerMustUnlock: boolean;
    };

/** The words for a failure when the API sends none. */
export interface FailureWords {
  incorrect: string;
}

const LOCKED_FOR_NOW = 'Too many wrong attempts: this login is locked for now. Please try again later.';
const CODE_WORDS: FailureWords = { incorrect: 'Incorrect code.' };

export function readFactorFailure(
  error: unknown,
  locale: string,
  words: FailureWords = CODE_WORDS,
): FactorOutcome {
  const problem = readApiError(error);
  const body = failureBody(error);
  const reason = body?.reason ?? null;
  if (problem.status === 401 && reason === null) {
    return { kind: 'expired' };
  }
  if (problem.status === 400 && problem.errors.length > 0) {
    return { kind: 'fields', errors: problem.errors };
  }
  const driftSeconds = typeof body?.driftSeconds === 'number' ? body.driftSeconds : null;
  const attemptsLeft = typeof body?.attemptsLeft === 'number' ? body.attemptsLeft : null;
  const failed = (message: string) =>
    ({
      kind: 'failed',
      message: attemptsLeft === null ? message : `${asSentence(message)} ${attemptsLeftText(attemptsLeft)}`,
      reason,
      driftSeconds,
      ownerMustUnlock:
        ((reason === 'locked' || problem.status === 423) && body?.lockedUntil === null) || attemptsLeft === 0,
    }) as const;
  if (reason === 'locked' || problem.status === 423) {
    return failed(lockedMessage(body?.lockedUntil, locale) ?? problem.message ?? LOCKED_FOR_NOW);
  }
  switch (reason) {
    case 'incorrect':
      return failed(problem.message ?? words.incorrect);
    case 'clock-drift':
      return failed(problem.message ?? driftMessage(driftSeconds));
    case 'replayed':
      return failed(problem.message ?? 'That code was already used. Wait for the next one and try again.');
    default:
      return failed(generalMessage(problem));
  }
}

/**
 * What a wrong guess leaves before the lock, once few remain (the answer's `attemptsLeft`):
 * "2 attempts left before this login is locked.", or that the guess locked it.
 */
export function attemptsLeftText(attemptsLeft: number): string {
  if (attemptsLeft <= 0) {
    return 'This login is now locked. Ask your account owner to unlock it.';
  }
  return `${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before this login is locked.`;
}

/**
 * The lock in words: until when, or that only an owner can lift it (`null`).
 * Undefined when the API did not say (then its own message is the best there is).
 */
export function lockedMessage(lockedUntil: string | null | undefined, locale: string): string | undefined {
  if (lockedUntil === null) {
    return 'Too many wrong attempts: this login is locked. Ask your account owner to unlock it.';
  }
  if (typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil))) {
    return `Too many wrong attempts: this login is locked until ${formatDate(lockedUntil, 'medium', locale)}. Try again then.`;
  }
  return undefined;
}

/** "Your phone's clock looks about 3 minutes ahead." */
export function driftMessage(driftSeconds: number | null): string {
  if (driftSeconds === null || driftSeconds === 0) {
    return "That code is from another time: your phone's clock looks off.";
  }
  const minutes = Math.round(Math.abs(driftSeconds) / 60);
  const amount =
    minutes < 1 ? 'less than a minute' : minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
  return `That code is from another time: your phone's clock looks ${amount} ${driftSeconds > 0 ? 'ahead' : 'behind'}.`;
}

function failureBody(error: unknown): Partial<FactorFailureBody> | null {
  const body = apiErrorBody(error) as Partial<FactorFailureBody> | null;
  if (body === null) {
    return null;
  }
  return {
    ...body,
    reason: FACTOR_FAILURES.includes(body.reason as FactorFailure) ? body.reason : undefined,
  };
}

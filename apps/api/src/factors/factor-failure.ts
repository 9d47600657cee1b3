import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ERROR_MESSAGES,
  type ErrorCode,
  type FactorFailure,
  type FactorFailureBody,
} from '@latchkey/contracts';

/** A failed second-factor attempt: 401 with a reason, or 423 when the login is locked. */
export class FactorFailureException extends HttpException {
  constructor(
    reason: FactorFailure,
    message: string,
    extra: Pick<FactorFailureBody, 'driftSeconds' | 'lockedUntil' | 'attemptsLeft'> & {
      /** When the reason's own code (`factor.<reason>`) would say less than the message. */
      code?: ErrorCode;
    } = {},
  ) {
    const status = reason === 'locked' ? HttpStatus.LOCKED : HttpStatus.UNAUTHORIZED;
    const body: FactorFailureBody = {
      statusCode: status,
      error: reason === 'locked' ? 'Locked' : 'Unauthorized',
      message,
      reason,
      ...extra,
    };
    super(body, status);
  }
}

export function driftMessage(driftSeconds: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(driftSeconds) / 60));
  const way = driftSeconds > 0 ? 'ahead' : 'behind';
  return `Incorrect code: your phone's clock looks about ${minutes} minute${minutes === 1 ? '' : 's'} ${way}. Set it to automatic time and try again.`;
}

/** The refusal of a code that was real once and has been spent: not a guess, so not counted. */
export function isReplay(e: unknown): boolean {
  return e instanceof FactorFailureException && (e.getResponse() as FactorFailureBody).reason === 'replayed';
}

export const FACTOR_GONE = ERROR_MESSAGES['factor.gone'];

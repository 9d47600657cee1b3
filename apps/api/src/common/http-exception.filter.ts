import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import {
  errorCodeOfMessage,
  isErrorCode,
  type ApiErrorBody,
  type ErrorCode,
  type ErrorParams,
  type FactorFailureBody,
} from '@latchkey/contracts';
import { DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

/**
 * Shapes every error as ApiErrorBody, with its code and params (`codeOf`): a database outage
 * becomes a 503 that says so, anything else unexpected a 500 without details.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const unavailable = isDatabaseUnavailable(exception);
    const body = unavailable ? DATABASE_UNAVAILABLE : this.toBody(exception);
    if (unavailable) this.logger.warn(`Database unavailable: ${(exception as Error)?.message ?? exception}`);
    else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : exception);
    if (response.headersSent) return;
    if (unavailable) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const fromObject = typeof raw === 'object' && raw !== null ? (raw as Partial<ApiErrorBody>) : {};
      const message =
        typeof raw === 'string'
          ? raw
          : Array.isArray(fromObject.message)
            ? fromObject.message.join('; ')
            : (fromObject.message ?? exception.message);
      // Extra fields (a factor failure's reason, drift, lock time) pass through unchanged.
      const extra = Object.fromEntries(
        Object.entries(fromObject).filter(
          ([key]) => !['statusCode', 'error', 'message', 'errors', 'code', 'params'].includes(key),
        ),
      );
      return {
        ...extra,
        statusCode: status,
        error: fromObject.error ?? HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error',
        message,
        ...codeOf(status, fromObject, message),
        ...(fromObject.errors ? { errors: fromObject.errors } : {}),
      };
    }
    return (
      bodyParserError(exception) ?? {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side',
        code: 'server.error',
        params: {},
      }
    );
  }
}

function bodyParserError(exception: unknown): ApiErrorBody | null {
  // body-parser raises plain errors carrying a status (malformed JSON, too large).
  // Only body-parser's own (they carry a `type` such as 'entity.parse.failed'), not any error with a status.
  const { status, type } = (exception ?? {}) as { status?: unknown; type?: unknown };
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    const detail = (exception as Error).message;
    return {
      statusCode: status,
      error: HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error',
      ...(status === 413
        ? { message: 'The request body is too large', code: 'request.body-too-large', params: {} }
        : {
            message: `The request body could not be read: ${detail}`,
            code: 'request.body-unreadable',
            params: { detail },
          }),
    };
  }
  return null;
}

type ThrownBody = Partial<ApiErrorBody> &
  Partial<Pick<FactorFailureBody, 'reason' | 'driftSeconds' | 'lockedUntil' | 'attemptsLeft'>>;

/**
 * The code of a refusal: the one it was thrown with; else what its body says (a session ended, a
 * validation failure, a factor's reason); else the code whose English is its message; else the
 * status's fallback (`http.*`, the message as its param).
 */
export function codeOf(
  status: number,
  body: ThrownBody,
  message: string,
): { code: ErrorCode; params: ErrorParams } {
  if (body.reason && (status === HttpStatus.UNAUTHORIZED || status === HttpStatus.LOCKED)) {
    const params: ErrorParams = { ...body.params };
    if (body.driftSeconds !== undefined) {
      params['minutes'] = Math.max(1, Math.round(Math.abs(body.driftSeconds) / 60));
      params['way'] = body.driftSeconds > 0 ? 'ahead' : 'behind';
    }
    if (body.lockedUntil) params['lockedUntil'] = body.lockedUntil;
    if (body.attemptsLeft !== undefined) params['attemptsLeft'] = body.attemptsLeft;
    return { code: isErrorCode(body.code) ? body.code : `factor.${body.reason}`, params };
  }
  if (isErrorCode(body.code)) return { code: body.code, params: body.params ?? {} };
  if (status === HttpStatus.TOO_MANY_REQUESTS) return { code: 'request.rate-limited', params: {} };
  if (body.sessionEnded) return { code: `session.ended.${body.sessionEnded}`, params: {} };
  if (body.errors && status === HttpStatus.BAD_REQUEST) {
    const fields = [...new Set(body.errors.map((e) => e.field))].join(', ');
    return { code: 'request.invalid-input', params: { fields } };
  }
  const known = errorCodeOfMessage(message);
  if (known) return { code: known, params: {} };
  return { code: HTTP_CODES[status] ?? 'http.error', params: { message } };
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'http.bad-request',
  401: 'http.unauthorized',
  403: 'http.forbidden',
  404: 'http.not-found',
  405: 'http.method-not-allowed',
  409: 'http.conflict',
  410: 'http.gone',
  413: 'http.payload-too-large',
  415: 'http.unsupported-media-type',
  422: 'http.unprocessable-entity',
  423: 'http.locked',
  503: 'http.service-unavailable',
};

/** express error middleware right after the body parser: its errors never reach Nest's filters. */
export function unreadableBody(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const body = bodyParserError(error);
  if (!body) return next(error);
  response.status(body.statusCode).json(body);
}

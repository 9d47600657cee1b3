import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '@latchkey/contracts';
import { DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

/**
 * Shapes every error as ApiErrorBody: a database outage becomes a 503 that says so, anything
 * else unexpected a 500 without details.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const unavailable = isDatabaseUnavailable(exception);
    const body = unavailable ? DATABASE_UNAVAILABLE : this.toBody(exception);
    if (unavailable) this.logger.warn(`Database unavailable: ${(exception as Error)?.message ?? exception}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
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
          ([key]) => !['statusCode', 'error', 'message', 'errors'].includes(key),
        ),
      );
      return {
        ...extra,
        statusCode: status,
        error: fromObject.error ?? HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error',
        message,
        ...(fromObject.errors ? { errors: fromObject.errors } : {}),
      };
    }
    return (
      bodyParserError(exception) ?? {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side',
      }
    );
  }
}

function bodyParserError(exception: unknown): ApiErrorBody | null {
  // body-parser raises plain errors carrying a status (malformed JSON, too large).
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      statusCode: status,
      error: HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error',
      message:
        status === 413
          ? 'The request body is too large'
          : `The request body could not be read: ${(exception as Error).message}`,
    };
  }
  return null;
}

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

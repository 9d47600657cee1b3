import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '@latchkey/contracts';

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE: ApiErrorBody = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'The database cannot be reached right now, so nothing was changed: try again in a moment',
  code: 'server.database-unavailable',
  params: {},
};

// PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown and start-up (57P01–57P03),
// too many connections; and a database closed to connections (55000 with that message).
const PG_UNAVAILABLE = /^(08\d{3}|57P0[123]|53300)$/;
const NODE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL)/;
const CLIENT_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end',
  'is not currently accepting connections',
  'Connection is not established',
];

/**
 * Whether an error means "the database is unreachable or refusing work right now" rather than a
 * defect: a lost or refused connection, a server shutting down, a locked or unwritable file.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (PG_UNAVAILABLE.test(code) || NODE_NETWORK.has(code) || SQLITE_UNAVAILABLE.test(code))
    )
      return true;
    if (typeof message === 'string' && CLIENT_MESSAGES.some((m) => message.includes(m))) return true;
    // TypeORM wraps the driver's error; AggregateError (a refused dual-stack connect) holds several.
    const inner = e as { driverError?: unknown; cause?: unknown; errors?: unknown[] };
    e = inner.driverError ?? inner.cause ?? inner.errors?.[0];
  }
  return false;
}

/**
 * express error middleware for what fails before a controller runs (the session store reading
 * the session): a database outage answers 503 in our error shape, anything else goes on.
 */
export function databaseUnavailable(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (!isDatabaseUnavailable(error) || response.headersSent) return next(error);
  response.status(503).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json(DATABASE_UNAVAILABLE);
}

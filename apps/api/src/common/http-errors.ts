import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { errorText, type ErrorCode, type ErrorParams } from '@latchkey/contracts';

/**
 * A 400 that names one field, shaped like the validation pipe's answers (`field.invalid`, or the
 * rule's own code).
 */
export function badField(field: string, message: string, code = 'field.invalid'): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message,
    errors: [{ field, messages: [message], codes: [code] }],
  });
}

/** A refusal with its code: the catalogue's English with the params, the code and params in the body. */
export function refusal(status: HttpStatus, code: ErrorCode, params: ErrorParams = {}): HttpException {
  const body = { statusCode: status, message: errorText(code, params), code, params };
  // Nest's own class for the status, so that `instanceof UnauthorizedException` still holds.
  const Refusal = BY_STATUS[status];
  return Refusal ? new Refusal(body) : new HttpException(body, status);
}

const BY_STATUS: Partial<Record<number, new (body: object) => HttpException>> = {
  [HttpStatus.BAD_REQUEST]: BadRequestException,
  [HttpStatus.UNAUTHORIZED]: UnauthorizedException,
  [HttpStatus.FORBIDDEN]: ForbiddenException,
  [HttpStatus.NOT_FOUND]: NotFoundException,
  [HttpStatus.CONFLICT]: ConflictException,
};

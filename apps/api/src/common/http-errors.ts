import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
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
  return new HttpException({ statusCode: status, message: errorText(code, params), code, params }, status);
}

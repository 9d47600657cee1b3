import { BadRequestException } from '@nestjs/common';

/** A 400 that names one field, shaped like the validation pipe's answers. */
export function badField(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message,
    errors: [{ field, messages: [message] }],
  });
}

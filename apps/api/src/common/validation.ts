import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '@latchkey/contracts';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A 400 whose message names every field at fault, with each field's messages beside it. */
export function invalidInput(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  const names = [...new Set(fields.map((f) => f.field))];
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid input: ${names.join(', ')}`,
    errors: fields,
  });
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  stopAtFirstError: false,
} as const;

/** The one validation pipe, registered globally. */
export function globalValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...OPTIONS, exceptionFactory: invalidInput });
}

/** The same rules, for the rare place that must check a body before the pipes run (a guard). */
export function assertValid<T extends object>(type: ClassConstructor<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid input: the body must be a JSON object',
    });
  }
  const instance = plainToInstance(type, body);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length > 0) throw invalidInput(errors);
  return instance;
}

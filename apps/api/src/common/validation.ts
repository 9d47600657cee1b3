import {
  BadRequestException,
  ParseUUIDPipe,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '@latchkey/contracts';

/** A validation rule's stable code: class-validator's constraint name in kebab case. */
function ruleCode(constraint: string): string {
  return `field.${constraint.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [
          {
            field,
            messages: Object.values(error.constraints),
            codes: Object.keys(error.constraints).map(ruleCode),
          },
        ]
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

/** Keys that reach JavaScript's object machinery: class-transformer throws on `constructor`. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The fields of a parsed body or query that carry a prototype key at any depth, each with its
 * path. JSON.parse makes such keys own properties; class-transformer then crashes on them
 * (`{"password": {"constructor": {}}}` threw a TypeError, a 500), so they are refused first.
 */
function prototypeKeys(value: unknown, path = '', depth = 0): FieldError[] {
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) {
      const top = path ? (path.split('.')[0] as string) : key;
      return [{ field: top, messages: [`${field} is not an accepted key`], codes: ['field.prototype-key'] }];
    }
    return prototypeKeys((value as Record<string, unknown>)[key], field, depth + 1);
  });
}

/**
 * The fields whose text carries a NUL character, at any depth. PostgreSQL cannot store or even
 * compare one in a text parameter (it failed with a 500 on a path id, a search, a name), and
 * no field of this API has a use for it: refused alike on both databases.
 */
function nulFields(value: unknown, path: string, depth = 0): FieldError[] {
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? [
          {
            field: path || 'body',
            messages: [`${path || 'body'} must not contain a NUL character`],
            codes: ['field.nul-character'],
          },
        ]
      : [];
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    const own = key.includes('\u0000')
      ? [{ field, messages: [`${field} must not contain a NUL character`], codes: ['field.nul-character'] }]
      : [];
    return [...own, ...nulFields((value as Record<string, unknown>)[key], field, depth + 1)];
  });
}

function refuseUnsafeInput(value: unknown, nulPath = ''): void {
  const fields = [...prototypeKeys(value), ...nulFields(value, nulPath)];
  if (fields.length === 0) return;
  const names = [...new Set(fields.map((f) => f.field))];
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid input: ${names.join(', ')}`,
    errors: fields,
  });
}

/** The global pipe: prototype keys and NUL characters are refused before anything else. */
class SafeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') refuseUnsafeInput(value);
    // A path parameter is one string: it is named by the parameter.
    if (metadata.type === 'param') refuseUnsafeInput(value, metadata.data ?? 'param');
    return super.transform(value, metadata);
  }
}

/** A path parameter that must be a UUID: otherwise a 400 naming it, in the shape of every other. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Invalid input: ${name}`,
        errors: [{ field: name, messages: [`${name} must be a UUID`], codes: ['field.is-uuid'] }],
      }),
  });
}

/** The one validation pipe, registered globally. */
export function globalValidationPipe(): ValidationPipe {
  return new SafeValidationPipe({ ...OPTIONS, exceptionFactory: invalidInput });
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
  refuseUnsafeInput(body);
  const instance = plainToInstance(type, body);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length > 0) throw invalidInput(errors);
  return instance;
}

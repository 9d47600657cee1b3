import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, ERROR_MESSAGES } from '@latchkey/contracts';

/**
 * The OpenAPI document names every error code the API answers: the `ApiError` schema (every
 * error body) with `code` as an enum, and `x-error-codes`, each code with its English (`{name}`
 * for a param). Clients word the code; the English is the fallback.
 */
export function withErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  components.schemas = {
    ...components.schemas,
    ApiError: {
      type: 'object',
      required: ['statusCode', 'error', 'message', 'code', 'params'],
      properties: {
        statusCode: { type: 'integer' },
        error: { type: 'string' },
        message: { type: 'string', description: 'English; the code and params say the same' },
        code: { type: 'string', enum: [...ERROR_CODES] },
        params: {
          type: 'object',
          additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        },
        errors: {
          type: 'array',
          description: 'On a 400 for invalid input: each field with its messages and their codes',
          items: {
            type: 'object',
            required: ['field', 'messages'],
            properties: {
              field: { type: 'string' },
              messages: { type: 'array', items: { type: 'string' } },
              codes: { type: 'array', items: { type: 'string', pattern: '^field\\.[a-z0-9-]+$' } },
            },
          },
        },
      },
    },
  };
  return { ...document, components, 'x-error-codes': { ...ERROR_MESSAGES } } as OpenAPIObject;
}

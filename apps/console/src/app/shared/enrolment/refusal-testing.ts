// For the specs only: the app never imports this file.
import { FactorFailureBody } from '@latchkey/contracts';

/** A refused code or PIN, as `HttpTestingController`'s `flush` takes it. */
export function refusal(status: number, body: Partial<FactorFailureBody>) {
  return [
    { statusCode: status, error: status === 423 ? 'Locked' : 'Unauthorized', ...body },
    { status, statusText: 'Error' },
  ] as const;
}

/** New PINs the console refuses before sending, as the API would, and the words under the field. */
export const REFUSED_NEW_PINS: ReadonlyArray<[string, string]> = [
  ['123456', 'The PIN is too easy to guess'],
  ['111111', 'The PIN is too easy to guess'],
  ['121212', 'The PIN is too easy to guess'],
  ['12345', 'The PIN must have at least 6 digits.'],
  ['1234567890123', 'The PIN must have at most 12 digits.'],
];

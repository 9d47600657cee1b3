// For the specs only: the app never imports this file.
import { FactorFailureBody } from '@latchkey/contracts';

/** A refused code or PIN, as `HttpTestingController`'s `flush` takes it. */
export function refusal(status: number, body: Partial<FactorFailureBody>) {
  return [
    { statusCode: status, error: status === 423 ? 'Locked' : 'Unauthorized', ...body },
    { status, statusText: 'Error' },
  ] as const;
}

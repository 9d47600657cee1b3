import { generalMessage, readApiError } from '../../core/api-error';

/** Why a PATCH of a tenant was refused: its field messages, or the general words. */
export function patchFailure(error: unknown): string {
  const problem = readApiError(error);
  const details = problem.errors.flatMap((e) => e.messages);
  return details.length > 0 ? details.join(' ') : generalMessage(problem);
}

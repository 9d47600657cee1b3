import { SignInAnswer } from '@latchkey/contracts';

/** Days the API lets this browser skip the code or PIN of the current step; 0 when it may not. */
export function rememberDaysOf(answer: SignInAnswer | null): number {
  if (answer?.state !== 'totp' && answer?.state !== 'pin') {
    return 0;
  }
  const days = answer.rememberDays ?? 0;
  return days > 0 ? days : 0;
}

/** "Remember this browser for 30 days" */
export function rememberLabel(days: number): string {
  return `Remember this browser for ${days} ${days === 1 ? 'day' : 'days'}`;
}

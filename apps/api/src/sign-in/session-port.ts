import { randomUUID } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { PendingSignInState } from '@latchkey/contracts';
import { EXPIRED_MESSAGE } from '../common/access.guard';
import { SIGNED_IN_IDLE_MS, type PendingSignIn, type SignInSession } from './sign-in-session';

/*
 * The sign-in machine's hold on the session: read the pending step, rotate the id with the next
 * state. (Issue 10 turns this into a port the services get instead of the Express request.)
 */

/** The flow of the pending sign-in in `request` (a new one for sessions from before flows). */
export function flowOf(request: Request): string {
  return request.session?.signIn?.flowId ?? randomUUID();
}

/** The pending sign-in, if it stands at one of `stages` and has not expired; 401 otherwise. */
export function pendingStep(request: Request, stages: PendingSignInState[]): PendingSignIn {
  const signIn = request.session.signIn;
  if (
    !signIn ||
    signIn.stage === 'signed-in' ||
    !stages.includes(signIn.stage) ||
    signIn.expiresAt <= Date.now()
  ) {
    throw new UnauthorizedException(EXPIRED_MESSAGE);
  }
  return signIn;
}

/** The enrolment deadline while it can still be postponed to, as ISO 8601. */
export function openDeadline(pending: PendingSignIn): string | null {
  return pending.deadline !== null && pending.deadline > Date.now()
    ? new Date(pending.deadline).toISOString()
    : null;
}

/** A new session id for every step, so an id seen before a step is worthless after it. */
export async function rotateSession(request: Request, signIn: SignInSession): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    request.session.regenerate((e: unknown) => (e ? reject(e) : resolve())),
  );
  request.session.signIn = signIn;
  request.session.cookie.maxAge =
    signIn.stage === 'signed-in' ? SIGNED_IN_IDLE_MS : signIn.expiresAt - Date.now();
  await new Promise<void>((resolve, reject) =>
    request.session.save((e: unknown) => (e ? reject(e) : resolve())),
  );
}

import { randomUUID } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PendingSignInState } from '@latchkey/contracts';
import { EXPIRED_MESSAGE } from '../common/access.guard';
import type { AppSignIn, PendingSignIn, PendingUpstream, SignInSession } from './sign-in-session';

/** What a step knows of the request it answers, as plain values (the edge reads them). */
export interface Attempt {
  /** The caller's address, for the audit log and the throttles. */
  address: string | null;
  /** The request's cookies by name (the remembered-browser tokens among them). */
  cookies: Readonly<Record<string, string>>;
}

/** A cookie a step asks the edge to set on its answer, once the step has succeeded. */
export interface OutgoingCookie {
  name: string;
  value: string;
  expires: Date;
  /** The API's paths only, or the whole site. */
  path: string;
}

/**
 * The sign-in machine's hold on the session, without the HTTP framework behind it: read the
 * state, rotate the id with the next state (inside the caller's transaction when it passes its
 * manager), destroy it. `HttpSessionPort` is the edge's implementation.
 */
export interface SessionPort {
  readonly attempt: Attempt;
  /** The sign-in state the session holds, if any. */
  current(): SignInSession | undefined;
  /** The application's sign-in under way, if any. */
  app(): AppSignIn | undefined;
  /**
   * An application's sign-in begins: the session keeps `app` (in a new session when `fresh`, the
   * current sign-in ended) until a sign-in finishes.
   */
  beginApp(app: AppSignIn, fresh: boolean): Promise<void>;
  /** A sign-in at a tenant's provider, waiting for its way back; a rotation ends it. */
  upstream(): PendingUpstream | undefined;
  setUpstream(pending: PendingUpstream | undefined): void;
  /**
   * A new session id with `next`, so an id seen before a step is worthless after it. With
   * `manager`, the old row's delete and the new row's write commit or roll back with it. The
   * application's sign-in goes with a pending state and ends with a signed-in one.
   */
  rotate(next: SignInSession, manager?: EntityManager): Promise<void>;
  /** After a rotation whose transaction rolled back: the client keeps the session it had. */
  abandonRotation(): void;
  destroy(): Promise<void>;
  /** Set on the answer once the step succeeded (never on a refused step). */
  setCookie(cookie: OutgoingCookie): void;
}

/** The flow of the pending sign-in (a new one for sessions from before flows). */
export function flowOf(port: SessionPort): string {
  return port.current()?.flowId ?? randomUUID();
}

/** The pending sign-in, if it stands at one of `stages` and has not expired; 401 otherwise. */
export function pendingStep(port: SessionPort, stages: PendingSignInState[]): PendingSignIn {
  const signIn = port.current();
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

import { ForbiddenException } from '@nestjs/common';
import type { AuditInput } from '../audit/audit.service';

const STANDING = Symbol('audit events that stand whatever the transaction does');

/**
 * Attaches audit events to an error that rolls a step's transaction back: they must stand all the
 * same (a refusal, what a provider proved), and `SignInFinish.inOneTransaction` records them once
 * the rollback is done. Answers the error.
 */
export function withStandingEvents<E>(error: E, ...events: AuditInput[]): E {
  if (typeof error === 'object' && error !== null) {
    const holder = error as { [STANDING]?: AuditInput[] };
    (holder[STANDING] ??= []).push(...events);
  }
  return error;
}

/** The events attached to `error` by `withStandingEvents`. */
export function standingEvents(error: unknown): AuditInput[] {
  return typeof error === 'object' && error !== null
    ? ((error as { [STANDING]?: AuditInput[] })[STANDING] ?? [])
    : [];
}

/** A 403 whose audit event stands although the step's transaction rolls back. */
export class AuditedRefusal extends ForbiddenException {
  constructor(message: string, event: AuditInput) {
    super(message);
    withStandingEvents(this, event);
  }
}

import type { AuditEventView, AuditQuery, Page } from './admin';

/** Which audit log an action can be read in: a tenant's, the platform's, or either. */
export type AuditLogKind = 'tenant' | 'platform';

interface AuditActionInfo {
  /** The words the console shows for the action. */
  label: string;
  /** The logs it is written to (a tenant's login, the platform's own, or no tenant). */
  logs: readonly AuditLogKind[];
}

const TENANT = ['tenant'] as const;
const PLATFORM = ['platform'] as const;
const BOTH = ['tenant', 'platform'] as const;

/**
 * Every action the audit log records, with its readable label and the logs it appears in.
 * The API writes only these (`AuditAction`); the console builds its action filter from them.
 */
export const AUDIT_ACTIONS = {
  'sign-in.succeeded': { label: 'Signed in', logs: BOTH },
  'sign-in.failed': { label: 'Sign-in failed', logs: BOTH },
  'sign-in.pick-refused': { label: 'Login pick refused', logs: PLATFORM },
  'sign-in.browser-remembered': { label: 'Signed in on a remembered browser', logs: TENANT },
  'sign-out': { label: 'Signed out', logs: BOTH },
  'sign-out.everywhere': { label: 'Signed out everywhere', logs: BOTH },
  'enrolment.postponed': { label: 'Enrolment postponed', logs: BOTH },
  'enrolment.refused': { label: 'Enrolment refused (another sign-in holds the code)', logs: TENANT },
  'factor.totp-enrolled': { label: 'Authenticator enrolled', logs: BOTH },
  'factor.device-renamed': { label: 'Authenticator renamed', logs: BOTH },
  'factor.device-removed': { label: 'Authenticator removed', logs: BOTH },
  'factor.pin-set': { label: 'PIN set', logs: TENANT },
  'factor.pin-changed': { label: 'PIN changed', logs: TENANT },
  'factor.backup-code-used': { label: 'Backup code used', logs: BOTH },
  'factor.backup-codes-regenerated': { label: 'Backup codes regenerated', logs: BOTH },
  'factor.handover-used': { label: 'One-time code from the owner used', logs: TENANT },
  'factor.opted-in': { label: 'Two-factor sign-in turned on by the user', logs: TENANT },
  'factor.opted-out': { label: 'Two-factor sign-in turned off by the user', logs: TENANT },
  'factor.failed': { label: 'Second factor failed', logs: BOTH },
  'factor.replay-refused': { label: 'Used code refused', logs: BOTH },
  'login.created': { label: 'User created', logs: TENANT },
  'login.updated': { label: 'User changed', logs: TENANT },
  'login.deactivated': { label: 'User deactivated', logs: TENANT },
  'login.reactivated': { label: 'User reactivated', logs: TENANT },
  'login.reset': { label: 'Second factor reset', logs: TENANT },
  'login.locked': { label: 'Login locked', logs: BOTH },
  'login.unlocked': { label: 'Login unlocked', logs: BOTH },
  'login.signed-out': { label: 'Signed out by an owner', logs: TENANT },
  'policy.user-type-changed': { label: 'User type policy changed', logs: TENANT },
  'policy.tenant-floor-changed': { label: '“Mandatory for all users” changed', logs: TENANT },
  'policy.exception-set': { label: 'Exception set', logs: TENANT },
  'policy.exception-removed': { label: 'Exception removed', logs: TENANT },
  'policy.handover-changed': { label: 'Handover after reset switched', logs: TENANT },
  'policy.enrolment-invite-changed': { label: 'Enrolment invite switched', logs: TENANT },
  'user-type.created': { label: 'User type created', logs: TENANT },
  'user-type.renamed': { label: 'User type renamed', logs: TENANT },
  'user-type.deleted': { label: 'User type deleted', logs: TENANT },
  'tenant.created': { label: 'Tenant created', logs: TENANT },
  'tenant.suspended': { label: 'Tenant suspended', logs: TENANT },
  'tenant.unsuspended': { label: 'Tenant resumed', logs: TENANT },
  'platform.feature-switched': { label: 'Two-factor feature switched', logs: TENANT },
  'platform.tenant-floor-changed': { label: 'Platform floor for the tenant changed', logs: TENANT },
  'platform.floor-changed': { label: 'Platform floor changed', logs: PLATFORM },
  'platform.super-user-created': { label: 'Super user created', logs: PLATFORM },
  'application.created': { label: 'Application registered', logs: TENANT },
  'application.updated': { label: 'Application changed', logs: TENANT },
  'application.secret-rotated': { label: 'Application secret rotated', logs: TENANT },
  'application.deleted': { label: 'Application deleted', logs: TENANT },
  'api-token.created': { label: 'API token created', logs: TENANT },
  'api-token.revoked': { label: 'API token revoked', logs: TENANT },
  'connection.created': { label: 'Sign-in provider connected', logs: TENANT },
  'connection.updated': { label: 'Sign-in provider changed', logs: TENANT },
  'connection.deleted': { label: 'Sign-in provider removed', logs: TENANT },
  'sign-in.upstream': { label: "Signed in through the account's provider", logs: TENANT },
  'sign-in.upstream-refused': { label: "Sign-in through the account's provider refused", logs: TENANT },
  'login.jit-created': { label: 'User created at their first sign-in through a provider', logs: TENANT },
  'demo.created': { label: 'Demo data created', logs: TENANT },
} as const satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions that can appear in one kind of log, in the order above. */
export function auditActionsOf(log: AuditLogKind): AuditAction[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) =>
    (AUDIT_ACTIONS[a].logs as readonly AuditLogKind[]).includes(log),
  );
}

/** Every action, as a list (the API checks a filter's `actions` against it). */
export const AUDIT_ACTION_LIST = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, value);
}

/**
 * The actions whose label or code holds `text`, ignoring case: how a free-text search finds an
 * event by its action's readable name (the database holds only the code).
 */
export function auditActionsMatching(text: string): AuditAction[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return AUDIT_ACTION_LIST.filter(
    (a) => a.includes(needle) || AUDIT_ACTIONS[a].label.toLowerCase().includes(needle),
  );
}

/** The label of an action; an action this build does not know (an older row) shows as itself. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, AuditActionInfo>)[action]?.label ?? action;
}

/** What an event records of a thing before and after: flat, readable values. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** The longest free-text search of the audit log. */
export const AUDIT_SEARCH_MAX_LENGTH = 200;

/**
 * GET …/audit: the filters of a log. `actions` is sent as repeated parameters
 * (`actions=login.reset&actions=sign-out`); `q` matches part of the actor, the target, the
 * action's label or the details, ignoring case; `loginId` keeps the events where that login
 * acted or was acted on.
 */
export interface AuditLogQuery extends AuditQuery {
  actions?: AuditAction[];
  q?: string;
  loginId?: string;
}

/** An event as the log answers it: who acted by name and by id. */
export interface AuditEntry extends AuditEventView {
  actorLoginId: string | null;
  actorIdentityId: string | null;
}

/** The login a log is filtered by, with its name as last recorded in that log (null: never named). */
export interface AuditPerson {
  loginId: string;
  label: string | null;
}

/** A page of the log; `person` when it is filtered by `loginId`. */
export interface AuditPage extends Page<AuditEntry> {
  person?: AuditPerson;
}

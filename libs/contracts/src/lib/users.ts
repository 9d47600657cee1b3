import type { UserListQuery, UserRow } from './admin';
import type { AuditEntry } from './audit';
import type { TwoFactorMethod } from './enums';
import type { DeviceView } from './factors';

/** What an owner may do to many logins at once (Users → select → action). */
export const BULK_ACTIONS = ['reset', 'unlock', 'set-exception', 'clear-exception', 'sign-out'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The most logins one bulk action takes: a reset hashes a handover code for each. */
export const MAX_BULK_LOGINS = 200;

/** The Users list's filters without sorting and paging: "the whole filtered set". */
export type UserFilter = Omit<UserListQuery, 'sort' | 'direction' | 'page' | 'pageSize'>;

/** POST /tenants/:tenantId/users/bulk: the selected logins, or every login the filter finds. */
export interface BulkRequest {
  action: BulkAction;
  loginIds?: string[];
  filter?: UserFilter;
  /** set-exception: the method the exception sets. */
  method?: TwoFactorMethod;
  /** set-exception: sign the logins out now when it raises their method. */
  signOut?: boolean;
}

export interface BulkRowResult {
  loginId: string;
  displayName: string;
  email: string;
  userTypeName: string;
  ok: boolean;
  /** What happened to this login, or why it was refused (nothing changed for it then). */
  message: string;
  /** reset: the one-time handover code of this login, shown once. */
  handoverCode?: string | null;
  handoverExpiresAt?: string | null;
}

export interface BulkAnswer {
  action: BulkAction;
  done: number;
  refused: number;
  results: BulkRowResult[];
}

/** GET /tenants/:tenantId/users/:loginId/detail: the owner's detail panel of one login. */
export interface LoginDetail {
  user: UserRow;
  devices: DeviceView[];
  backupCodesLeft: number;
  /** The last successful sign-in (ISO 8601), from the audit log. */
  lastSignInAt: string | null;
  lock: {
    locked: boolean;
    /** Only an owner's unlock lifts it (after second-factor failures). */
    hard: boolean;
    /** The end of a timed wait (ISO 8601). */
    until: string | null;
    failedAttempts: number;
    /** Why, in words, when locked. */
    reason: string | null;
  };
  exception: { method: TwoFactorMethod; setBy: string | null; setAt: string | null } | null;
  /** The login's newest audit events, as actor or target. */
  recentEvents: AuditEntry[];
}

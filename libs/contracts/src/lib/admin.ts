import type { TenantRole, TwoFactorMethod } from './enums';
import type { EffectivePolicy, PolicyLayer } from './policy';
import type { EnrolmentState } from './overview';

/** A stored floor or policy: the method, its grace, and who set it when (ISO 8601). */
export interface PolicySetting {
  method: TwoFactorMethod;
  graceDays: number;
  setBy: string | null;
  setAt: string | null;
}

/** A floor above the owner that fixes a minimum, shown as a lock in the console. */
export interface FloorLock {
  layer: Extract<PolicyLayer, 'platform-floor' | 'tenant-platform-floor' | 'tenant-floor'>;
  method: TwoFactorMethod;
  setBy: string | null;
  setAt: string | null;
}

/** GET /tenants/:tenantId/policy */
export interface TenantPolicyView {
  tenantId: string;
  tenantName: string;
  /** Layer 0: until a super user switches it on, owners cannot set methods. */
  twoFactorEnabled: boolean;
  platformFloor: PolicySetting | null;
  tenantPlatformFloor: PolicySetting | null;
  /** "Make 2FA mandatory for all users": the owner's floor is the authenticator. */
  mandatoryForAll: boolean;
  tenantFloor: PolicySetting | null;
  /** The strongest floor above the owner's own choices, if any. */
  lockedBy: FloorLock | null;
  /** After an owner's reset, the user must type a one-time handover code before enrolling. */
  handoverEnabled: boolean;
  /**
   * A new login must type a one-time enrolment invite (answered when the login is created)
   * before its first enrolment, so that a leaked initial password cannot enrol a stranger's phone.
   */
  enrolmentInviteRequired: boolean;
}

/** PUT /tenants/:tenantId/policy */
export interface SetTenantPolicyRequest {
  mandatoryForAll: boolean;
  graceDays: number;
  /** Sign the affected users out now instead of at their next sign-in. */
  signOutAffected?: boolean;
  /** Leave out to keep the current setting. */
  handoverEnabled?: boolean;
  /** Leave out to keep the current setting. */
  enrolmentInviteRequired?: boolean;
}

export interface UserTypeView {
  id: string;
  name: string;
  policy: PolicySetting;
  /** Days a browser may skip the code after a successful one; 0 = never. */
  rememberDays: number;
  loginCount: number;
  /** Set when a floor forces this type to at least `lockedBy.method`. */
  lockedBy: FloorLock | null;
}

/** POST /tenants/:tenantId/user-types */
export interface CreateUserTypeRequest {
  name: string;
  method?: TwoFactorMethod;
  graceDays?: number;
}

/** PATCH /tenants/:tenantId/user-types/:id */
export interface RenameUserTypeRequest {
  name: string;
}

/** PUT /tenants/:tenantId/user-types/:id/policy */
export interface SetUserTypePolicyRequest {
  method: TwoFactorMethod;
  graceDays: number;
  /** Days a browser may skip the code after a successful one (0 = never). Leave out to keep. */
  rememberDays?: number;
  signOutAffected?: boolean;
}

/** POST /tenants/:tenantId/policy/preview: the changes the Security settings form holds. */
export interface PolicyPreviewRequest {
  userTypes?: Array<{ userTypeId: string; method: TwoFactorMethod }>;
  mandatoryForAll?: boolean;
}

export interface PolicyPreviewGroup {
  userTypeId: string;
  userTypeName: string;
  /** Logins whose effective method would change. */
  affected: number;
  /** Of those, the logins that would have to enrol at their next sign-in. */
  mustEnrol: number;
}

/**
 * The preview's groups of logins: the ones whose method changes (each in one of the first three),
 * and, apart, those whose remembered browsers a raise forgets.
 */
export const PREVIEW_GROUPS = ['must-enrol', 'already-compliant', 'relaxed', 'browsers-forgotten'] as const;
export type PreviewGroupName = (typeof PREVIEW_GROUPS)[number];

export interface PreviewGroupCount {
  count: number;
  /** When the count is 0: why, in a sentence ("The platform floor already requires a PIN."). */
  why: string | null;
}

export interface PolicyPreviewAnswer {
  affected: number;
  mustEnrol: number;
  byUserType: PolicyPreviewGroup[];
  groups: Record<PreviewGroupName, PreviewGroupCount>;
}

/** POST /tenants/:tenantId/policy/preview/logins: one group of a preview, by name, a page at a time. */
export interface PolicyPreviewLoginsRequest extends PolicyPreviewRequest {
  group: PreviewGroupName;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface PreviewLoginRow {
  loginId: string;
  displayName: string;
  email: string;
  userTypeId: string;
  userTypeName: string;
  /** The effective method now, and after the change. */
  before: TwoFactorMethod;
  after: TwoFactorMethod;
}

export const USER_SORTS = ['name', 'email', 'type', 'lastSecondFactor', 'created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** GET /tenants/:tenantId/users query. `page` is 1-based. */
export interface UserListQuery {
  search?: string;
  userTypeId?: string;
  method?: TwoFactorMethod;
  enrolled?: boolean;
  /** Asked a factor it does not hold, and where it stands (implies not enrolled). */
  enrolment?: EnrolmentState;
  locked?: boolean;
  /** True: only logins that can sign in; false: only deactivated ones. */
  active?: boolean;
  /** True: only logins with an owner's exception; false: only those without. */
  exception?: boolean;
  sort?: UserSort;
  direction?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface UserRow {
  loginId: string;
  email: string;
  displayName: string;
  role: TenantRole;
  userTypeId: string;
  userTypeName: string;
  effective: EffectivePolicy;
  /** The owner's per-user exception, if any. */
  exception: TwoFactorMethod | null;
  /** Has the factor its effective method asks for (`off` counts as enrolled). */
  enrolled: boolean;
  hasAuthenticator: boolean;
  hasPin: boolean;
  lastSecondFactorAt: string | null;
  locked: boolean;
  /** Grace deadline for enrolling, once the user has met an unmet requirement at sign-in. */
  enrolDeadline: string | null;
  createdAt: string;
  /** False once an owner deactivated the login: it cannot sign in, and nothing it held works. */
  active: boolean;
  /** When it was deactivated (ISO 8601); null while active. */
  deactivatedAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** POST /tenants/:tenantId/users */
export interface CreateLoginRequest {
  email: string;
  displayName: string;
  userTypeId: string;
  /** Chosen by the owner; when absent a password is generated and answered once. */
  password?: string;
  role?: TenantRole;
}

export interface CreateLoginAnswer {
  user: UserRow;
  /** The generated initial password, shown once; null when chosen or when the email existed. */
  initialPassword: string | null;
  /** The email already had a password (another login): it keeps that password. */
  existingIdentity: boolean;
  /**
   * With `enrolmentInviteRequired`: the one-time code (`ABCD-EFGH`) the user types after the
   * password before the first enrolment; shown once. Null when the tenant does not require one.
   */
  inviteCode: string | null;
  inviteExpiresAt: string | null;
}

/**
 * PATCH /tenants/:tenantId/users/:loginId: only what is sent changes. Another user type's policy
 * applies from the login's next sign-in. `active: false` deactivates the login and signs it out
 * everywhere at once, its applications' grants and tokens included; `true` lets it sign in again.
 * The role is not changed here.
 */
export interface UpdateLoginRequest {
  displayName?: string;
  /** Another user type of the same account. */
  userTypeId?: string;
  active?: boolean;
}

/** PUT /tenants/:tenantId/users/:loginId/exception */
export interface SetExceptionRequest {
  method: TwoFactorMethod | null;
  signOut?: boolean;
}

/** GET /tenants/:tenantId/audit (Accept: text/csv for CSV) */
export interface AuditQuery {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditEventView {
  id: string;
  createdAt: string;
  tenantId: string | null;
  action: string;
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  address: string | null;
}

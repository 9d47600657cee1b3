import type { Role, TwoFactorMethod } from './enums';
import type { PolicySetting } from './admin';

export interface TenantCounts {
  logins: number;
  userTypes: number;
  owners: number;
}

/** GET /platform/tenants row. */
export interface TenantSummary {
  id: string;
  name: string;
  twoFactorEnabled: boolean;
  /** The super user's floor for this tenant. */
  floor: PolicySetting | null;
  suspended: boolean;
  createdAt: string;
  counts: TenantCounts;
}

/** POST /platform/tenants: a tenant with its first owner. */
export interface CreateTenantRequest {
  name: string;
  ownerEmail: string;
  ownerDisplayName: string;
  ownerPassword?: string;
}

export interface CreateTenantAnswer {
  tenant: TenantSummary;
  ownerLoginId: string;
  /** Generated when no password was given and the email was new; shown once. */
  initialPassword: string | null;
}

/** PATCH /platform/tenants/:id. `floor: null` or `'off'` removes the tenant's floor. */
export interface UpdateTenantRequest {
  twoFactorEnabled?: boolean;
  floor?: TwoFactorMethod | null;
  floorGraceDays?: number;
  suspended?: boolean;
}

/** GET/PUT /platform/floor: the floor for every tenant; `off` removes it. */
export interface PlatformFloorRequest {
  method: TwoFactorMethod;
  graceDays?: number;
}

export interface PlatformFloorView {
  floor: PolicySetting | null;
}

/** GET /platform/locked-logins row: a login that waits or is locked, in any tenant or the platform. */
export interface LockedLoginRow {
  tenantId: string;
  tenantName: string;
  /** A platform (super user) login rather than a tenant's. */
  platform: boolean;
  loginId: string;
  email: string;
  displayName: string;
  role: Role;
  failedAttempts: number;
  /** Locked until someone unlocks it (after second-factor failures). */
  lockedOut: boolean;
  /** ISO 8601 end of a timed wait; null when none. */
  lockedUntil: string | null;
}

/** GET /platform/tenants/:id/owners: a tenant's owners, for its page. */
export interface TenantOwnerRow {
  loginId: string;
  email: string;
  displayName: string;
  active: boolean;
  /** The last successful sign-in (ISO 8601), from the audit log. */
  lastSignInAt: string | null;
}

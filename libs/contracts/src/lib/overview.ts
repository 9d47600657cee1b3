import type { TwoFactorMethod } from './enums';

/** Where a login asked for a factor it does not hold stands (the Users filter `enrolment`). */
export const ENROLMENT_STATES = ['not-started', 'in-grace', 'overdue'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

/** How many active logins stand where: of one user type, one account, or every account. */
export interface EnrolmentCounts {
  logins: number;
  /** Logins whose effective method is each one (a floor or an exception included). */
  byMethod: Record<TwoFactorMethod, number>;
  /** Asked a factor, and holding it (a stronger one counts). */
  enrolled: number;
  /** Asked a factor, not holding it, and not yet told at a sign-in (no deadline yet). */
  notStarted: number;
  /** Asked a factor, not holding it, with a grace deadline still ahead. */
  inGrace: number;
  /** The nearest of those deadlines (ISO 8601), or null. */
  nearestDeadline: string | null;
  /** Asked a factor, not holding it, past the deadline: the next sign-in must enrol. */
  overdue: number;
  locked: number;
}

export interface UserTypeOverview {
  userTypeId: string;
  userTypeName: string;
  counts: EnrolmentCounts;
}

/** GET /tenants/:tenantId/overview: the owner's home. */
export interface AccountOverview {
  totals: EnrolmentCounts;
  userTypes: UserTypeOverview[];
  /** When the counts were taken (ISO 8601): "in grace" and "locked" depend on it. */
  at: string;
}

export interface TenantOverviewRow {
  tenantId: string;
  tenantName: string;
  counts: EnrolmentCounts;
}

/** GET /platform/overview: the super user's home and the Tenants table's numbers. */
export interface PlatformOverview {
  totals: EnrolmentCounts;
  tenants: TenantOverviewRow[];
  at: string;
}

export const emptyCounts = (): EnrolmentCounts => ({
  logins: 0,
  byMethod: { off: 0, pin: 0, authenticator: 0 },
  enrolled: 0,
  notStarted: 0,
  inGrace: 0,
  nearestDeadline: null,
  overdue: 0,
  locked: 0,
});

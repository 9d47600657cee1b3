import { AccountOverview, EnrolmentCounts, PlatformOverview, emptyCounts } from '@latchkey/contracts';

/** For the home's specs (imported by specs only): an account's and the platform's numbers. */

export const DEADLINE = '2026-12-03T09:00:00.000Z';

export function counts(overrides: Partial<EnrolmentCounts> = {}): EnrolmentCounts {
  return { ...emptyCounts(), ...overrides };
}

/** Employees all use the app (one in grace, one overdue); contractors use every method. */
export const EMPLOYEES = counts({
  logins: 10,
  byMethod: { off: 0, pin: 0, authenticator: 10 },
  enrolled: 6,
  notStarted: 1,
  inGrace: 2,
  nearestDeadline: DEADLINE,
  overdue: 1,
});
export const CONTRACTORS = counts({
  logins: 5,
  byMethod: { off: 1, pin: 2, authenticator: 2 },
  enrolled: 3,
  overdue: 1,
  locked: 1,
});
export const TOTALS = counts({
  logins: 15,
  byMethod: { off: 1, pin: 2, authenticator: 12 },
  enrolled: 9,
  notStarted: 1,
  inGrace: 2,
  nearestDeadline: DEADLINE,
  overdue: 2,
  locked: 1,
});

export const ACCOUNT: AccountOverview = {
  totals: TOTALS,
  userTypes: [
    { userTypeId: 'type-employee', userTypeName: 'Employees', counts: EMPLOYEES },
    { userTypeId: 'type-contractor', userTypeName: 'Contractors', counts: CONTRACTORS },
  ],
  at: '2026-11-30T16:45:00.000Z',
};

export const PLATFORM: PlatformOverview = {
  totals: TOTALS,
  tenants: [
    { tenantId: 'tenant-1', tenantName: 'Acme', counts: EMPLOYEES },
    { tenantId: 'tenant-2', tenantName: 'Globex', counts: CONTRACTORS },
  ],
  at: '2026-11-30T16:45:00.000Z',
};

export const FAILED = { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' };

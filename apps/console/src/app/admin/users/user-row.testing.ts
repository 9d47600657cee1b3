import { UserRow } from '@latchkey/contracts';

/**
 * For the specs of Admin → Users (imported by specs only): Ann, an enrolled employee with an
 * authenticator app, as the users list shows her; `overrides` make the row a test needs.
 */
export function userRow(overrides: Partial<UserRow> = {}): UserRow {
  return {
    loginId: 'login-ann',
    email: 'ann@acme.test',
    displayName: 'Ann Example',
    role: 'user',
    userTypeId: 'type-employee',
    userTypeName: 'Employees',
    effective: {
      method: 'authenticator',
      reason: { layer: 'user-type', setBy: 'olivia@acme.test', setAt: '2026-11-20T12:00:00Z' },
      floor: 'off',
      graceDays: 0,
    },
    exception: null,
    enrolled: true,
    hasAuthenticator: true,
    hasPin: false,
    lastSecondFactorAt: '2026-11-23T08:30:00Z',
    locked: false,
    enrolDeadline: null,
    createdAt: '2026-01-01T00:00:00Z',
    active: true,
    deactivatedAt: null,
    ...overrides,
  };
}

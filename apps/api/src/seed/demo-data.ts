import type { TenantRole } from '@latchkey/contracts';

/** The embedded demo: one tenant, three user types, an owner, users, and one email with two logins. */
export const DEMO_TENANT = 'Acme';
export const DEMO_USER_TYPES = ['Employee', 'Manager', 'Administrator'] as const;
type DemoUserType = (typeof DEMO_USER_TYPES)[number];

export interface DemoLogin {
  email: string;
  displayName: string;
  userType: DemoUserType;
  role: TenantRole;
}

export const DEMO_LOGINS: DemoLogin[] = [
  {
    email: 'olivia.owner@acme.test',
    displayName: 'Olivia Owner',
    userType: 'Administrator',
    role: 'owner',
  },
  {
    email: 'emma.employee@acme.test',
    displayName: 'Emma Employee',
    userType: 'Employee',
    role: 'user',
  },
  {
    email: 'mark.manager@acme.test',
    displayName: 'Mark Manager',
    userType: 'Manager',
    role: 'user',
  },
  {
    email: 'sam@acme.test',
    displayName: 'Sam (employee)',
    userType: 'Employee',
    role: 'user',
  },
  {
    email: 'sam@acme.test',
    displayName: 'Sam (manager)',
    userType: 'Manager',
    role: 'user',
  },
];

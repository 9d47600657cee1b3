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

/**
 * The sample application (`apps/sample-app`, DESIGN §10) the demo registers for Acme: a public
 * client (PKCE, no secret) with a fixed, well-known client_id, so that `npm start` can start it
 * with nothing to copy. The sample app's own default client id and address are these
 * (`apps/sample-app/src/config.ts`; its test checks that they agree).
 */
export const DEMO_SAMPLE_APP = {
  id: 'f8bbc05c-7746-4206-9191-f3d5b36f6d2d',
  name: 'Acme HR (sample app)',
  url: 'http://localhost:3001',
} as const;

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

/**
 * The demo's stand-in for Acme's own identity provider (`tools/demo-provider.mjs`, DESIGN §11),
 * connected when `npm start` runs it (LATCHKEY_DEMO_PROVIDER_URL): emails of acme.test may
 * continue with it; it trusts the provider's MFA; a first sign-in of a new acme.test email makes
 * an Employee login. The client's id and secret are the demo provider's defaults.
 */
export const DEMO_PROVIDER = {
  connectionId: '5d0f5a43-5b7e-4d6c-9a53-2f1f3c6a9e21',
  name: 'Acme SSO (demo provider)',
  clientId: 'latchkey-demo',
  clientSecret: 'demo-provider-secret',
  emailDomains: ['acme.test'],
  jitUserType: 'Employee' satisfies DemoUserType,
} as const;

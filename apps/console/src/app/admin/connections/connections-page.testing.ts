import { TestBed } from '@angular/core/testing';
import { ApiPaths, ConnectionView, UserTypeView } from '@latchkey/contracts';
import { TablePageTest, signInOwner } from '../../shared/testing/table-page-test';
import { ConnectionsPage } from './connections-page';

/**
 * For the specs of Admin → Sign-in providers (imported by specs only): Acme's user types, two
 * providers (Acme SSO trusting MFA for managers, Contractors always asking and switched off), and
 * `ConnectionsPageTest`, which drives the page.
 */

export const TENANT = 'tenant-1';
export const REDIRECT_URI = 'https://login.latchkey.test/api/v1/auth/upstream/callback';

function userType(id: string, name: string): UserTypeView {
  return {
    id,
    name,
    policy: { method: 'authenticator', graceDays: 0, setBy: null, setAt: null },
    rememberDays: 0,
    loginCount: 1,
    lockedBy: null,
  };
}

export const TYPES: UserTypeView[] = [
  userType('type-employee', 'Employees'),
  userType('type-manager', 'Managers'),
];

export function connection(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 'conn-sso',
    tenantId: TENANT,
    name: 'Acme SSO',
    issuer: 'https://login.acme.test',
    clientId: 'latchkey',
    scopes: ['openid', 'email', 'profile'],
    emailDomains: ['acme.test', 'corp.acme.test'],
    allowedUserTypeIds: ['type-manager'],
    trust: { mode: 'trust-mfa', amrValues: ['mfa', 'hwk'], acrValues: [], maxAuthAgeSeconds: 600 },
    jitUserTypeId: null,
    passwordAllowed: true,
    enabled: true,
    redirectUri: REDIRECT_URI,
    createdAt: '2026-03-02T09:30:00.000Z',
    updatedAt: '2026-03-02T09:30:00.000Z',
    ...overrides,
  };
}

export const SSO = connection();
export const CONTRACTORS = connection({
  id: 'conn-contractors',
  name: 'Contractors',
  issuer: 'https://id.contractors.test/realms/acme',
  clientId: 'acme-latchkey',
  emailDomains: ['contractors.test'],
  allowedUserTypeIds: null,
  trust: { mode: 'always-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null },
  jitUserTypeId: 'type-employee',
  passwordAllowed: false,
  enabled: false,
});

/** The page of Acme's signed-in owner, and what its tests do on it. */
export class ConnectionsPageTest extends TablePageTest<ConnectionsPage> {
  constructor() {
    super(ConnectionsPage, 'connection-row');
  }

  protected override signIn(): void {
    signInOwner(TENANT);
  }

  /** Open the page and answer its two loads. */
  readonly render = async (connections = [SSO, CONTRACTORS], types = TYPES): Promise<void> => {
    this.fixture = TestBed.createComponent(ConnectionsPage);
    this.http.expectOne({ method: 'GET', url: ApiPaths.connections(TENANT) }).flush(connections);
    this.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(types);
    await this.settle();
  };
}

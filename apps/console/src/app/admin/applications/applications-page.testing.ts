import { TestBed } from '@angular/core/testing';
import { ApiPaths, ApplicationView, UserTypeView } from '@latchkey/contracts';
import { TablePageTest, signInOwner } from '../../shared/testing/table-page-test';
import { ApplicationsPage } from './applications-page';

/**
 * For the specs of Admin → Applications (imported by specs only): Acme's user types, two
 * applications (a confidential one for managers, a public one for everyone), and
 * `ApplicationsPageTest`, which drives the page.
 */

export const TENANT = 'tenant-1';

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

export function application(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'app-hr',
    tenantId: TENANT,
    tenantName: 'Acme',
    name: 'HR portal',
    kind: 'confidential',
    redirectUris: ['https://hr.acme.test/callback', 'http://localhost:4300/callback'],
    postLogoutRedirectUris: ['https://hr.acme.test/'],
    allowedUserTypeIds: ['type-manager'],
    secretSetAt: '2026-03-02T09:30:00.000Z',
    createdAt: '2026-03-02T09:30:00.000Z',
    createdBy: 'olivia@acme.test',
    updatedAt: '2026-03-02T09:30:00.000Z',
    ...overrides,
  };
}

export const HR = application();
export const DESK = application({
  id: 'app-desk',
  name: 'Ticket desk',
  kind: 'public',
  redirectUris: ['https://desk.acme.test/auth'],
  postLogoutRedirectUris: [],
  allowedUserTypeIds: null,
  secretSetAt: null,
});

/** The page of Acme's signed-in owner, and what its tests do on it. */
export class ApplicationsPageTest extends TablePageTest<ApplicationsPage> {
  constructor() {
    super(ApplicationsPage, 'application-row');
  }

  /** Acme's owner. */
  protected override signIn(): void {
    signInOwner(TENANT);
  }

  /** Open the page and answer its two loads. */
  readonly render = async (apps = [HR, DESK], types = TYPES): Promise<void> => {
    this.fixture = TestBed.createComponent(ApplicationsPage);
    this.http.expectOne({ method: 'GET', url: ApiPaths.applications(TENANT) }).flush(apps);
    this.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(types);
    await this.settle();
  };
}

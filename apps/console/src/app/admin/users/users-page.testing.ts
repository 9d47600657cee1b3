import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths, Page, UserRow, UserTypeView } from '@latchkey/contracts';
import { me } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { PageTest } from '../../shared/testing/page-test';
import { userRow } from './user-row.testing';
import { UsersPage } from './users-page';

/**
 * For the specs of Admin → Users (imported by specs only): Acme's user types, Ben (locked, not
 * enrolled), a page of rows, and `UsersPageTest`, which drives the page.
 */

export const TENANT = 'tenant-1';

export const TYPES: UserTypeView[] = [
  {
    id: 'type-employee',
    name: 'Employees',
    policy: { method: 'authenticator', graceDays: 0, setBy: null, setAt: null },
    rememberDays: 0,
    loginCount: 2,
    lockedBy: null,
  },
  {
    id: 'type-manager',
    name: 'Managers',
    policy: { method: 'pin', graceDays: 0, setBy: null, setAt: null },
    rememberDays: 0,
    loginCount: 1,
    lockedBy: null,
  },
];

export const BEN = userRow({
  loginId: 'login-ben',
  email: 'ben@acme.test',
  displayName: 'Ben Other',
  userTypeId: 'type-manager',
  userTypeName: 'Managers',
  effective: {
    method: 'pin',
    reason: { layer: 'default', setBy: null, setAt: null },
    floor: 'pin',
    graceDays: 0,
  },
  enrolled: false,
  lastSecondFactorAt: null,
  locked: true,
});

export function page(items: UserRow[], total = items.length, pageNo = 1, pageSize = 25): Page<UserRow> {
  return { items, total, page: pageNo, pageSize };
}

/** The page of Acme's signed-in owner, and what its tests do on it. */
export class UsersPageTest extends PageTest<UsersPage> {
  constructor() {
    super(UsersPage);
  }

  /** Acme's owner. */
  protected override signIn(): void {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner', { tenantId: TENANT }) });
  }

  loader!: HarnessLoader;

  readonly listRequest = (): TestRequest =>
    this.http.expectOne((req) => req.method === 'GET' && req.url === ApiPaths.users(TENANT));

  readonly params = (request: TestRequest): Record<string, string> => {
    const p = request.request.params;
    return Object.fromEntries(p.keys().map((k) => [k, p.get(k) ?? '']));
  };

  /** Answer the pending list request; returns its query parameters. */
  readonly answerList = async (
    body: Page<UserRow> = page([userRow(), BEN], 60),
  ): Promise<Record<string, string>> => {
    const request = this.listRequest();
    request.flush(body);
    await this.fixture.whenStable();
    return this.params(request);
  };

  /** Open the page and answer its user types and first list. */
  readonly render = async (): Promise<void> => {
    this.fixture = TestBed.createComponent(UsersPage);
    this.loader = TestbedHarnessEnvironment.loader(this.fixture);
    await this.fixture.whenStable();
    this.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(TYPES);
    await this.answerList();
  };

  readonly filter = async (testId: string, option: string): Promise<void> => {
    const select = await this.loader.getHarness(
      MatSelectHarness.with({ selector: `[data-testid="${testId}"]` }),
    );
    await select.open();
    await select.clickOptions({ text: option });
    await this.fixture.whenStable();
  };

  readonly dialog = (): HTMLElement => {
    const container = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!container) {
      throw new Error('No dialog is open');
    }
    return container;
  };
}

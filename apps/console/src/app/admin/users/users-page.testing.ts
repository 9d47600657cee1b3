import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths, Page, UserRow, UserTypeView } from '@latchkey/contracts';
import { me } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { inRowWith } from '../../shared/testing/component-testing';
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

  /** Opens the menu of the row showing `name` (`rowId`: the card on a phone); answers its items' labels. */
  readonly openMenu = async (name: string, rowId = 'user-row'): Promise<string[]> => {
    inRowWith<HTMLButtonElement>(this.fixture, rowId, name, 'row-menu').click();
    await this.fixture.whenStable();
    return Array.from(document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')).map(
      (item) => item.textContent?.trim() ?? '',
    );
  };

  /** Chooses the item `testId` of the open row menu. */
  readonly choose = async (testId: string): Promise<void> => {
    const item = document.querySelector<HTMLElement>(`.mat-mdc-menu-panel [data-testid="${testId}"]`);
    if (!item) {
      throw new Error(`No ${testId} in the open menu`);
    }
    item.click();
    await this.fixture.whenStable();
  };

  /** Closes the open row menu without choosing (a click on its backdrop). */
  readonly closeMenu = async (): Promise<void> => {
    document.querySelector<HTMLElement>('.cdk-overlay-backdrop')?.click();
    await this.fixture.whenStable();
  };

  /** The action `testId` from the menu of the row showing `name`. */
  readonly rowAction = async (name: string, testId: string): Promise<void> => {
    await this.openMenu(name);
    await this.choose(testId);
  };

  readonly dialog = (): HTMLElement => {
    const container = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!container) {
      throw new Error('No dialog is open');
    }
    return container;
  };
}

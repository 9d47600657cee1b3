import { Clipboard } from '@angular/cdk/clipboard';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { ApiPaths, CreateLoginAnswer, Page, ResetAnswer, UserRow, UserTypeView } from '@latchkey/contracts';
import { allByTestId, byTestId, me, typeInto } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { pageProviders } from '../../shared/testing/component-testing';
import { userRow } from './user-row.testing';
import { SEARCH_DEBOUNCE_MS, UsersPage } from './users-page';

const TENANT = 'tenant-1';

const TYPES: UserTypeView[] = [
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

const BEN = userRow({
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

function page(items: UserRow[], total = items.length, pageNo = 1, pageSize = 25): Page<UserRow> {
  return { items, total, page: pageNo, pageSize };
}

describe('UsersPage', () => {
  let fixture: ComponentFixture<UsersPage>;
  let http: HttpTestingController;
  let loader: HarnessLoader;

  function listRequest(): TestRequest {
    return http.expectOne((req) => req.method === 'GET' && req.url === ApiPaths.users(TENANT));
  }

  function params(request: TestRequest): Record<string, string> {
    const p = request.request.params;
    return Object.fromEntries(p.keys().map((k) => [k, p.get(k) ?? '']));
  }

  /** Answer the pending list request; returns its query parameters. */
  async function answerList(
    body: Page<UserRow> = page([userRow(), BEN], 60),
  ): Promise<Record<string, string>> {
    const request = listRequest();
    request.flush(body);
    await fixture.whenStable();
    return params(request);
  }

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(UsersPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(TYPES);
    await answerList();
  }

  async function filter(testId: string, option: string): Promise<void> {
    const select = await loader.getHarness(MatSelectHarness.with({ selector: `[data-testid="${testId}"]` }));
    await select.open();
    await select.clickOptions({ text: option });
    await fixture.whenStable();
  }

  async function dialogClosed(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  function dialog(): HTMLElement {
    const container = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!container) {
      throw new Error('No dialog is open');
    }
    return container;
  }

  function inDialog<T extends HTMLElement = HTMLElement>(testId: string): T {
    const element = dialog().querySelector<T>(`[data-testid="${testId}"]`);
    if (!element) {
      throw new Error(`No data-testid="${testId}" in the dialog`);
    }
    return element;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [UsersPage],
      providers: pageProviders(),
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner', { tenantId: TENANT }) });
  });

  afterEach(() => http.verify());

  it('asks for the first page, sorted by name, and shows each user', async () => {
    fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    http.expectOne(ApiPaths.userTypes(TENANT)).flush(TYPES);

    expect(await answerList()).toEqual({ sort: 'name', direction: 'asc', page: '1', pageSize: '25' });
    const rows = allByTestId(fixture, 'user-row');
    expect(rows).toHaveLength(2);
    const cells = (id: string) => allByTestId(fixture, id).map((c) => c.textContent?.trim());
    expect(cells('user-name')).toEqual(['Ann Example', 'Ben Other']);
    expect(cells('user-email')).toEqual(['ann@acme.test', 'ben@acme.test']);
    expect(cells('user-type')).toEqual(['Employees', 'Managers']);
    expect(cells('effective-method')).toEqual(['Authenticator app', 'PIN code']);
    expect(cells('user-enrolled')).toEqual(['Yes', 'No']);
    expect(cells('user-last-second-factor')[0]).toMatch(/^23 Nov 2026, \d\d:\d\d$/);
    expect(cells('user-last-second-factor')[1]).toBe('Never');
    expect(cells('user-locked')).toEqual(['No', 'Locked']);
  });

  it('explains the effective method on hover', async () => {
    await render();

    const tooltips = await loader.getAllHarnesses(
      MatTooltipHarness.with({ selector: '[data-testid="effective-method"]' }),
    );
    await tooltips[0].show();
    expect(await tooltips[0].getTooltipText()).toBe(
      'Set by olivia@acme.test on 20 Nov 2026 (user type policy)',
    );
    await tooltips[0].hide();
    await tooltips[1].show();
    expect(await tooltips[1].getTooltipText()).toBe('No policy');
  });

  it('sends the filters as query parameters and goes back to the first page', async () => {
    await render();
    await (await loader.getHarness(MatPaginatorHarness)).goToNextPage();
    expect(await answerList(page([userRow()], 60, 2))).toMatchObject({ page: '2' });

    await filter('filter-type', 'Managers');
    expect(await answerList()).toEqual({
      userTypeId: 'type-manager',
      sort: 'name',
      direction: 'asc',
      page: '1',
      pageSize: '25',
    });

    await filter('filter-method', 'PIN code');
    expect(await answerList()).toMatchObject({ userTypeId: 'type-manager', method: 'pin' });

    await filter('filter-enrolled', 'Not enrolled');
    expect(await answerList()).toMatchObject({ enrolled: 'false' });

    await filter('filter-locked', 'Locked');
    expect(await answerList()).toMatchObject({ locked: 'true', enrolled: 'false', method: 'pin' });

    await filter('filter-type', 'Any type');
    expect(await answerList()).not.toHaveProperty('userTypeId');
  });

  it('offers the method filter with the method labels', async () => {
    await render();
    const select = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="filter-method"]' }),
    );
    await select.open();

    const labels = await Promise.all((await select.getOptions()).map((o) => o.getText()));
    expect(labels).toEqual(['Any method', 'Authenticator app', 'PIN code', 'Off']);
  });

  it('pages and sorts on the server', async () => {
    await render();
    const paginator = await loader.getHarness(MatPaginatorHarness);
    await paginator.setPageSize(50);
    expect(await answerList(page([userRow()], 60, 1, 50))).toMatchObject({ page: '1', pageSize: '50' });
    await paginator.goToNextPage();
    expect(await answerList(page([userRow()], 60, 2, 50))).toMatchObject({ page: '2', pageSize: '50' });

    const sort = await loader.getHarness(MatSortHarness);
    const [, typeHeader] = await sort.getSortHeaders();
    await typeHeader.click();
    expect(await answerList()).toMatchObject({ sort: 'type', direction: 'asc', page: '1', pageSize: '50' });
    await typeHeader.click();
    expect(await answerList()).toMatchObject({ sort: 'type', direction: 'desc' });
    const labels = await Promise.all((await sort.getSortHeaders()).map((h) => h.getLabel()));
    expect(labels).toEqual(['User', 'Type', 'Last second factor']);
  });

  it('searches once the typing pauses, from the first page', async () => {
    await render();
    const search = byTestId<HTMLInputElement>(fixture, 'user-search');
    typeInto(search, 'a');
    typeInto(search, 'an');
    typeInto(search, ' ann ');
    await fixture.whenStable();
    http.expectNone((req) => req.url === ApiPaths.users(TENANT));

    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    await fixture.whenStable();
    expect(await answerList()).toEqual({
      search: 'ann',
      sort: 'name',
      direction: 'asc',
      page: '1',
      pageSize: '25',
    });
  });

  it('says when the list cannot be loaded', async () => {
    await render();
    await filter('filter-locked', 'Locked');
    listRequest().flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid',
        errors: [{ field: 'locked', messages: ['locked must be a boolean'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'users-error').textContent).toContain('locked must be a boolean');
  });

  it('sets an exception from the row and shows the updated row', async () => {
    await render();
    allByTestId<HTMLButtonElement>(fixture, 'exception-action')[0].click();
    await fixture.whenStable();

    const options = Array.from(dialog().querySelectorAll('[data-testid="exception-option"]'));
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      'Authenticator app',
      'PIN code',
      'Off',
      'No exception (follow the user type)',
    ]);
    options[1].querySelector('input')?.click();
    inDialog('exception-sign-out').querySelector('input')?.click();
    await fixture.whenStable();
    inDialog<HTMLButtonElement>('exception-save').click();
    await fixture.whenStable();

    const put = http.expectOne({ method: 'PUT', url: ApiPaths.exception(TENANT, 'login-ann') });
    expect(put.request.body).toEqual({ method: 'pin', signOut: true });
    put.flush(
      userRow({
        exception: 'pin',
        effective: {
          method: 'pin',
          reason: { layer: 'exception', setBy: 'a', setAt: null },
          floor: 'off',
          graceDays: 0,
        },
      }),
    );
    await dialogClosed();

    expect(allByTestId(fixture, 'effective-method').map((c) => c.textContent?.trim())).toEqual([
      'PIN code',
      'PIN code',
    ]);
    http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('creates a user and shows the initial password once, then reloads the list', async () => {
    await render();
    byTestId<HTMLButtonElement>(fixture, 'create-user').click();
    await fixture.whenStable();

    typeInto(inDialog('create-email'), 'cara@acme.test');
    typeInto(inDialog('create-display-name'), 'Cara New');
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const type = await root.getHarness(MatSelectHarness.with({ selector: '[data-testid="create-type"]' }));
    await type.open();
    await type.clickOptions({ text: 'Managers' });
    inDialog<HTMLButtonElement>('create-submit').click();
    await fixture.whenStable();

    const post = http.expectOne({ method: 'POST', url: ApiPaths.users(TENANT) });
    expect(post.request.body).toEqual({
      email: 'cara@acme.test',
      displayName: 'Cara New',
      userTypeId: 'type-manager',
    });
    const answer: CreateLoginAnswer = {
      user: userRow({ loginId: 'login-cara', email: 'cara@acme.test', displayName: 'Cara New' }),
      initialPassword: 'kettle-Orbit-42-lamp',
      existingIdentity: false,
      inviteCode: 'ABCD-EFGH',
      inviteExpiresAt: '2026-11-27T10:15:00Z',
    };
    post.flush(answer, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(inDialog('initial-password').textContent?.trim()).toBe('kettle-Orbit-42-lamp');
    expect(inDialog('copy-password').textContent?.trim()).toBe('Copy');
    expect(inDialog('invite-code').textContent?.trim()).toBe('ABCD-EFGH');
    inDialog<HTMLButtonElement>('create-done').click();
    await dialogClosed();

    expect(await answerList()).toMatchObject({ page: '1' });
    expect(document.body.textContent).not.toContain('kettle-Orbit-42-lamp');
    expect(document.body.textContent).not.toContain('ABCD-EFGH');
  });

  it('offers the reset action on every row, with an accessible name', async () => {
    await render();

    const resets = allByTestId<HTMLButtonElement>(fixture, 'reset-action');
    expect(resets.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Reset second factor of Ann Example',
      'Reset second factor of Ben Other',
    ]);
  });

  it('resets after confirming, shows the handover code once, then reloads the list', async () => {
    jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();
    allByTestId<HTMLButtonElement>(fixture, 'reset-action')[0].click();
    await fixture.whenStable();

    expect(dialog().textContent).toContain('Reset the second factor of Ann Example?');
    http.expectNone(ApiPaths.reset(TENANT, 'login-ann'));
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await fixture.whenStable();
    const post = http.expectOne({ method: 'POST', url: ApiPaths.reset(TENANT, 'login-ann') });
    expect(post.request.body).toEqual({});
    const answer: ResetAnswer = { handoverCode: 'K7QP-2M4X', handoverExpiresAt: '2026-11-24T10:15:00Z' };
    post.flush(answer);
    await fixture.whenStable();

    expect(inDialog('handover-code').textContent?.trim()).toBe('K7QP-2M4X');
    // Only Done closes it: a click outside or Escape would lose the code.
    const backdrop = document.querySelector<HTMLElement>('.cdk-overlay-backdrop');
    expect(backdrop).not.toBeNull();
    backdrop?.click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
    inDialog<HTMLButtonElement>('reset-done').click();
    await dialogClosed();

    await answerList(page([userRow({ enrolled: false, hasAuthenticator: false }), BEN], 60));
    expect(document.body.textContent).not.toContain('K7QP-2M4X');
    expect(allByTestId(fixture, 'user-enrolled').map((c) => c.textContent?.trim())).toEqual(['No', 'No']);
  });

  it('says when the user enrols directly, and closes on Escape', async () => {
    await render();
    allByTestId<HTMLButtonElement>(fixture, 'reset-action')[1].click();
    await fixture.whenStable();
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: ApiPaths.reset(TENANT, 'login-ben') })
      .flush({ handoverCode: null, handoverExpiresAt: null } satisfies ResetAnswer);
    await fixture.whenStable();

    expect(inDialog('reset-direct').textContent).toContain('directly at their next sign-in');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await dialogClosed();
    await answerList();
  });

  it('resets nothing when the confirmation is cancelled', async () => {
    await render();
    allByTestId<HTMLButtonElement>(fixture, 'reset-action')[1].click();
    await fixture.whenStable();
    Array.from(dialog().querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    await dialogClosed();

    http.expectNone(ApiPaths.reset(TENANT, 'login-ben'));
    http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('unlocks a locked row in place', async () => {
    await render();
    const unlocks = allByTestId<HTMLButtonElement>(fixture, 'unlock-action');
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0].getAttribute('aria-label')).toBe('Unlock Ben Other');
    unlocks[0].click();
    await fixture.whenStable();
    expect(byTestId<HTMLButtonElement>(fixture, 'unlock-action').disabled).toBe(true);

    const post = http.expectOne({ method: 'POST', url: ApiPaths.unlock(TENANT, 'login-ben') });
    expect(post.request.body).toEqual({});
    post.flush({ ...BEN, locked: false });
    await fixture.whenStable();

    expect(allByTestId(fixture, 'user-locked').map((c) => c.textContent?.trim())).toEqual(['No', 'No']);
    expect(allByTestId(fixture, 'unlock-action')).toHaveLength(0);
    expect(document.body.textContent).toContain('ben@acme.test is unlocked.');
    http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('says when an unlock fails and keeps the row locked', async () => {
    await render();
    byTestId<HTMLButtonElement>(fixture, 'unlock-action').click();
    await fixture.whenStable();
    http
      .expectOne(ApiPaths.unlock(TENANT, 'login-ben'))
      .flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(byTestId(fixture, 'users-error').textContent).toContain(
      'ben@acme.test was not unlocked: Something went wrong on our side.',
    );
    expect(byTestId<HTMLButtonElement>(fixture, 'unlock-action').disabled).toBe(false);
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths, UserRow } from '@latchkey/contracts';
import { allByTestId, byTestId, typeInto } from '../../../testing/fixtures';
import { inDialog, inRowWith } from '../../shared/testing/component-testing';
import { userRow } from './user-row.testing';
import { UsersPage } from './users-page';
import { BEN, TENANT, TYPES, page, UsersPageTest } from './users-page.testing';

/** The row menu: edit a login, deactivate it (after a confirmation) and reactivate it. */
describe('UsersPage: edit, deactivate, reactivate', () => {
  const ui = new UsersPageTest();
  const { render, answerList } = ui;
  beforeEach(ui.setUp);
  afterEach(ui.verify);

  const DEACTIVATED = userRow({
    loginId: 'login-dora',
    email: 'dora@acme.test',
    displayName: 'Dora Gone',
    active: false,
    deactivatedAt: '2026-11-25T09:00:00Z',
  });

  /** Opens the row menu of the row showing `name`; answers the labels of its items. */
  async function openMenu(name: string): Promise<string[]> {
    inRowWith<HTMLButtonElement>(ui.fixture, 'user-row', name, 'row-menu').click();
    await ui.fixture.whenStable();
    return Array.from(document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')).map(
      (item) => item.textContent?.trim() ?? '',
    );
  }

  async function choose(testId: string): Promise<void> {
    const item = document.querySelector<HTMLElement>(`.mat-mdc-menu-panel [data-testid="${testId}"]`);
    if (!item) {
      throw new Error(`No ${testId} in the open menu`);
    }
    item.click();
    await ui.fixture.whenStable();
  }

  /** Opens the page on these rows. */
  async function renderWith(...rows: UserRow[]): Promise<void> {
    ui.fixture = TestBed.createComponent(UsersPage);
    await ui.fixture.whenStable();
    ui.http.expectOne(ApiPaths.userTypes(TENANT)).flush(TYPES);
    await answerList(page(rows));
  }

  async function dialogClosed(): Promise<void> {
    await ui.dialogGone();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  it('names the row menu for its user and offers Edit and Deactivate on an active row', async () => {
    await render();

    expect(allByTestId(ui.fixture, 'row-menu').map((b) => b.getAttribute('aria-label'))).toEqual([
      'More actions for Ann Example',
      'More actions for Ben Other',
    ]);
    expect(await openMenu('Ann Example')).toEqual([
      'Details',
      'Exception',
      'Reset second factor',
      'Edit',
      'Deactivate',
    ]);
    expect(allByTestId(ui.fixture, 'deactivated-chip')).toHaveLength(0);
  });

  it('offers no Deactivate on the owner’s own row', async () => {
    await renderWith(userRow({ loginId: 'login-owner', displayName: 'Ann Owner' }));

    expect(await openMenu('Ann Owner')).toEqual(['Details', 'Exception', 'Reset second factor', 'Edit']);
  });

  it('deactivates after a confirmation that says the user is signed out everywhere, applications included', async () => {
    await render();
    await openMenu('Ann Example');
    await choose('deactivate-action');

    expect(inDialog('confirm-message').textContent?.trim()).toBe(
      'ann@acme.test can no longer sign in, and is signed out everywhere at once: this console and every ' +
        'application they signed in to through Latchkey. You can reactivate the login later.',
    );
    expect(document.querySelector('mat-dialog-container h2')?.textContent?.trim()).toBe(
      'Deactivate Ann Example?',
    );
    ui.http.expectNone(ApiPaths.user(TENANT, 'login-ann'));
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await dialogClosed();

    const patch = ui.http.expectOne({ method: 'PATCH', url: ApiPaths.user(TENANT, 'login-ann') });
    expect(patch.request.body).toEqual({ active: false });
    patch.flush(userRow({ active: false, deactivatedAt: '2026-11-25T09:00:00Z' }));
    await ui.fixture.whenStable();

    expect(byTestId(ui.fixture, 'deactivated-chip').textContent?.trim()).toBe('Deactivated');
    expect(allByTestId(ui.fixture, 'user-row')[0].classList).toContain('deactivated');
    expect(document.body.textContent).toContain(
      'Ann Example — Employees is deactivated and signed out everywhere.',
    );
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('deactivates nothing when the confirmation is cancelled', async () => {
    await render();
    await openMenu('Ben Other');
    await choose('deactivate-action');
    inDialog<HTMLButtonElement>('confirm-cancel').click();
    await dialogClosed();

    ui.http.expectNone(ApiPaths.user(TENANT, 'login-ben'));
    expect(allByTestId(ui.fixture, 'deactivated-chip')).toHaveLength(0);
  });

  it('shows a deactivated row with its chip, and reactivates it in place without asking', async () => {
    await renderWith(DEACTIVATED, BEN);
    expect(byTestId(ui.fixture, 'deactivated-chip').textContent?.trim()).toBe('Deactivated');

    expect(await openMenu('Dora Gone')).toEqual([
      'Details',
      'Exception',
      'Reset second factor',
      'Edit',
      'Reactivate',
    ]);
    await choose('reactivate-action');
    const patch = ui.http.expectOne({ method: 'PATCH', url: ApiPaths.user(TENANT, 'login-dora') });
    expect(patch.request.body).toEqual({ active: true });
    expect(byTestId<HTMLButtonElement>(ui.fixture, 'row-menu').disabled).toBe(true);
    patch.flush({ ...DEACTIVATED, active: true, deactivatedAt: null });
    await ui.fixture.whenStable();

    expect(allByTestId(ui.fixture, 'deactivated-chip')).toHaveLength(0);
    expect(document.body.textContent).toContain('Dora Gone — Employees can sign in again.');
  });

  it('says when a deactivation is refused, and leaves the row as it was', async () => {
    await render();
    await openMenu('Ben Other');
    await choose('deactivate-action');
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await dialogClosed();
    ui.http.expectOne(ApiPaths.user(TENANT, 'login-ben')).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message:
          'Ben Other is the last active owner of this account: an account keeps at least one active owner',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await ui.fixture.whenStable();

    expect(byTestId(ui.fixture, 'users-error').textContent).toContain(
      'Ben Other — Managers was not deactivated: Ben Other is the last active owner of this account',
    );
    expect(allByTestId(ui.fixture, 'deactivated-chip')).toHaveLength(0);
  });

  it('edits the name and type in a dialog and shows the updated row in place', async () => {
    await render();
    await openMenu('Ann Example');
    await choose('edit-action');

    typeInto(inDialog<HTMLInputElement>('edit-display-name'), 'Ann Smith');
    const root = TestbedHarnessEnvironment.documentRootLoader(ui.fixture);
    const type = await root.getHarness(MatSelectHarness.with({ selector: '[data-testid="edit-type"]' }));
    await type.open();
    await type.clickOptions({ text: 'Managers' });
    inDialog<HTMLButtonElement>('edit-save').click();
    await ui.fixture.whenStable();

    const patch = ui.http.expectOne({ method: 'PATCH', url: ApiPaths.user(TENANT, 'login-ann') });
    expect(patch.request.body).toEqual({ displayName: 'Ann Smith', userTypeId: 'type-manager' });
    patch.flush(userRow({ displayName: 'Ann Smith', userTypeId: 'type-manager', userTypeName: 'Managers' }));
    await dialogClosed();

    expect(allByTestId(ui.fixture, 'user-name').map((c) => c.textContent?.trim())).toEqual([
      'Ann Smith',
      'Ben Other',
    ]);
    expect(allByTestId(ui.fixture, 'user-type').map((c) => c.textContent?.trim())).toEqual([
      'Managers',
      'Managers',
    ]);
    expect(document.body.textContent).toContain('Ann Smith — Managers is saved.');
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths, CreateLoginAnswer, ResetAnswer } from '@latchkey/contracts';
import { allByTestId, byTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { userRow } from './user-row.testing';
import { BEN, TENANT, page, UsersPageTest } from './users-page.testing';

/** Creating a user and the actions of a row: exception, reset, unlock. */
describe('UsersPage: actions', () => {
  const ui = new UsersPageTest();
  const { answerList, render, dialog, rowAction, openMenu } = ui;
  beforeEach(ui.setUp);
  afterEach(ui.verify);

  /** The dialog is gone, and it has handed its result over. */
  async function dialogClosed(): Promise<void> {
    await ui.dialogGone();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  it('sets an exception from the row and shows the updated row', async () => {
    await render();
    await rowAction('Ann Example', 'exception-action');

    const options = Array.from(dialog().querySelectorAll('[data-testid="exception-option"]'));
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      'Authenticator app',
      'PIN code',
      'Off',
      'No exception (follow the user type)',
    ]);
    options[1].querySelector('input')?.click();
    inDialog('exception-sign-out').querySelector('input')?.click();
    await ui.fixture.whenStable();
    inDialog<HTMLButtonElement>('exception-save').click();
    await ui.fixture.whenStable();

    const put = ui.http.expectOne({ method: 'PUT', url: ApiPaths.exception(TENANT, 'login-ann') });
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

    expect(allByTestId(ui.fixture, 'effective-method').map((c) => c.textContent?.trim())).toEqual([
      'PIN code',
      'PIN code',
    ]);
    expect(document.body.textContent).toContain('Exception saved for Ann Example — Employees.');
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('creates a user and shows the initial password once, then reloads the list', async () => {
    await render();
    byTestId<HTMLButtonElement>(ui.fixture, 'create-user').click();
    await ui.fixture.whenStable();

    typeInto(inDialog('create-email'), 'cara@acme.test');
    typeInto(inDialog('create-display-name'), 'Cara New');
    const root = TestbedHarnessEnvironment.documentRootLoader(ui.fixture);
    const type = await root.getHarness(MatSelectHarness.with({ selector: '[data-testid="create-type"]' }));
    await type.open();
    await type.clickOptions({ text: 'Managers' });
    inDialog<HTMLButtonElement>('create-submit').click();
    await ui.fixture.whenStable();

    const post = ui.http.expectOne({ method: 'POST', url: ApiPaths.users(TENANT) });
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
    await ui.fixture.whenStable();

    expect(inDialog('initial-password').textContent?.trim()).toBe('kettle-Orbit-42-lamp');
    expect(inDialog('copy-password').textContent?.trim()).toBe('Copy');
    expect(inDialog('invite-code').textContent?.trim()).toBe('ABCD-EFGH');
    inDialog<HTMLButtonElement>('create-done').click();
    await dialogClosed();

    expect(await answerList()).toMatchObject({ page: '1' });
    expect(document.body.textContent).not.toContain('kettle-Orbit-42-lamp');
    expect(document.body.textContent).not.toContain('ABCD-EFGH');
  });

  it('offers every action of a row in its one menu, Unlock only on a locked row', async () => {
    await render();

    expect(await openMenu('Ben Other')).toEqual([
      'Details',
      'Exception',
      'Reset second factor',
      'Unlock',
      'Edit',
      'Deactivate',
    ]);
  });

  it('resets after confirming, shows the handover code once, then reloads the list', async () => {
    jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();
    await rowAction('Ann Example', 'reset-action');

    expect(dialog().textContent).toContain('Reset the second factor of Ann Example?');
    ui.http.expectNone(ApiPaths.reset(TENANT, 'login-ann'));
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await ui.fixture.whenStable();
    const post = ui.http.expectOne({ method: 'POST', url: ApiPaths.reset(TENANT, 'login-ann') });
    expect(post.request.body).toEqual({});
    const answer: ResetAnswer = { handoverCode: 'K7QP-2M4X', handoverExpiresAt: '2026-11-24T10:15:00Z' };
    post.flush(answer);
    await ui.fixture.whenStable();

    expect(inDialog('handover-code').textContent?.trim()).toBe('K7QP-2M4X');
    // Only Done closes it: a click outside or Escape would lose the code.
    const backdrop = document.querySelector<HTMLElement>('.cdk-overlay-backdrop');
    expect(backdrop).not.toBeNull();
    backdrop?.click();
    await ui.fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
    inDialog<HTMLButtonElement>('reset-done').click();
    await dialogClosed();

    await answerList(page([userRow({ enrolled: false, hasAuthenticator: false }), BEN], 60));
    expect(document.body.textContent).not.toContain('K7QP-2M4X');
    expect(document.body.textContent).toContain('Ann Example — Employees was reset.');
    expect(allByTestId(ui.fixture, 'user-enrolled').map((c) => c.textContent?.trim())).toEqual(['No', 'No']);
  });

  it('says when the user enrols directly, and closes on Escape', async () => {
    await render();
    await rowAction('Ben Other', 'reset-action');
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await ui.fixture.whenStable();
    ui.http
      .expectOne({ method: 'POST', url: ApiPaths.reset(TENANT, 'login-ben') })
      .flush({ handoverCode: null, handoverExpiresAt: null } satisfies ResetAnswer);
    await ui.fixture.whenStable();

    expect(inDialog('reset-direct').textContent).toContain('directly at their next sign-in');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await dialogClosed();
    await answerList();
  });

  it('resets nothing when the confirmation is cancelled', async () => {
    await render();
    await rowAction('Ben Other', 'reset-action');
    Array.from(dialog().querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    await dialogClosed();

    ui.http.expectNone(ApiPaths.reset(TENANT, 'login-ben'));
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('unlocks a locked row in place', async () => {
    await render();
    expect(await openMenu('Ann Example')).not.toContain('Unlock');
    await ui.closeMenu();
    await rowAction('Ben Other', 'unlock-action');

    const post = ui.http.expectOne({ method: 'POST', url: ApiPaths.unlock(TENANT, 'login-ben') });
    expect(post.request.body).toEqual({});
    post.flush({ ...BEN, locked: false });
    await ui.fixture.whenStable();

    expect(allByTestId(ui.fixture, 'user-locked').map((c) => c.textContent?.trim())).toEqual(['No', 'No']);
    expect(await openMenu('Ben Other')).not.toContain('Unlock');
    expect(document.body.textContent).toContain('Ben Other — Managers is unlocked.');
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });

  it('says when an unlock fails and keeps the row locked', async () => {
    await render();
    await rowAction('Ben Other', 'unlock-action');
    ui.http
      .expectOne(ApiPaths.unlock(TENANT, 'login-ben'))
      .flush(null, { status: 500, statusText: 'Server Error' });
    await ui.fixture.whenStable();

    expect(byTestId(ui.fixture, 'users-error').textContent).toContain(
      'Ben Other — Managers was not unlocked: Something went wrong on our side.',
    );
    expect(await openMenu('Ben Other')).toContain('Unlock');
  });
});

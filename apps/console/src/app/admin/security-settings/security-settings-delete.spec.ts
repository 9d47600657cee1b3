import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, byTestId } from '../../../testing/fixtures';
import { inDialog, inRowWith } from '../../shared/testing/component-testing';
import { EMPLOYEES, MANAGERS, TENANT, policyView, userType, SettingsPageTest } from './settings-page.testing';

/** Deleting a user type: only one that no login has, after a confirmation. */
describe('SecuritySettingsPage: deleting a user type', () => {
  const page = new SettingsPageTest();
  const { render, choose, methodSelect } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  const CONTRACTORS = userType('type-contractor', 'Contractors', 'pin', { loginCount: 0 });
  const deleteOf = (name: string): HTMLButtonElement =>
    inRowWith<HTMLButtonElement>(page.fixture, 'user-type-row', name, 'delete-user-type');

  async function confirmDelete(name: string): Promise<void> {
    deleteOf(name).click();
    await page.fixture.whenStable();
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await page.dialogGone();
  }

  it('offers Delete on a type no login has, and disables it with the reason on a type with logins', async () => {
    await render(policyView(), [EMPLOYEES, { ...MANAGERS, loginCount: 1 }, CONTRACTORS]);

    expect(deleteOf('Contractors').getAttribute('aria-disabled')).not.toBe('true');
    expect(deleteOf('Contractors').getAttribute('aria-label')).toBe('Delete Contractors');
    expect(deleteOf('Employees').getAttribute('aria-disabled')).toBe('true');
    const tooltips = await page.loader.getAllHarnesses(
      MatTooltipHarness.with({ selector: '[data-testid="delete-user-type"]' }),
    );
    await tooltips[0].show();
    expect(await tooltips[0].getTooltipText()).toBe(
      '30 logins have this type (deactivated ones included): give them another type under Users first.',
    );
    await tooltips[0].hide();
    await tooltips[1].show();
    expect(await tooltips[1].getTooltipText()).toBe(
      '1 login has this type (deactivated ones included): give them another type under Users first.',
    );

    deleteOf('Employees').click();
    await page.fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  });

  it('deletes after a confirmation; the row goes and the other rows keep their unsaved edits', async () => {
    await render(policyView(), [EMPLOYEES, MANAGERS, CONTRACTORS]);
    await choose(0, 'PIN code');
    deleteOf('Contractors').click();
    await page.fixture.whenStable();

    expect(document.querySelector('mat-dialog-container h2')?.textContent?.trim()).toBe(
      'Delete the user type Contractors?',
    );
    expect(inDialog('confirm-message').textContent).toContain('No login has this type.');
    page.http.expectNone(ApiPaths.userType(TENANT, 'type-contractor'));
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await page.dialogGone();

    const remove = page.http.expectOne({
      method: 'DELETE',
      url: ApiPaths.userType(TENANT, 'type-contractor'),
    });
    remove.flush(null, { status: 204, statusText: 'No Content' });
    await page.fixture.whenStable();

    expect(allByTestId(page.fixture, 'user-type-name').map((n) => n.textContent?.trim())).toEqual([
      'Employees',
      'Managers',
    ]);
    expect(await (await methodSelect(0)).getValueText()).toBe('PIN code');
    expect(document.body.textContent).toContain('User type "Contractors" deleted.');
    expect(byTestId<HTMLButtonElement>(page.fixture, 'preview').disabled).toBe(false);
  });

  it('deletes nothing when the confirmation is cancelled', async () => {
    await render(policyView(), [EMPLOYEES, CONTRACTORS]);
    deleteOf('Contractors').click();
    await page.fixture.whenStable();
    inDialog<HTMLButtonElement>('confirm-cancel').click();
    await page.dialogGone();

    page.http.expectNone(ApiPaths.userType(TENANT, 'type-contractor'));
    expect(allByTestId(page.fixture, 'user-type-row')).toHaveLength(2);
  });

  it('says why when the API refuses, and keeps the row', async () => {
    await render(policyView(), [EMPLOYEES, CONTRACTORS]);
    await confirmDelete('Contractors');
    page.http.expectOne(ApiPaths.userType(TENANT, 'type-contractor')).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'Contractors still has 1 login (deactivated ones included): give it another user type first',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await page.fixture.whenStable();

    expect(byTestId(page.fixture, 'settings-error').textContent).toContain(
      'Contractors was not deleted: Contractors still has 1 login',
    );
    expect(allByTestId(page.fixture, 'user-type-row')).toHaveLength(2);
    expect(deleteOf('Contractors').getAttribute('aria-disabled')).not.toBe('true');
  });
});

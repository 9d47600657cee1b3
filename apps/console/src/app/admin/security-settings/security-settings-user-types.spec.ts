import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { EMPLOYEES, MANAGERS, TENANT, policyView, userType, SettingsPageTest } from './settings-page.testing';

/** Adding and renaming user types, and the days a browser is remembered. */
describe('SecuritySettingsPage: user types', () => {
  const page = new SettingsPageTest();
  const { render, answerLoad, methodSelect, choose, setGrace, button, click, previewWith, saveConfirmed } =
    page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  /** The dialog is gone, and it has handed its result over. */
  async function dialogClosed(): Promise<void> {
    await page.dialogGone();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  describe('remembered browsers', () => {
    async function setRemember(row: number, days: string): Promise<void> {
      typeInto(allByTestId<HTMLInputElement>(page.fixture, 'remember-days')[row], days);
      await page.fixture.whenStable();
    }

    it("shows each type's stored days", async () => {
      await render(policyView(), [EMPLOYEES, { ...MANAGERS, rememberDays: 30 }]);

      expect(allByTestId<HTMLInputElement>(page.fixture, 'remember-days').map((i) => i.value)).toEqual([
        '0',
        '30',
      ]);
    });

    it('previews and saves a change of the days like a grace change, sending them in the PUT', async () => {
      await render(policyView(), [EMPLOYEES, { ...MANAGERS, rememberDays: 30 }]);
      await setRemember(0, '14');
      expect(button('save-policy').disabled).toBe(true);

      expect(await previewWith()).toEqual({
        mandatoryForAll: false,
        userTypes: [{ userTypeId: 'type-employee', method: 'off' }],
      });
      await saveConfirmed();

      const put = page.http.expectOne({
        method: 'PUT',
        url: ApiPaths.userTypePolicy(TENANT, 'type-employee'),
      });
      expect(put.request.body).toEqual({
        method: 'off',
        graceDays: 0,
        rememberDays: 14,
        signOutAffected: false,
      });
      page.http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
      const saved = { ...EMPLOYEES, rememberDays: 14 };
      put.flush(saved);
      await page.fixture.whenStable();

      await answerLoad(policyView(), [saved, { ...MANAGERS, rememberDays: 30 }]);
      expect(allByTestId<HTMLInputElement>(page.fixture, 'remember-days').map((i) => i.value)).toEqual([
        '14',
        '30',
      ]);
      expect(button('save-policy').disabled).toBe(true);
    });

    it('sends 0 to stop remembering browsers', async () => {
      await render(policyView(), [{ ...MANAGERS, rememberDays: 30 }]);
      await setRemember(0, '0');
      await previewWith();
      await saveConfirmed();

      const put = page.http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
      expect(put.request.body).toEqual({
        method: 'authenticator',
        graceDays: 0,
        rememberDays: 0,
        signOutAffected: false,
      });
      put.flush({ ...MANAGERS, rememberDays: 0 });
      await page.fixture.whenStable();
      await answerLoad(policyView(), [{ ...MANAGERS, rememberDays: 0 }]);
    });

    it('leaves the days out of the PUT of a row whose days did not change', async () => {
      await render(policyView(), [{ ...EMPLOYEES, rememberDays: 30 }]);
      await setGrace(0, '5');
      await previewWith();
      await saveConfirmed();

      const put = page.http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'));
      expect(put.request.body).toEqual({ method: 'off', graceDays: 5, signOutAffected: false });
      expect('rememberDays' in put.request.body).toBe(false);
    });

    it('makes a new change of the days need a new preview', async () => {
      await render();
      await setRemember(0, '7');
      await previewWith();
      expect(button('save-policy').disabled).toBe(false);

      await setRemember(0, '8');
      expect(button('save-policy').disabled).toBe(true);
      expect(queryTestId(page.fixture, 'preview-summary')).toBeNull();
    });

    it('accepts 0 to 90 whole days only', async () => {
      await render();

      for (const days of ['91', '-1', '2.5', '']) {
        await setRemember(0, days);
        expect(button('preview').disabled).toBe(true);
      }
      expect(page.fixture.nativeElement.textContent).toContain('0 to 90.');
      await setRemember(0, '90');
      expect(button('preview').disabled).toBe(false);
    });
  });

  it('adds a user type with a name and a method, keeping unsaved edits', async () => {
    await render();
    await choose(0, 'PIN code');
    await click('add-user-type');

    typeInto(inDialog<HTMLInputElement>('user-type-name'), ' Contractors ');
    const root = TestbedHarnessEnvironment.documentRootLoader(page.fixture);
    const method = await root.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="user-type-method"]' }),
    );
    await method.open();
    await method.clickOptions({ text: 'PIN code' });
    inDialog('user-type-submit').click();
    await page.fixture.whenStable();

    const post = page.http.expectOne({ method: 'POST', url: ApiPaths.userTypes(TENANT) });
    expect(post.request.body).toEqual({ name: 'Contractors', method: 'pin' });
    post.flush(userType('type-contractor', 'Contractors', 'pin', { loginCount: 0 }), {
      status: 201,
      statusText: 'Created',
    });
    await dialogClosed();

    expect(allByTestId(page.fixture, 'user-type-name').map((n) => n.textContent?.trim())).toEqual([
      'Employees',
      'Managers',
      'Contractors',
    ]);
    expect(await (await methodSelect(0)).getValueText()).toBe('PIN code');
    expect(await (await methodSelect(2)).getValueText()).toBe('PIN code');
  });

  it('renames a user type in a small dialog', async () => {
    await render();
    await click('rename-user-type');

    const name = inDialog<HTMLInputElement>('user-type-name');
    expect(name.value).toBe('Employees');
    expect(document.querySelector('mat-dialog-container [data-testid="user-type-method"]')).toBeNull();
    typeInto(name, 'Staff');
    inDialog('user-type-submit').click();
    await page.fixture.whenStable();

    const patch = page.http.expectOne({ method: 'PATCH', url: ApiPaths.userType(TENANT, 'type-employee') });
    expect(patch.request.body).toEqual({ name: 'Staff' });
    patch.flush({ ...EMPLOYEES, name: 'Staff' });
    await dialogClosed();

    expect(allByTestId(page.fixture, 'user-type-name')[0].textContent?.trim()).toBe('Staff');
  });

  it('keeps the add dialog open with the API message when the name is refused', async () => {
    await render();
    await click('add-user-type');

    typeInto(inDialog<HTMLInputElement>('user-type-name'), 'Managers');
    inDialog('user-type-submit').click();
    await page.fixture.whenStable();
    const post = page.http.expectOne({ method: 'POST', url: ApiPaths.userTypes(TENANT) });
    expect(post.request.body).toEqual({ name: 'Managers', method: 'authenticator' });
    post.flush(
      { statusCode: 409, error: 'Conflict', message: 'A user type named "Managers" already exists.' },
      { status: 409, statusText: 'Conflict' },
    );
    await page.fixture.whenStable();

    expect(inDialog('user-type-error').textContent?.trim()).toBe(
      'A user type named "Managers" already exists.',
    );
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
    expect(allByTestId(page.fixture, 'user-type-row')).toHaveLength(2);
  });
});

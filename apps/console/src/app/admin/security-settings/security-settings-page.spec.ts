import { TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { ApiPaths, FloorLock } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { FEATURE_OFF_MESSAGE, SecuritySettingsPage } from './security-settings-page';
import {
  EMPLOYEES,
  MANAGERS,
  PREVIEW,
  TENANT,
  policyView,
  userType,
  SettingsPageTest,
} from './settings-page.testing';

/** Loading, previewing and saving the methods and grace days, floors and failures (the toggles and user types: beside it). */
describe('SecuritySettingsPage', () => {
  const page = new SettingsPageTest();
  const { render, answerLoad, methodSelect, choose, setGrace, button, click, previewWith, saveConfirmed } =
    page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it("loads the tenant's policy and user types and shows one row per type", async () => {
    await render();

    const rows = allByTestId(page.fixture, 'user-type-row');
    expect(rows.map((r) => r.querySelector('[data-testid="user-type-name"]')?.textContent?.trim())).toEqual([
      'Employees',
      'Managers',
    ]);
    expect(allByTestId(page.fixture, 'login-count').map((c) => c.textContent?.trim())).toEqual(['30', '8']);
    expect(await (await methodSelect(0)).getValueText()).toBe('Off');
    expect(await (await methodSelect(1)).getValueText()).toBe('Authenticator app');
    expect(allByTestId<HTMLInputElement>(page.fixture, 'grace-days').map((i) => i.value)).toEqual(['0', '0']);
    expect(queryTestId(page.fixture, 'feature-off-banner')).toBeNull();
  });

  it('offers the three methods with their labels, strongest first', async () => {
    await render();

    const select = await methodSelect(0);
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Authenticator app',
      'PIN code',
      'Off',
    ]);
    expect(await Promise.all(options.map((o) => o.isDisabled()))).toEqual([false, false, false]);
  });

  it('previews every changed row and the toggle, and shows who is affected', async () => {
    await render();
    await choose(0, 'PIN code');
    await setGrace(1, '7');

    const body = await previewWith();

    expect(body).toEqual({
      mandatoryForAll: false,
      userTypes: [
        { userTypeId: 'type-employee', method: 'pin' },
        { userTypeId: 'type-manager', method: 'authenticator' },
      ],
    });
    expect(byTestId(page.fixture, 'preview-summary').textContent?.trim()).toBe(
      '38 users affected, 12 will have to enrol at their next sign-in',
    );
    expect(allByTestId(page.fixture, 'preview-by-type').map((g) => g.textContent?.trim())).toEqual([
      'Employees: 30 affected, 10 must enrol',
      'Managers: 8 affected, 2 must enrol',
    ]);
  });

  it('previews the mandatory toggle alone without any rows', async () => {
    await render();
    await (await page.loader.getHarness(MatSlideToggleHarness)).toggle();
    await page.fixture.whenStable();

    expect(await previewWith({ affected: 1, mustEnrol: 1, byUserType: [], groups: PREVIEW.groups })).toEqual({
      mandatoryForAll: true,
    });
    expect(byTestId(page.fixture, 'preview-summary').textContent?.trim()).toBe(
      '1 user affected, 1 will have to enrol at their next sign-in',
    );
  });

  it('enables Save only once the preview of the current form was shown', async () => {
    await render();
    expect(button('preview').disabled).toBe(true);
    expect(button('save-policy').disabled).toBe(true);

    await choose(0, 'PIN code');
    expect(button('preview').disabled).toBe(false);
    expect(button('save-policy').disabled).toBe(true);

    await previewWith();
    expect(button('save-policy').disabled).toBe(false);

    // Another edit makes the preview stale: preview again before saving.
    await setGrace(0, '3');
    expect(button('save-policy').disabled).toBe(true);
    expect(queryTestId(page.fixture, 'preview-summary')).toBeNull();

    // Back to the previewed state: that preview holds again.
    await setGrace(0, '0');
    expect(button('save-policy').disabled).toBe(false);

    // Undoing every change leaves nothing to preview or save.
    await choose(0, 'Off');
    expect(button('preview').disabled).toBe(true);
    expect(button('save-policy').disabled).toBe(true);
  });

  it('does not preview an invalid grace period', async () => {
    await render();
    await setGrace(0, '400');

    expect(button('preview').disabled).toBe(true);
    expect(page.fixture.nativeElement.textContent).toContain('0 to 365');
  });

  it('sends one PUT per changed row only, with the sign-out choice, then reloads', async () => {
    await render();
    await choose(0, 'PIN code');
    await previewWith();
    await (await page.loader.getHarness(MatCheckboxHarness)).check();
    await saveConfirmed();

    const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.userTypePolicy(TENANT, 'type-employee') });
    expect(put.request.body).toEqual({ method: 'pin', graceDays: 0, signOutAffected: true });
    page.http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
    page.http.expectNone({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
    const saved = userType('type-employee', 'Employees', 'pin', { loginCount: 30 });
    put.flush(saved);
    await page.fixture.whenStable();

    await answerLoad(policyView(), [saved, MANAGERS]);
    expect(await (await methodSelect(0)).getValueText()).toBe('PIN code');
    expect(button('save-policy').disabled).toBe(true);
    expect(await (await page.loader.getHarness(MatCheckboxHarness)).isChecked()).toBe(false);
  });

  it('sends the tenant PUT when "mandatory for all" or its grace changed', async () => {
    await render();
    await (await page.loader.getHarness(MatSlideToggleHarness)).toggle();
    await page.fixture.whenStable();
    typeInto(byTestId<HTMLInputElement>(page.fixture, 'mandatory-grace-days'), '5');
    await page.fixture.whenStable();
    await previewWith();
    await saveConfirmed();

    const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
    expect(put.request.body).toEqual({ mandatoryForAll: true, graceDays: 5, signOutAffected: false });
    const tenantFloor = {
      method: 'authenticator' as const,
      graceDays: 5,
      setBy: 'olivia@acme.test',
      setAt: null,
    };
    put.flush(policyView({ mandatoryForAll: true, tenantFloor }));
    await page.fixture.whenStable();

    await answerLoad(policyView({ mandatoryForAll: true, tenantFloor }), [EMPLOYEES, MANAGERS]);
    expect(button('save-policy').disabled).toBe(true);
    expect(byTestId<HTMLInputElement>(page.fixture, 'mandatory-grace-days').value).toBe('5');
  });

  it('disables the options below a floor and says who set it', async () => {
    const lock: FloorLock = {
      layer: 'platform-floor',
      method: 'pin',
      setBy: 'root@latchkey.test',
      setAt: '2026-11-01T00:00:00Z',
    };
    await render(policyView({ platformFloor: { ...lock, graceDays: 0 }, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
      { ...MANAGERS, lockedBy: lock },
    ]);

    const select = await methodSelect(0);
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map(async (o) => [await o.getText(), await o.isDisabled()]))).toEqual([
      ['Authenticator app', false],
      ['PIN code', false],
      ['Off', true],
    ]);
    expect(allByTestId(page.fixture, 'lock')[0].textContent).toContain(
      'At least PIN code. Set by root@latchkey.test (platform floor)',
    );
  });

  it('asks for at least the floor before a row below it can be saved, even for a grace change', async () => {
    const floor = { method: 'pin' as const, graceDays: 0, setBy: 'root@latchkey.test', setAt: null };
    const lock: FloorLock = { layer: 'tenant-platform-floor', ...floor };
    await render(policyView({ tenantPlatformFloor: floor, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
    ]);
    expect(queryTestId(page.fixture, 'below-floor')).toBeNull();

    await setGrace(0, '5');
    expect(byTestId(page.fixture, 'below-floor').textContent?.trim()).toBe(
      'Choose at least PIN code to save this row.',
    );
    expect(button('preview').disabled).toBe(true);

    await choose(0, 'PIN code');
    expect(queryTestId(page.fixture, 'below-floor')).toBeNull();
    expect(await previewWith()).toEqual({
      mandatoryForAll: false,
      userTypes: [{ userTypeId: 'type-employee', method: 'pin' }],
    });
  });

  it('locks every row to the authenticator while "mandatory for all" is on, and unlocks when it is off', async () => {
    const tenantFloor = {
      method: 'authenticator' as const,
      graceDays: 0,
      setBy: 'olivia@acme.test',
      setAt: null,
    };
    const lock: FloorLock = {
      layer: 'tenant-floor',
      method: 'authenticator',
      setBy: 'olivia@acme.test',
      setAt: null,
    };
    await render(policyView({ mandatoryForAll: true, tenantFloor, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
    ]);

    expect(byTestId(page.fixture, 'lock').textContent).toContain('Set by olivia@acme.test (account floor)');
    let select = await methodSelect(0);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.isDisabled()))).toEqual([
      false,
      true,
      true,
    ]);
    await select.close();

    await (await page.loader.getHarness(MatSlideToggleHarness)).toggle();
    await page.fixture.whenStable();

    expect(queryTestId(page.fixture, 'lock')).toBeNull();
    select = await methodSelect(0);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.isDisabled()))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('lowers "mandatory for all" before the rows it would hold up', async () => {
    const tenantFloor = {
      method: 'authenticator' as const,
      graceDays: 0,
      setBy: 'olivia@acme.test',
      setAt: null,
    };
    await render(policyView({ mandatoryForAll: true, tenantFloor }), [EMPLOYEES]);
    await (await page.loader.getHarness(MatSlideToggleHarness)).toggle();
    await page.fixture.whenStable();
    await choose(0, 'PIN code');
    await previewWith();
    await saveConfirmed();

    page.http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-employee'));
    page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) }).flush(policyView());
    await page.fixture.whenStable();
    page.http
      .expectOne({ method: 'PUT', url: ApiPaths.userTypePolicy(TENANT, 'type-employee') })
      .flush(userType('type-employee', 'Employees', 'pin'));
    await page.fixture.whenStable();
    await answerLoad(policyView(), [userType('type-employee', 'Employees', 'pin')]);
  });

  it("shows the API's message when a save fails, keeps the form, and stops there", async () => {
    await render();
    await choose(0, 'PIN code');
    await choose(1, 'Off');
    await previewWith();
    await saveConfirmed();

    page.http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee')).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'A platform floor requires at least the authenticator.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await page.fixture.whenStable();

    page.http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
    expect(byTestId(page.fixture, 'settings-error').textContent?.trim()).toBe(
      'Employees was not saved: A platform floor requires at least the authenticator.',
    );
    expect(await (await methodSelect(0)).getValueText()).toBe('PIN code');
    expect(await (await methodSelect(1)).getValueText()).toBe('Off');
    // Nothing was saved, so the same preview still holds and Save may be tried again.
    expect(button('save-policy').disabled).toBe(false);
  });

  it('after a partial save only the unsaved rows stay changed, and they need a new preview', async () => {
    await render();
    await choose(0, 'PIN code');
    await setGrace(1, '400');
    await setGrace(1, '7');
    await previewWith();
    await saveConfirmed();

    page.http
      .expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'))
      .flush(userType('type-employee', 'Employees', 'pin', { loginCount: 30 }));
    await page.fixture.whenStable();
    page.http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-manager')).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: 'graceDays', messages: ['graceDays must not be greater than 30'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await page.fixture.whenStable();

    expect(byTestId(page.fixture, 'settings-error').textContent).toContain(
      'Managers was not saved: graceDays must not be greater than 30',
    );
    expect(allByTestId<HTMLInputElement>(page.fixture, 'grace-days')[1].value).toBe('7');
    expect(button('save-policy').disabled).toBe(true);

    expect(await previewWith()).toEqual({
      mandatoryForAll: false,
      userTypes: [{ userTypeId: 'type-manager', method: 'authenticator' }],
    });
  });

  it('says when the preview fails', async () => {
    await render();
    await choose(0, 'PIN code');
    await click('preview');
    page.http
      .expectOne(ApiPaths.policyPreview(TENANT))
      .flush(null, { status: 500, statusText: 'Server Error' });
    await page.fixture.whenStable();

    expect(byTestId(page.fixture, 'settings-error').textContent).toContain(
      'Something went wrong on our side',
    );
    expect(button('save-policy').disabled).toBe(true);
  });

  it('shows the page read-only while the platform has not switched 2FA on', async () => {
    await render(policyView({ twoFactorEnabled: false }));

    expect(byTestId(page.fixture, 'feature-off-banner').textContent?.trim()).toBe(FEATURE_OFF_MESSAGE);
    expect(await (await methodSelect(0)).isDisabled()).toBe(true);
    expect(await (await page.loader.getHarness(MatSlideToggleHarness)).isDisabled()).toBe(true);
    expect(allByTestId<HTMLInputElement>(page.fixture, 'grace-days').every((i) => i.disabled)).toBe(true);
    expect(allByTestId<HTMLInputElement>(page.fixture, 'remember-days').every((i) => i.disabled)).toBe(true);
    expect(button('preview').disabled).toBe(true);
    expect(button('save-policy').disabled).toBe(true);
  });

  it('says so when the settings cannot be loaded', async () => {
    page.fixture = TestBed.createComponent(SecuritySettingsPage);
    await page.fixture.whenStable();
    page.http
      .expectOne(ApiPaths.tenantPolicy(TENANT))
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Tenant not found' },
        { status: 404, statusText: 'x' },
      );
    // The other half of the load is cancelled with it.
    expect(page.http.expectOne(ApiPaths.userTypes(TENANT)).cancelled).toBe(true);
    await page.fixture.whenStable();

    expect(byTestId(page.fixture, 'settings-load-error').textContent).toContain('Tenant not found');
  });
});

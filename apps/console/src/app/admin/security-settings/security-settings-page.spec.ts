import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import {
  ApiPaths,
  FloorLock,
  PolicyPreviewAnswer,
  TenantPolicyView,
  TwoFactorMethod,
  UserTypeView,
} from '@latchkey/contracts';
import { allByTestId, byTestId, me, queryTestId, typeInto } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { pageProviders } from '../../shared/testing/component-testing';
import { tenantPolicy } from './policy.testing';
import { FEATURE_OFF_MESSAGE, SecuritySettingsPage } from './security-settings-page';

const TENANT = 'tenant-1';

function policyView(overrides: Partial<TenantPolicyView> = {}): TenantPolicyView {
  return tenantPolicy({ tenantId: TENANT, ...overrides });
}

function userType(
  id: string,
  name: string,
  method: TwoFactorMethod,
  overrides: Partial<UserTypeView> = {},
): UserTypeView {
  return {
    id,
    name,
    policy: { method, graceDays: 0, setBy: 'olivia@acme.test', setAt: '2026-11-20T10:00:00Z' },
    rememberDays: 0,
    loginCount: 10,
    lockedBy: null,
    ...overrides,
  };
}

const EMPLOYEES = userType('type-employee', 'Employees', 'off', { loginCount: 30 });
const MANAGERS = userType('type-manager', 'Managers', 'authenticator', { loginCount: 8 });

const PREVIEW: PolicyPreviewAnswer = {
  affected: 38,
  mustEnrol: 12,
  byUserType: [
    { userTypeId: 'type-employee', userTypeName: 'Employees', affected: 30, mustEnrol: 10 },
    { userTypeId: 'type-manager', userTypeName: 'Managers', affected: 8, mustEnrol: 2 },
  ],
};

describe('SecuritySettingsPage', () => {
  let fixture: ComponentFixture<SecuritySettingsPage>;
  let http: HttpTestingController;
  let loader: HarnessLoader;

  async function render(
    policy: TenantPolicyView = policyView(),
    types: UserTypeView[] = [EMPLOYEES, MANAGERS],
  ): Promise<void> {
    fixture = TestBed.createComponent(SecuritySettingsPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    await answerLoad(policy, types);
  }

  async function answerLoad(policy: TenantPolicyView, types: UserTypeView[]): Promise<void> {
    http.expectOne({ method: 'GET', url: ApiPaths.tenantPolicy(TENANT) }).flush(policy);
    http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(types);
    await fixture.whenStable();
  }

  async function methodSelect(row: number): Promise<MatSelectHarness> {
    const selects = await loader.getAllHarnesses(
      MatSelectHarness.with({ selector: '[data-testid="method-select"]' }),
    );
    return selects[row];
  }

  async function choose(row: number, label: string): Promise<void> {
    const select = await methodSelect(row);
    await select.open();
    await select.clickOptions({ text: label });
    await fixture.whenStable();
  }

  async function setGrace(row: number, days: string): Promise<void> {
    typeInto(allByTestId<HTMLInputElement>(fixture, 'grace-days')[row], days);
    await fixture.whenStable();
  }

  function button(id: string): HTMLButtonElement {
    return byTestId<HTMLButtonElement>(fixture, id);
  }

  async function click(id: string): Promise<void> {
    button(id).click();
    await fixture.whenStable();
  }

  async function previewWith(answer: PolicyPreviewAnswer = PREVIEW): Promise<unknown> {
    await click('preview');
    const request = http.expectOne({ method: 'POST', url: ApiPaths.policyPreview(TENANT) });
    request.flush(answer);
    await fixture.whenStable();
    return request.request.body;
  }

  /** An element of the open dialog, which lives outside the fixture. */
  function inDialog<T extends HTMLElement = HTMLElement>(testId: string): T {
    const element = document.querySelector<T>(`mat-dialog-container [data-testid="${testId}"]`);
    if (!element) {
      throw new Error(`No data-testid="${testId}" in an open dialog`);
    }
    return element;
  }

  /** The dialog hands its result over after it is gone from the page, a task later. */
  async function dialogClosed(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SecuritySettingsPage],
      providers: pageProviders(),
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).record({
      state: 'signed-in',
      me: me('owner', { email: 'olivia@acme.test', tenantId: TENANT }),
    });
  });

  afterEach(() => http.verify());

  it("loads the tenant's policy and user types and shows one row per type", async () => {
    await render();

    const rows = allByTestId(fixture, 'user-type-row');
    expect(rows.map((r) => r.querySelector('[data-testid="user-type-name"]')?.textContent?.trim())).toEqual([
      'Employees',
      'Managers',
    ]);
    expect(allByTestId(fixture, 'login-count').map((c) => c.textContent?.trim())).toEqual(['30', '8']);
    expect(await (await methodSelect(0)).getValueText()).toBe('Off');
    expect(await (await methodSelect(1)).getValueText()).toBe('Authenticator app');
    expect(allByTestId<HTMLInputElement>(fixture, 'grace-days').map((i) => i.value)).toEqual(['0', '0']);
    expect(queryTestId(fixture, 'feature-off-banner')).toBeNull();
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
    expect(byTestId(fixture, 'preview-summary').textContent?.trim()).toBe(
      '38 users affected, 12 will have to enrol at their next sign-in',
    );
    expect(allByTestId(fixture, 'preview-group').map((g) => g.textContent?.trim())).toEqual([
      'Employees: 30 affected, 10 must enrol',
      'Managers: 8 affected, 2 must enrol',
    ]);
  });

  it('previews the mandatory toggle alone without any rows', async () => {
    await render();
    await (await loader.getHarness(MatSlideToggleHarness)).toggle();
    await fixture.whenStable();

    expect(await previewWith({ affected: 1, mustEnrol: 1, byUserType: [] })).toEqual({
      mandatoryForAll: true,
    });
    expect(byTestId(fixture, 'preview-summary').textContent?.trim()).toBe(
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
    expect(queryTestId(fixture, 'preview-summary')).toBeNull();

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
    expect(fixture.nativeElement.textContent).toContain('0 to 365');
  });

  it('sends one PUT per changed row only, with the sign-out choice, then reloads', async () => {
    await render();
    await choose(0, 'PIN code');
    await previewWith();
    await (await loader.getHarness(MatCheckboxHarness)).check();
    await click('save-policy');

    const put = http.expectOne({ method: 'PUT', url: ApiPaths.userTypePolicy(TENANT, 'type-employee') });
    expect(put.request.body).toEqual({ method: 'pin', graceDays: 0, signOutAffected: true });
    http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
    http.expectNone({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
    const saved = userType('type-employee', 'Employees', 'pin', { loginCount: 30 });
    put.flush(saved);
    await fixture.whenStable();

    await answerLoad(policyView(), [saved, MANAGERS]);
    expect(await (await methodSelect(0)).getValueText()).toBe('PIN code');
    expect(button('save-policy').disabled).toBe(true);
    expect(await (await loader.getHarness(MatCheckboxHarness)).isChecked()).toBe(false);
  });

  it('sends the tenant PUT when "mandatory for all" or its grace changed', async () => {
    await render();
    await (await loader.getHarness(MatSlideToggleHarness)).toggle();
    await fixture.whenStable();
    typeInto(byTestId<HTMLInputElement>(fixture, 'mandatory-grace-days'), '5');
    await fixture.whenStable();
    await previewWith();
    await click('save-policy');

    const put = http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
    expect(put.request.body).toEqual({ mandatoryForAll: true, graceDays: 5, signOutAffected: false });
    const tenantFloor = {
      method: 'authenticator' as const,
      graceDays: 5,
      setBy: 'olivia@acme.test',
      setAt: null,
    };
    put.flush(policyView({ mandatoryForAll: true, tenantFloor }));
    await fixture.whenStable();

    await answerLoad(policyView({ mandatoryForAll: true, tenantFloor }), [EMPLOYEES, MANAGERS]);
    expect(button('save-policy').disabled).toBe(true);
    expect(byTestId<HTMLInputElement>(fixture, 'mandatory-grace-days').value).toBe('5');
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
    expect(allByTestId(fixture, 'lock')[0].textContent).toContain(
      'At least PIN code. Set by root@latchkey.test (platform floor)',
    );
  });

  it('asks for at least the floor before a row below it can be saved, even for a grace change', async () => {
    const floor = { method: 'pin' as const, graceDays: 0, setBy: 'root@latchkey.test', setAt: null };
    const lock: FloorLock = { layer: 'tenant-platform-floor', ...floor };
    await render(policyView({ tenantPlatformFloor: floor, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
    ]);
    expect(queryTestId(fixture, 'below-floor')).toBeNull();

    await setGrace(0, '5');
    expect(byTestId(fixture, 'below-floor').textContent?.trim()).toBe(
      'Choose at least PIN code to save this row.',
    );
    expect(button('preview').disabled).toBe(true);

    await choose(0, 'PIN code');
    expect(queryTestId(fixture, 'below-floor')).toBeNull();
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

    expect(byTestId(fixture, 'lock').textContent).toContain('Set by olivia@acme.test (account-wide)');
    let select = await methodSelect(0);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.isDisabled()))).toEqual([
      false,
      true,
      true,
    ]);
    await select.close();

    await (await loader.getHarness(MatSlideToggleHarness)).toggle();
    await fixture.whenStable();

    expect(queryTestId(fixture, 'lock')).toBeNull();
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
    await (await loader.getHarness(MatSlideToggleHarness)).toggle();
    await fixture.whenStable();
    await choose(0, 'PIN code');
    await previewWith();
    await click('save-policy');

    http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-employee'));
    http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) }).flush(policyView());
    await fixture.whenStable();
    http
      .expectOne({ method: 'PUT', url: ApiPaths.userTypePolicy(TENANT, 'type-employee') })
      .flush(userType('type-employee', 'Employees', 'pin'));
    await fixture.whenStable();
    await answerLoad(policyView(), [userType('type-employee', 'Employees', 'pin')]);
  });

  it("shows the API's message when a save fails, keeps the form, and stops there", async () => {
    await render();
    await choose(0, 'PIN code');
    await choose(1, 'Off');
    await previewWith();
    await click('save-policy');

    http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee')).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'A platform floor requires at least the authenticator.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
    expect(byTestId(fixture, 'settings-error').textContent?.trim()).toBe(
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
    await click('save-policy');

    http
      .expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'))
      .flush(userType('type-employee', 'Employees', 'pin', { loginCount: 30 }));
    await fixture.whenStable();
    http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-manager')).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: 'graceDays', messages: ['graceDays must not be greater than 30'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'settings-error').textContent).toContain(
      'Managers was not saved: graceDays must not be greater than 30',
    );
    expect(allByTestId<HTMLInputElement>(fixture, 'grace-days')[1].value).toBe('7');
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
    http.expectOne(ApiPaths.policyPreview(TENANT)).flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(byTestId(fixture, 'settings-error').textContent).toContain('Something went wrong on our side');
    expect(button('save-policy').disabled).toBe(true);
  });

  describe('remembered browsers', () => {
    async function setRemember(row: number, days: string): Promise<void> {
      typeInto(allByTestId<HTMLInputElement>(fixture, 'remember-days')[row], days);
      await fixture.whenStable();
    }

    it("shows each type's stored days", async () => {
      await render(policyView(), [EMPLOYEES, { ...MANAGERS, rememberDays: 30 }]);

      expect(allByTestId<HTMLInputElement>(fixture, 'remember-days').map((i) => i.value)).toEqual([
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
      await click('save-policy');

      const put = http.expectOne({ method: 'PUT', url: ApiPaths.userTypePolicy(TENANT, 'type-employee') });
      expect(put.request.body).toEqual({
        method: 'off',
        graceDays: 0,
        rememberDays: 14,
        signOutAffected: false,
      });
      http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
      const saved = { ...EMPLOYEES, rememberDays: 14 };
      put.flush(saved);
      await fixture.whenStable();

      await answerLoad(policyView(), [saved, { ...MANAGERS, rememberDays: 30 }]);
      expect(allByTestId<HTMLInputElement>(fixture, 'remember-days').map((i) => i.value)).toEqual([
        '14',
        '30',
      ]);
      expect(button('save-policy').disabled).toBe(true);
    });

    it('sends 0 to stop remembering browsers', async () => {
      await render(policyView(), [{ ...MANAGERS, rememberDays: 30 }]);
      await setRemember(0, '0');
      await previewWith();
      await click('save-policy');

      const put = http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
      expect(put.request.body).toEqual({
        method: 'authenticator',
        graceDays: 0,
        rememberDays: 0,
        signOutAffected: false,
      });
      put.flush({ ...MANAGERS, rememberDays: 0 });
      await fixture.whenStable();
      await answerLoad(policyView(), [{ ...MANAGERS, rememberDays: 0 }]);
    });

    it('leaves the days out of the PUT of a row whose days did not change', async () => {
      await render(policyView(), [{ ...EMPLOYEES, rememberDays: 30 }]);
      await setGrace(0, '5');
      await previewWith();
      await click('save-policy');

      const put = http.expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'));
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
      expect(queryTestId(fixture, 'preview-summary')).toBeNull();
    });

    it('accepts 0 to 90 whole days only', async () => {
      await render();

      for (const days of ['91', '-1', '2.5', '']) {
        await setRemember(0, days);
        expect(button('preview').disabled).toBe(true);
      }
      expect(fixture.nativeElement.textContent).toContain('0 to 90.');
      await setRemember(0, '90');
      expect(button('preview').disabled).toBe(false);
    });
  });

  it('shows the page read-only while the platform has not switched 2FA on', async () => {
    await render(policyView({ twoFactorEnabled: false }));

    expect(byTestId(fixture, 'feature-off-banner').textContent?.trim()).toBe(FEATURE_OFF_MESSAGE);
    expect(await (await methodSelect(0)).isDisabled()).toBe(true);
    expect(await (await loader.getHarness(MatSlideToggleHarness)).isDisabled()).toBe(true);
    expect(allByTestId<HTMLInputElement>(fixture, 'grace-days').every((i) => i.disabled)).toBe(true);
    expect(allByTestId<HTMLInputElement>(fixture, 'remember-days').every((i) => i.disabled)).toBe(true);
    expect(button('preview').disabled).toBe(true);
    expect(button('save-policy').disabled).toBe(true);
  });

  it('says so when the settings cannot be loaded', async () => {
    fixture = TestBed.createComponent(SecuritySettingsPage);
    await fixture.whenStable();
    http
      .expectOne(ApiPaths.tenantPolicy(TENANT))
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Tenant not found' },
        { status: 404, statusText: 'x' },
      );
    // The other half of the load is cancelled with it.
    expect(http.expectOne(ApiPaths.userTypes(TENANT)).cancelled).toBe(true);
    await fixture.whenStable();

    expect(byTestId(fixture, 'settings-load-error').textContent).toContain('Tenant not found');
  });

  it('adds a user type with a name and a method, keeping unsaved edits', async () => {
    await render();
    await choose(0, 'PIN code');
    await click('add-user-type');

    typeInto(inDialog<HTMLInputElement>('user-type-name'), ' Contractors ');
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const method = await root.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="user-type-method"]' }),
    );
    await method.open();
    await method.clickOptions({ text: 'PIN code' });
    inDialog('user-type-submit').click();
    await fixture.whenStable();

    const post = http.expectOne({ method: 'POST', url: ApiPaths.userTypes(TENANT) });
    expect(post.request.body).toEqual({ name: 'Contractors', method: 'pin' });
    post.flush(userType('type-contractor', 'Contractors', 'pin', { loginCount: 0 }), {
      status: 201,
      statusText: 'Created',
    });
    await dialogClosed();

    expect(allByTestId(fixture, 'user-type-name').map((n) => n.textContent?.trim())).toEqual([
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
    await fixture.whenStable();

    const patch = http.expectOne({ method: 'PATCH', url: ApiPaths.userType(TENANT, 'type-employee') });
    expect(patch.request.body).toEqual({ name: 'Staff' });
    patch.flush({ ...EMPLOYEES, name: 'Staff' });
    await dialogClosed();

    expect(allByTestId(fixture, 'user-type-name')[0].textContent?.trim()).toBe('Staff');
  });

  it('keeps the add dialog open with the API message when the name is refused', async () => {
    await render();
    await click('add-user-type');

    typeInto(inDialog<HTMLInputElement>('user-type-name'), 'Managers');
    inDialog('user-type-submit').click();
    await fixture.whenStable();
    const post = http.expectOne({ method: 'POST', url: ApiPaths.userTypes(TENANT) });
    expect(post.request.body).toEqual({ name: 'Managers', method: 'authenticator' });
    post.flush(
      { statusCode: 409, error: 'Conflict', message: 'A user type named "Managers" already exists.' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    expect(inDialog('user-type-error').textContent?.trim()).toBe(
      'A user type named "Managers" already exists.',
    );
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
    expect(allByTestId(fixture, 'user-type-row')).toHaveLength(2);
  });

  describe('handover code after a reset', () => {
    async function handoverToggle(): Promise<MatSlideToggleHarness> {
      return loader.getHarness(MatSlideToggleHarness.with({ selector: '[data-testid="handover-toggle"]' }));
    }

    it('shows the stored setting', async () => {
      await render(policyView({ handoverEnabled: false }));

      expect(await (await handoverToggle()).isChecked()).toBe(false);
      expect(await (await handoverToggle()).getLabelText()).toBe(
        'Require a one-time handover code after a reset',
      );
    });

    it('saves the handover alone without a preview, sending only what changed', async () => {
      await render();
      await (await handoverToggle()).toggle();
      await fixture.whenStable();

      expect(button('preview').disabled).toBe(true);
      expect(queryTestId(fixture, 'preview-needed')).toBeNull();
      expect(button('save-policy').disabled).toBe(false);
      await click('save-policy');

      http.expectNone(ApiPaths.policyPreview(TENANT));
      const put = http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({ mandatoryForAll: false, graceDays: 0, handoverEnabled: false });
      put.flush(policyView({ handoverEnabled: false }));
      await fixture.whenStable();

      await answerLoad(policyView({ handoverEnabled: false }), [EMPLOYEES, MANAGERS]);
      expect(await (await handoverToggle()).isChecked()).toBe(false);
      expect(button('save-policy').disabled).toBe(true);
    });

    it('keeps the stored grace of "mandatory for all" when only the handover changes', async () => {
      const tenantFloor = { method: 'authenticator' as const, graceDays: 14, setBy: null, setAt: null };
      await render(policyView({ mandatoryForAll: true, tenantFloor, handoverEnabled: false }));
      await (await handoverToggle()).toggle();
      await fixture.whenStable();
      await click('save-policy');

      expect(http.expectOne(ApiPaths.tenantPolicy(TENANT)).request.body).toEqual({
        mandatoryForAll: true,
        graceDays: 14,
        handoverEnabled: true,
      });
    });

    it('still asks for a preview when methods change too, and sends both', async () => {
      await render();
      await (await handoverToggle()).toggle();
      await choose(0, 'PIN code');
      expect(button('save-policy').disabled).toBe(true);
      expect(queryTestId(fixture, 'preview-needed')).not.toBeNull();

      expect(await previewWith()).toEqual({
        mandatoryForAll: false,
        userTypes: [{ userTypeId: 'type-employee', method: 'pin' }],
      });
      // The handover is not part of what is previewed: flipping it keeps the preview.
      await (await handoverToggle()).toggle();
      await (await handoverToggle()).toggle();
      await fixture.whenStable();
      expect(button('save-policy').disabled).toBe(false);
      await click('save-policy');

      http
        .expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'))
        .flush(userType('type-employee', 'Employees', 'pin'));
      await fixture.whenStable();
      const put = http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({ mandatoryForAll: false, graceDays: 0, handoverEnabled: false });
      put.flush(policyView({ handoverEnabled: false }));
      await fixture.whenStable();
      await answerLoad(policyView({ handoverEnabled: false }), [
        userType('type-employee', 'Employees', 'pin'),
        MANAGERS,
      ]);
    });

    it('sends the handover with "mandatory for all" in one PUT', async () => {
      await render();
      await (
        await loader.getHarness(MatSlideToggleHarness.with({ selector: '[data-testid="mandatory-toggle"]' }))
      ).toggle();
      await (await handoverToggle()).toggle();
      await fixture.whenStable();
      await previewWith();
      await click('save-policy');

      expect(http.expectOne(ApiPaths.tenantPolicy(TENANT)).request.body).toEqual({
        mandatoryForAll: true,
        graceDays: 0,
        handoverEnabled: false,
        signOutAffected: false,
      });
    });

    it('has nothing to save once the toggle is back where it was', async () => {
      await render();
      await (await handoverToggle()).toggle();
      await (await handoverToggle()).toggle();
      await fixture.whenStable();

      expect(button('save-policy').disabled).toBe(true);
    });

    it('is read-only while 2FA is not switched on', async () => {
      await render(policyView({ twoFactorEnabled: false }));

      expect(await (await handoverToggle()).isDisabled()).toBe(true);
    });
  });

  describe('enrolment invite', () => {
    async function inviteToggle(): Promise<MatSlideToggleHarness> {
      return loader.getHarness(MatSlideToggleHarness.with({ selector: '[data-testid="invite-toggle"]' }));
    }
    async function handoverToggle(): Promise<MatSlideToggleHarness> {
      return loader.getHarness(MatSlideToggleHarness.with({ selector: '[data-testid="handover-toggle"]' }));
    }

    it('shows the stored setting beside the handover toggle', async () => {
      await render(policyView({ enrolmentInviteRequired: true }));

      expect(await (await inviteToggle()).isChecked()).toBe(true);
      expect(await (await inviteToggle()).getLabelText()).toBe(
        'Require a one-time code for the first enrolment too (enrolment invite)',
      );
    });

    it('saves it alone without a preview, sending only what changed, then reloads', async () => {
      await render();
      await (await inviteToggle()).toggle();
      await fixture.whenStable();

      expect(button('preview').disabled).toBe(true);
      expect(queryTestId(fixture, 'preview-needed')).toBeNull();
      await click('save-policy');

      http.expectNone(ApiPaths.policyPreview(TENANT));
      const put = http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({
        mandatoryForAll: false,
        graceDays: 0,
        enrolmentInviteRequired: true,
      });
      put.flush(policyView({ enrolmentInviteRequired: true }));
      await fixture.whenStable();

      await answerLoad(policyView({ enrolmentInviteRequired: true }), [EMPLOYEES, MANAGERS]);
      expect(await (await inviteToggle()).isChecked()).toBe(true);
      expect(button('save-policy').disabled).toBe(true);
      expect(document.body.textContent).toContain('Security settings saved.');
    });

    it('sends it with the handover in one PUT, and names both when it fails', async () => {
      await render();
      await (await inviteToggle()).toggle();
      await (await handoverToggle()).toggle();
      await fixture.whenStable();
      await click('save-policy');

      const put = http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({
        mandatoryForAll: false,
        graceDays: 0,
        handoverEnabled: false,
        enrolmentInviteRequired: true,
      });
      put.flush(null, { status: 500, statusText: 'Server Error' });
      await fixture.whenStable();

      expect(byTestId(fixture, 'settings-error').textContent).toContain(
        'Requiring one-time codes was not saved',
      );
      expect(await (await inviteToggle()).isChecked()).toBe(true);
    });

    it('is read-only while 2FA is not switched on', async () => {
      await render(policyView({ twoFactorEnabled: false }));

      expect(await (await inviteToggle()).isDisabled()).toBe(true);
    });
  });
});

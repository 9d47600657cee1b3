import { ApiPaths, FloorLock, PolicySetting } from '@latchkey/contracts';
import { allByTestId, byTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { EMPLOYEES, MANAGERS, PREVIEW, TENANT, policyView, SettingsPageTest } from './settings-page.testing';

/** Each type's method in effect and why, the floors' names, and the grace stated before saving. */
describe('SecuritySettingsPage: what is in effect', () => {
  const page = new SettingsPageTest();
  const { render, choose, setGrace, click, previewWith } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  const effective = (): string[] =>
    allByTestId(page.fixture, 'effective-method').map((e) => e.textContent?.trim() ?? '');
  const platformPin: PolicySetting = {
    method: 'pin',
    graceDays: 3,
    setBy: 'root@latchkey.test',
    setAt: null,
  };
  const lockOf = (layer: FloorLock['layer'], setting: PolicySetting): FloorLock => ({
    layer,
    method: setting.method,
    setBy: setting.setBy,
    setAt: setting.setAt,
  });
  const mandatoryToggle = () => page.toggle('mandatory-toggle');

  it("shows each type's own setting in effect when no floor raises it", async () => {
    await render();

    expect(effective()).toEqual(["Off — this type's setting", "Authenticator app — this type's setting"]);
  });

  it('never shows Off as in effect for a type the platform floor raises to a PIN', async () => {
    const lock = lockOf('platform-floor', platformPin);
    await render(policyView({ platformFloor: platformPin, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
      { ...MANAGERS, lockedBy: lock },
    ]);

    expect(effective()).toEqual([
      'PIN code — raised by the platform floor',
      "Authenticator app — this type's setting",
    ]);
    expect(allByTestId(page.fixture, 'lock')[0].textContent).toContain(
      'At least PIN code. Set by root@latchkey.test (platform floor)',
    );
  });

  it('names the platform floor for this account apart from the platform floor', async () => {
    const lock = lockOf('tenant-platform-floor', platformPin);
    await render(policyView({ tenantPlatformFloor: platformPin, lockedBy: lock }), [
      { ...EMPLOYEES, lockedBy: lock },
    ]);

    expect(effective()).toEqual(['PIN code — raised by the platform floor for this account']);
    expect(byTestId(page.fixture, 'lock').textContent).toContain(
      'Set by root@latchkey.test (platform floor for this account)',
    );
  });

  it('calls "mandatory for all users" the account floor, and follows the form before saving', async () => {
    await render();
    expect(byTestId(page.fixture, 'account-floor-hint').textContent).toContain('This is the account floor');

    await (await mandatoryToggle()).toggle();
    await page.fixture.whenStable();

    expect(effective()).toEqual([
      'Authenticator app — raised by the account floor',
      "Authenticator app — this type's setting",
    ]);
    expect(allByTestId(page.fixture, 'lock')[0].textContent).toContain(
      'Set by olivia@acme.test (account floor)',
    );

    await (await mandatoryToggle()).toggle();
    await page.fixture.whenStable();
    await choose(0, 'PIN code');
    expect(effective()[0]).toBe("PIN code — this type's setting");
  });

  it('says which floor requires the method while 2FA is not switched on', async () => {
    await render(policyView({ twoFactorEnabled: false, platformFloor: platformPin }), [EMPLOYEES]);

    expect(effective()).toEqual(['PIN code — required by the platform floor']);
  });

  it("states the account floor's grace before saving what it raises, and saves on confirming", async () => {
    await render();
    await (await mandatoryToggle()).toggle();
    await page.fixture.whenStable();
    typeInto(byTestId<HTMLInputElement>(page.fixture, 'mandatory-grace-days'), '7');
    await page.fixture.whenStable();
    await previewWith({
      ...PREVIEW,
      byUserType: [{ userTypeId: 'type-employee', userTypeName: 'Employees', affected: 30, mustEnrol: 12 }],
    });
    await click('save-policy');

    expect(inDialog('confirm-summary').textContent?.trim()).toBe(
      '38 users affected, 12 will have to enrol at their next sign-in.',
    );
    expect(inDialog('confirm-grace').textContent?.trim()).toBe(
      "Users who must enrol get 7 days (the account floor's grace).",
    );
    expect(inDialog('confirm-when').textContent?.trim()).toBe(
      "The change applies at each affected user's next sign-in.",
    );
    page.http.expectNone({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });

    inDialog<HTMLButtonElement>('confirm-ok').click();
    await page.dialogGone();
    const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
    expect(put.request.body).toEqual({ mandatoryForAll: true, graceDays: 7, signOutAffected: false });
    put.flush(policyView());
    await page.fixture.whenStable();
    await page.answerLoad(policyView(), [EMPLOYEES, MANAGERS]);
  });

  it("states the type's own grace where the type decides, and the floor's where a floor does", async () => {
    const lock = lockOf('platform-floor', platformPin);
    const contractors = {
      ...EMPLOYEES,
      id: 'type-contractor',
      name: 'Contractors',
      policy: { ...EMPLOYEES.policy, graceDays: 9 },
      lockedBy: lock,
    };
    await render(policyView({ platformFloor: platformPin, lockedBy: lock }), [
      { ...MANAGERS, policy: { ...MANAGERS.policy, method: 'pin' }, lockedBy: lock },
      contractors,
    ]);
    await choose(0, 'Authenticator app');
    await setGrace(0, '5');
    await previewWith({
      ...PREVIEW,
      byUserType: [
        { userTypeId: 'type-manager', userTypeName: 'Managers', affected: 8, mustEnrol: 2 },
        { userTypeId: 'type-contractor', userTypeName: 'Contractors', affected: 30, mustEnrol: 10 },
      ],
    });
    await click('save-policy');

    // Contractors are Off under the PIN floor: the floor decides, with its grace, not the type's 9.
    expect(inDialog('confirm-grace').textContent?.trim()).toBe(
      "Users who must enrol get — Managers: 5 days (the user type's grace); " +
        "Contractors: 3 days (the platform floor's grace).",
    );
    inDialog<HTMLButtonElement>('confirm-cancel').click();
    await page.dialogGone();
    page.http.expectNone(ApiPaths.userTypePolicy(TENANT, 'type-manager'));
    expect(page.button('save-policy').disabled).toBe(false);
  });

  it('says when no one has to enrol, and that affected users are signed out when asked', async () => {
    await render();
    await choose(1, 'PIN code');
    await previewWith({
      ...PREVIEW,
      affected: 8,
      mustEnrol: 0,
      byUserType: [{ userTypeId: 'type-manager', userTypeName: 'Managers', affected: 8, mustEnrol: 0 }],
    });
    byTestId<HTMLElement>(page.fixture, 'sign-out-affected').querySelector('input')?.click();
    await page.fixture.whenStable();
    await click('save-policy');

    expect(inDialog('confirm-grace').textContent?.trim()).toBe('No one has to enrol because of this change.');
    expect(inDialog('confirm-when').textContent?.trim()).toBe('Affected users are signed out now.');
    inDialog<HTMLButtonElement>('confirm-cancel').click();
    await page.dialogGone();
  });
});

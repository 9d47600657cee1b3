import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, queryTestId } from '../../../testing/fixtures';
import { EMPLOYEES, MANAGERS, TENANT, policyView, userType, SettingsPageTest } from './settings-page.testing';

/** The two toggles that need no preview. */
describe('SecuritySettingsPage: handover and enrolment invite', () => {
  const page = new SettingsPageTest();
  const { render, answerLoad, choose, button, click, previewWith, saveConfirmed } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  describe('handover code after a reset', () => {
    const handoverToggle = () => page.toggle('handover-toggle');

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
      await page.fixture.whenStable();

      expect(button('preview').disabled).toBe(true);
      expect(queryTestId(page.fixture, 'preview-needed')).toBeNull();
      expect(button('save-policy').disabled).toBe(false);
      await click('save-policy');

      page.http.expectNone(ApiPaths.policyPreview(TENANT));
      const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({ mandatoryForAll: false, graceDays: 0, handoverEnabled: false });
      put.flush(policyView({ handoverEnabled: false }));
      await page.fixture.whenStable();

      await answerLoad(policyView({ handoverEnabled: false }), [EMPLOYEES, MANAGERS]);
      expect(await (await handoverToggle()).isChecked()).toBe(false);
      expect(button('save-policy').disabled).toBe(true);
    });

    it('keeps the stored grace of "mandatory for all" when only the handover changes', async () => {
      const tenantFloor = { method: 'authenticator' as const, graceDays: 14, setBy: null, setAt: null };
      await render(policyView({ mandatoryForAll: true, tenantFloor, handoverEnabled: false }));
      await (await handoverToggle()).toggle();
      await page.fixture.whenStable();
      await click('save-policy');

      expect(page.http.expectOne(ApiPaths.tenantPolicy(TENANT)).request.body).toEqual({
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
      expect(queryTestId(page.fixture, 'preview-needed')).not.toBeNull();

      expect(await previewWith()).toEqual({
        mandatoryForAll: false,
        userTypes: [{ userTypeId: 'type-employee', method: 'pin' }],
      });
      // The handover is not part of what is previewed: flipping it keeps the preview.
      await (await handoverToggle()).toggle();
      await (await handoverToggle()).toggle();
      await page.fixture.whenStable();
      expect(button('save-policy').disabled).toBe(false);
      await saveConfirmed();

      page.http
        .expectOne(ApiPaths.userTypePolicy(TENANT, 'type-employee'))
        .flush(userType('type-employee', 'Employees', 'pin'));
      await page.fixture.whenStable();
      const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({ mandatoryForAll: false, graceDays: 0, handoverEnabled: false });
      put.flush(policyView({ handoverEnabled: false }));
      await page.fixture.whenStable();
      await answerLoad(policyView({ handoverEnabled: false }), [
        userType('type-employee', 'Employees', 'pin'),
        MANAGERS,
      ]);
    });

    it('sends the handover with "mandatory for all" in one PUT', async () => {
      await render();
      await (
        await page.loader.getHarness(
          MatSlideToggleHarness.with({ selector: '[data-testid="mandatory-toggle"]' }),
        )
      ).toggle();
      await (await handoverToggle()).toggle();
      await page.fixture.whenStable();
      await previewWith();
      await saveConfirmed();

      expect(page.http.expectOne(ApiPaths.tenantPolicy(TENANT)).request.body).toEqual({
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
      await page.fixture.whenStable();

      expect(button('save-policy').disabled).toBe(true);
    });

    it('is read-only while 2FA is not switched on', async () => {
      await render(policyView({ twoFactorEnabled: false }));

      expect(await (await handoverToggle()).isDisabled()).toBe(true);
    });
  });

  describe('enrolment invite', () => {
    const inviteToggle = () => page.toggle('invite-toggle');
    const handoverToggle = () => page.toggle('handover-toggle');

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
      await page.fixture.whenStable();

      expect(button('preview').disabled).toBe(true);
      expect(queryTestId(page.fixture, 'preview-needed')).toBeNull();
      await click('save-policy');

      page.http.expectNone(ApiPaths.policyPreview(TENANT));
      const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({
        mandatoryForAll: false,
        graceDays: 0,
        enrolmentInviteRequired: true,
      });
      put.flush(policyView({ enrolmentInviteRequired: true }));
      await page.fixture.whenStable();

      await answerLoad(policyView({ enrolmentInviteRequired: true }), [EMPLOYEES, MANAGERS]);
      expect(await (await inviteToggle()).isChecked()).toBe(true);
      expect(button('save-policy').disabled).toBe(true);
      expect(document.body.textContent).toContain('Security settings saved.');
    });

    it('sends it with the handover in one PUT, and names both when it fails', async () => {
      await render();
      await (await inviteToggle()).toggle();
      await (await handoverToggle()).toggle();
      await page.fixture.whenStable();
      await click('save-policy');

      const put = page.http.expectOne({ method: 'PUT', url: ApiPaths.tenantPolicy(TENANT) });
      expect(put.request.body).toEqual({
        mandatoryForAll: false,
        graceDays: 0,
        handoverEnabled: false,
        enrolmentInviteRequired: true,
      });
      put.flush(null, { status: 500, statusText: 'Server Error' });
      await page.fixture.whenStable();

      expect(byTestId(page.fixture, 'settings-error').textContent).toContain(
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

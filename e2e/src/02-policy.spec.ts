import { expect, test } from '@playwright/test';
import { choose, signIn, signOut } from './session';

/**
 * Issue 3's journey in the browser: the super user switches 2FA on for Acme; the owner sets
 * Manager to the authenticator and Employee to a PIN, previews, saves, and sees the effect on the
 * Users page; the demo users then meet the step their type asks for.
 */
test.describe.serial('policy', () => {
  test('the super user switches two-factor authentication on for Acme', async ({ page }) => {
    await signIn(page, 'admin@latchkey.test', { postpone: true });
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.goto('/platform/tenants');
    const acme = page.getByTestId('tenant-row').filter({ hasText: 'Acme' });
    await expect(acme).toBeVisible();
    const toggle = acme.getByTestId('feature-toggle').getByRole('switch');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await signOut(page);
  });

  test('the owner sets methods per user type, previews, saves, and filters users by method', async ({
    page,
  }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.goto('/admin/security-settings');

    const row = (name: string) => page.getByTestId('user-type-row').filter({ hasText: name });
    await expect(row('Manager')).toBeVisible();
    await choose(page, row('Manager').getByTestId('method-select'), 'Authenticator app');
    await choose(page, row('Employee').getByTestId('method-select'), 'PIN code');
    await choose(page, row('Administrator').getByTestId('method-select'), 'Off');

    await expect(page.getByTestId('save-policy')).toBeDisabled();
    await page.getByTestId('preview').click();
    // Employees: Emma and Sam's employee login; managers: Mark and Sam's manager login.
    await expect(page.getByTestId('preview-summary')).toContainText('4 users affected');
    await expect(page.getByTestId('preview-summary')).toContainText('4 will have to enrol');
    // The names behind a count, fetched when the group is opened.
    await page
      .locator('[data-testid="preview-group"][data-group="must-enrol"]')
      .getByTestId('preview-group-toggle')
      .click();
    await expect(page.getByTestId('preview-login')).toHaveCount(4);
    await page.getByTestId('save-policy').click();
    // Saving confirms the count and the grace that will apply.
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('confirm-grace')).toBeVisible();
    await confirm.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('save-policy')).toBeDisabled();

    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row')).toHaveCount(5);
    await choose(page, page.getByTestId('filter-method'), 'Authenticator app');
    await expect(page.getByTestId('user-row')).toHaveCount(2);
    await expect(page.getByTestId('user-row').filter({ hasText: 'Mark Manager' })).toBeVisible();
    await expect(page.getByTestId('user-row').filter({ hasText: 'Sam (manager)' })).toBeVisible();
    await signOut(page);
  });

  test('each demo user meets the step their type asks for', async ({ page }) => {
    await signIn(page, 'mark.manager@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
    await expect(page.getByTestId('authenticator-apps')).toBeVisible();
    await expect(page.getByTestId('enrol-required')).toBeVisible();
    await page.getByTestId('cancel-sign-in').click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, 'emma.employee@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/pin-setup/);
    await expect(page.getByTestId('pin-confirmation')).toBeVisible();
    await page.getByTestId('cancel-sign-in').click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
  });

  test('the audit log shows the changes', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.goto('/admin/audit-log');
    await expect(
      page.getByTestId('audit-row').filter({ hasText: 'policy.user-type-changed' }).first(),
    ).toBeVisible();
    await expect(
      page.getByTestId('audit-row').filter({ hasText: 'platform.feature-switched' }),
    ).toBeVisible();
  });
});

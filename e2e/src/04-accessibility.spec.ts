import { expect, test } from '@playwright/test';
import {
  choosePin,
  createUser,
  enrolAuthenticator,
  FreshCodes,
  prepareAcme,
  resetUser,
  type A11yWorld,
} from './api';
import { expectAccessible } from './axe';
import { choose, rowAction, signIn } from './session';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every console page and the dialogs that matter: each
 * sign-in step in its pending state, then the signed-in pages of an end user, an owner and the
 * super user. Any serious or critical violation fails, listing rule, elements and help.
 *
 * The users it needs are its own (created through the API in beforeAll), so the file runs alone
 * as well as after 01–03.
 */
const ENROL = 'a11y.enrol@acme.test';
const TOTP = 'a11y.totp@acme.test';
const PIN_SETUP = 'a11y.pin-setup@acme.test';
const PIN = 'a11y.pin@acme.test';
const HANDOVER = 'a11y.handover@acme.test';
const THE_PIN = '480263';

test.describe.serial('accessibility (axe)', () => {
  // Each axe run takes a second or two on a busy 2-core machine; a page with its dialogs takes several.
  test.describe.configure({ timeout: 60_000 });
  const codes = new FreshCodes();
  let totpKey = '';

  test.beforeAll(async ({ baseURL }) => {
    const base = baseURL ?? '';
    const world: A11yWorld = await prepareAcme(base, 'A11y');
    await createUser(base, world, ENROL, 'Ada Enrol', world.totpTypeId);
    await createUser(base, world, TOTP, 'Tom Totp', world.totpTypeId);
    await createUser(base, world, PIN_SETUP, 'Pia Setup', world.pinTypeId);
    await createUser(base, world, PIN, 'Pete Pin', world.pinTypeId);
    const handoverLogin = await createUser(base, world, HANDOVER, 'Hana Handover', world.totpTypeId);
    totpKey = await enrolAuthenticator(base, TOTP, codes);
    await choosePin(base, PIN, THE_PIN);
    await enrolAuthenticator(base, HANDOVER, codes);
    await resetUser(base, world, handoverLogin);
  });

  test('sign-in page, empty, with field errors and with a wrong password', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectAccessible(page, 'sign-in');

    await page.getByTestId('sign-in').click();
    await expect(page.locator('mat-error').first()).toBeVisible();
    await expectAccessible(page, 'sign-in with field errors');

    await page.getByTestId('email').fill(TOTP);
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('sign-in-error')).toBeVisible();
    await expectAccessible(page, 'sign-in after a wrong password');
  });

  test('login picker', async ({ page }) => {
    await signIn(page, 'sam@acme.test');
    await expect(page.getByTestId('login-option')).toHaveCount(2);
    await expectAccessible(page, 'login picker');
  });

  test('authenticator enrolment wizard, every step', async ({ page }) => {
    await signIn(page, ENROL);
    await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
    await expect(page.getByTestId('authenticator-apps')).toBeVisible();
    await expectAccessible(page, 'enrolment: install an app');

    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('totp-qr')).toBeVisible();
    await expectAccessible(page, 'enrolment: scan the key');
    const key = (await page.getByTestId('totp-secret').textContent()) ?? '';

    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('totp-code')).toBeVisible();
    await expectAccessible(page, 'enrolment: confirm');

    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('confirm-enrolment').click();
    await expect(page.getByTestId('code-error')).toBeVisible();
    await expectAccessible(page, 'enrolment: confirm with a wrong code');

    await page.getByTestId('totp-code').fill(await codes.next(key));
    await page.getByTestId('confirm-enrolment').click();
    await expect(page.getByTestId('backup-code')).toHaveCount(10);
    await expectAccessible(page, 'enrolment: backup codes');
  });

  test('code page: app code, wrong code and backup code', async ({ page }) => {
    await signIn(page, TOTP);
    await expect(page).toHaveURL(/\/sign-in\/totp$/);
    await expect(page.getByTestId('totp-code')).toBeVisible();
    await expectAccessible(page, 'code page');

    await page.getByTestId('totp-code').fill('12345');
    await page.getByTestId('submit-code').click();
    await expect(page.locator('mat-error').first()).toBeVisible();
    await expectAccessible(page, 'code page with a field error');

    await page.getByTestId('use-backup-code').click();
    await expect(page.getByTestId('backup-code-input')).toBeVisible();
    await expectAccessible(page, 'code page, backup code');
  });

  test('PIN set-up page, with a refused PIN', async ({ page }) => {
    await signIn(page, PIN_SETUP);
    await expect(page).toHaveURL(/\/sign-in\/pin-setup/);
    await expect(page.getByTestId('pin-confirmation')).toBeVisible();
    await expectAccessible(page, 'PIN set-up');

    await page.getByTestId('pin').fill('123456');
    await page.getByTestId('pin-confirmation').fill('123456');
    await page.getByTestId('submit-pin').click();
    await expect(
      page.locator('[data-testid="pin-field-error"], [data-testid="pin-error"]').first(),
    ).toBeVisible();
    await expectAccessible(page, 'PIN set-up with a refused PIN');
  });

  test('PIN page, with a wrong PIN', async ({ page }) => {
    await signIn(page, PIN);
    await expect(page).toHaveURL(/\/sign-in\/pin$/);
    await expect(page.getByTestId('pin')).toBeVisible();
    await expectAccessible(page, 'PIN page');

    await page.getByTestId('pin').fill('975310');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('pin-error')).toBeVisible();
    await expectAccessible(page, 'PIN page after a wrong PIN');
  });

  test('handover page', async ({ page }) => {
    await signIn(page, HANDOVER);
    await expect(page).toHaveURL(/\/sign-in\/handover/);
    await expect(page.getByTestId('handover-code-input')).toBeVisible();
    await expectAccessible(page, 'handover');

    await page.getByTestId('handover-code-input').fill('AAAA-AAAA');
    await page.getByTestId('submit-handover').click();
    await expect(page.getByTestId('handover-error')).toBeVisible();
    await expectAccessible(page, 'handover after a wrong code');
  });

  test('end user: home and Profile → Security with its dialogs', async ({ page }) => {
    await signIn(page, TOTP);
    await page.getByTestId('totp-code').fill(await codes.next(totpKey));
    await page.getByTestId('submit-code').click();
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expectAccessible(page, 'home (end user)');

    await page.goto('/profile/security');
    await expect(page.getByTestId('device-row')).toHaveCount(1);
    await expectAccessible(page, 'Profile → Security (end user)');

    await page.getByTestId('rename-device').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'rename device dialog', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByTestId('add-device').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByTestId('device-code')).toBeVisible();
    await expectAccessible(page, 'add device dialog', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByTestId('regenerate-backup-codes').click();
    await page.getByTestId('regenerate-code').fill(await codes.next(totpKey));
    await page.getByTestId('regenerate-submit').click();
    await expect(page.getByRole('dialog').getByTestId('backup-code')).toHaveCount(10);
    await expectAccessible(page, 'backup codes dialog', { dialog: true });
  });

  test('owner: home, Security settings and its user type dialog', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expectAccessible(page, 'home (owner)');

    await page.goto('/admin/security-settings');
    await expect(page.getByTestId('user-type-row').first()).toBeVisible();
    await expectAccessible(page, 'Security settings');
    // A change (never saved) enables the preview.
    await choose(
      page,
      page.getByTestId('user-type-row').filter({ hasText: 'A11y PIN' }).getByTestId('method-select'),
      'Off',
    );
    await page.getByTestId('preview').click();
    await expect(page.getByTestId('preview-summary')).toBeVisible();
    await expectAccessible(page, 'Security settings with a preview');
    await page.getByTestId('add-user-type').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'add user type dialog', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('owner: Users with the create, exception and reset dialogs', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await expectAccessible(page, 'Users');
    await page.getByTestId('create-user').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'create user dialog', { dialog: true });
    await page.getByTestId('create-submit').click();
    await expect(page.getByRole('dialog').locator('mat-error').first()).toBeVisible();
    await expectAccessible(page, 'create user dialog with errors', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const row = page.getByTestId('user-row').filter({ hasText: 'Pete Pin' });
    await rowAction(page, row, 'exception-action');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'exception dialog', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await rowAction(page, row, 'reset-action');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'reset dialog', { dialog: true });
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('handover-code')).toBeVisible();
    await expectAccessible(page, 'reset dialog with the handover code', { dialog: true });
    await page.getByTestId('reset-done').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('owner: Audit log and Profile', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto('/admin/audit-log');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await expectAccessible(page, 'Audit log');

    await page.goto('/profile/security');
    await expect(page.getByTestId('effective-method')).toBeVisible();
    await expectAccessible(page, 'Profile → Security (owner)');
  });

  test('super user: enrolment with a grace period, home, Tenants with its dialogs, Profile', async ({
    page,
  }) => {
    await signIn(page, 'admin@latchkey.test');
    await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
    await expect(page.getByTestId('postpone-hint')).toBeVisible();
    await expectAccessible(page, 'enrolment with a grace period');
    await page.getByTestId('postpone').click();
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expectAccessible(page, 'home (super user)');

    await page.goto('/platform/tenants');
    const acme = page.getByTestId('tenant-row').filter({ hasText: 'Acme' });
    await expect(acme).toBeVisible();
    await expectAccessible(page, 'Tenants');

    await page.getByTestId('create-tenant').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'create tenant dialog', { dialog: true });
    await page.getByTestId('create-tenant-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await acme.getByTestId('tenant-suspend').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'suspend confirmation dialog', { dialog: true });
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // A tenant's page; saving a floor that forces a method asks first (cancelled: Acme keeps its floor).
    await acme.getByTestId('tenant-name').click();
    await expect(page.getByTestId('tenant-title')).toHaveText('Acme');
    await expect(page.getByTestId('tenant-owner').first()).toBeVisible();
    await expectAccessible(page, 'a tenant’s page');
    await choose(page, page.getByTestId('tenant-floor'), 'PIN code');
    await page.getByTestId('save-tenant-floor').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'tenant floor dialog', { dialog: true });
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.goto('/profile/security');
    await expect(page.getByTestId('effective-method')).toBeVisible();
    await expectAccessible(page, 'Profile → Security (super user)');
  });

  test('dark colour scheme (the console follows the system): sign-in and Users', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectAccessible(page, 'sign-in (dark)');
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await expectAccessible(page, 'Users (dark)');
  });

  test('narrow screen: the shell with its navigation open', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.getByTestId('nav-link').first()).toBeVisible();
    await expectAccessible(page, 'shell, narrow, navigation open');
  });
});

// Files run in name order on one fresh server: this one needs the demo as it starts.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';

test.describe('sign-in', () => {
  test('an email with two logins picks the Manager login, sees the shell, and signs out', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByTestId('email').fill('sam@acme.test');
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in').click();

    const options = page.getByTestId('login-option');
    await expect(options).toHaveCount(2);
    await options.filter({ hasText: 'Manager' }).click();

    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Sam (manager)');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.userTypeName).toBe('Manager');

    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByTestId('sign-in-info')).toContainText(/signed out/i);
    const after = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(after).toBe(401);
  });

  test('a wrong password shows a clear message and signs nobody in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByTestId('email').fill('sam@acme.test');
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('Incorrect email or password');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('the sign-in form works from the keyboard alone', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByTestId('email').focus();
    await page.keyboard.type('emma.employee@acme.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Emma Employee');
  });
});

import { expect, test } from '@playwright/test';
import { createUser, prepareAcme, type A11yWorld } from './api';
import { expectAccessible } from './axe';
import { chooseActions, signIn, signOut } from './session';

/**
 * Issue 13's console in Chromium: the homes' numbers lead to the filtered Users list, the audit
 * log filters by readable action names, and the new pages pass axe.
 */
test.describe.serial('the console at the level admins expect', () => {
  let world: A11yWorld;

  test.beforeAll(async ({ baseURL }) => {
    world = await prepareAcme(String(baseURL), 'Home');
    // Two people of the PIN type who have not signed in since: "not started".
    await createUser(String(baseURL), world, 'nora.home@acme.test', 'Nora Home', world.pinTypeId);
    await createUser(String(baseURL), world, 'otto.home@acme.test', 'Otto Home', world.pinTypeId);
  });

  test('the owner’s home numbers open the Users list already filtered', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    const row = page.getByTestId('overview-row').filter({ hasText: 'Home PIN' });
    await expect(row.getByTestId('count-method-pin')).toHaveText(/2/);
    await expectAccessible(page, 'home (owner) with its numbers');

    await row.getByTestId('count-notStarted').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/admin/users\\?.*userTypeId=${world.pinTypeId}.*`));
    await expect(page).toHaveURL(/enrolment=not-started/);
    await expect(page.getByTestId('user-row')).toHaveCount(2);
    await expect(page.getByTestId('user-row').filter({ hasText: 'Nora Home' })).toBeVisible();
    // The filtered list is a link: a reload keeps it.
    await page.reload();
    await expect(page.getByTestId('user-row')).toHaveCount(2);
    await signOut(page);
  });

  test('the audit log filters by readable action names and says who by name', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto('/admin/audit-log');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await chooseActions(page, ['User created']);
    await page.getByTestId('audit-apply').click();
    await expect(page).toHaveURL(/\/admin\/audit-log/);
    const labels = page.getByTestId('audit-action-label');
    await expect(labels.first()).toHaveText('User created');
    for (const label of await labels.allTextContents()) expect(label.trim()).toBe('User created');
    await expect(page.getByTestId('audit-target').filter({ hasText: 'Nora Home' })).toBeVisible();
    await expectAccessible(page, 'audit log filtered by action');
    await signOut(page);
  });

  test('the super user’s home lists every account’s numbers', async ({ page }) => {
    await signIn(page, 'admin@latchkey.test', { postpone: true });
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expect(page.getByTestId('overview-row').filter({ hasText: 'Acme' })).toBeVisible();
    await expectAccessible(page, 'home (super user)');
    await signOut(page);
  });
});

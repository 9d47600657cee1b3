import { expect, test } from '@playwright/test';
import { createUser, prepareAcme, type A11yWorld } from './api';
import { expectAccessible } from './axe';
import { chooseActions, rowAction, signIn, signOut } from './session';

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
    await expect(page.getByTestId('audit-target').filter({ hasText: 'nora.home@acme.test' })).toBeVisible();
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

  test('a bulk reset shows each handover code once; a login’s detail panel', async ({ page }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto(`/admin/users?userTypeId=${world.pinTypeId}`);
    const rows = page.getByTestId('user-row');
    await expect(rows).toHaveCount(2);
    for (const name of ['Nora Home', 'Otto Home'])
      await rows.filter({ hasText: name }).getByTestId('select-row').click();
    await expect(page.getByTestId('bulk-count')).toContainText('2');
    await expectAccessible(page, 'Users with a selection');
    await page.getByTestId('bulk-reset').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('bulk-confirm-title')).toBeVisible();
    await expectAccessible(page, 'bulk reset confirmation', { dialog: true });
    await dialog.getByTestId('bulk-confirm').click();

    await expect(dialog.getByTestId('handover-once')).toBeVisible();
    await expect(dialog.getByTestId('bulk-handover-code')).toHaveCount(2);
    for (const code of await dialog.getByTestId('bulk-handover-code').allTextContents())
      expect(code.trim()).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    await expect(dialog.getByTestId('download-handover-codes')).toBeVisible();
    await expectAccessible(page, 'bulk results with handover codes', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // Shown once: nothing on the page holds a code any more.
    await expect(page.getByTestId('bulk-handover-code')).toHaveCount(0);

    await rows.filter({ hasText: 'Nora Home' }).getByTestId('user-name').click();
    const panel = page.getByRole('dialog');
    await expect(panel.getByTestId('detail-title')).toContainText('Nora Home');
    await expect(panel.getByTestId('detail-event-action').first()).toBeVisible();
    await expect(panel.getByTestId('detail-event-action')).toContainText(['Second factor reset']);
    await expectAccessible(page, 'a login’s detail panel', { dialog: true });
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(rows.filter({ hasText: 'Nora Home' }).getByTestId('user-name')).toBeFocused();
    await signOut(page);
  });

  test('on a 390 px phone every Users action stays reachable', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto(`/admin/users?userTypeId=${world.pinTypeId}`);
    const card = page.getByTestId('user-card').filter({ hasText: 'Otto Home' });
    await expect(card).toBeVisible();
    await expect(page.getByTestId('user-row')).toHaveCount(0);
    const menu = card.getByTestId('row-menu');
    await menu.scrollIntoViewIfNeeded();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, 'the menu button is on screen').toBe(true);
    await menu.click();
    for (const action of ['details-action', 'exception-action', 'reset-action', 'edit-action'])
      await expect(page.getByRole('menu').getByTestId(action)).toBeVisible();
    await expectAccessible(page, 'Users on a phone, with a row menu open');
    await page.keyboard.press('Escape');
    await rowAction(page, card, 'exception-action');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('at 1280 px, the Users row menu is on screen and Security settings needs no sideways scroll', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await page.goto('/admin/users');
    const menu = page.getByTestId('user-row').first().getByTestId('row-menu');
    await expect(menu).toBeVisible();
    const box = await menu.boundingBox();
    expect(box && box.x + box.width <= 1280, 'the row menu is within the window').toBe(true);

    await page.goto('/admin/security-settings');
    await expect(page.getByTestId('user-type-row').first()).toBeVisible();
    const scrolled = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    );
    expect(scrolled, 'nothing in Security settings scrolls sideways').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  });
});

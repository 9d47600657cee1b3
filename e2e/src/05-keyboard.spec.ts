import { expect, test, type Page } from '@playwright/test';
import { createUser, FreshCodes, prepareAcme, type A11yWorld } from './api';
import { expectVisibleFocus, signInByKeyboard, signOutByKeyboard, tabTo } from './keyboard';

/**
 * Whole flows with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape, arrow keys; no
 * clicks): enrol an authenticator, sign in with password + code, change a user type's method,
 * reset a user from the Users page, sign out. Focus must land somewhere sensible after each step
 * and show where it is.
 *
 * Its users and user types are its own (created through the API), so it runs alone as well as
 * after the other files.
 */
const KIM = 'kim.keys@acme.test';

/** Whether focus is inside the open dialog. */
function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.activeElement?.closest('mat-dialog-container, [role="dialog"]'));
}

test.describe.serial('keyboard only', () => {
  test.describe.configure({ timeout: 60_000 });
  const codes = new FreshCodes();
  let world: A11yWorld;
  let kimKey = '';

  test.beforeAll(async ({ baseURL }) => {
    world = await prepareAcme(baseURL ?? '', 'Keys');
    await createUser(baseURL ?? '', world, KIM, 'Kim Keys', world.totpTypeId);
  });

  test('enrol an authenticator, sign out, sign in with password and code', async ({ page }) => {
    await signInByKeyboard(page, KIM);
    await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
    // A new step page: focus on its heading, so a screen reader starts reading there.
    await expect(page.getByRole('heading', { level: 1, name: 'Set up an authenticator app' })).toBeFocused();

    await tabTo(page, page.getByTestId('wizard-next'));
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Add Latchkey to the app' })).toBeFocused();
    kimKey = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(kimKey).toMatch(/^[A-Z2-7]{32}$/);

    await tabTo(page, page.getByTestId('wizard-next'));
    await page.keyboard.press('Space');
    await expect(page.getByRole('heading', { level: 1, name: 'Enter the code from the app' })).toBeFocused();

    await tabTo(page, page.getByTestId('totp-code'));
    await expectVisibleFocus(page);
    await page.keyboard.type(await codes.next(kimKey));
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('device-name')).toBeFocused();
    // Shift+Tab goes back to the code as typed, Tab forward again.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('totp-code')).toBeFocused();
    await expect(page.getByTestId('totp-code')).toHaveValue(/^\d{6}$/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard phone');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Save your backup codes' })).toBeFocused();
    await expect(page.getByTestId('backup-code')).toHaveCount(10);
    await tabTo(page, page.getByTestId('backup-codes-done'));
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Kim Keys');

    await signOutByKeyboard(page);

    await signInByKeyboard(page, KIM);
    await expect(page).toHaveURL(/\/sign-in\/totp$/);
    await expect(page.getByTestId('totp-code'), 'the code page starts in the code field').toBeFocused();
    await page.keyboard.type(await codes.next(kimKey));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('who-am-i')).toContainText('Kim Keys');
    await signOutByKeyboard(page);
  });

  test('an email with two logins picks the second one by keyboard', async ({ page }) => {
    await signInByKeyboard(page, 'sam@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/pick/);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a login' })).toBeFocused();
    const options = page.getByTestId('login-option');
    // Each login of the action list is a button of its own: Tab reaches the first, then the second.
    await page.keyboard.press('Tab');
    await expect(options.first()).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press('Tab');
    await expect(options.nth(1)).toBeFocused();
    const chosen = (await options.nth(1).getByTestId('login-user-type').textContent())?.trim() ?? '';
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.endsWith('/pick'));
    if (new URL(page.url()).pathname.startsWith('/sign-in/')) {
      // After 02-policy this login has a second-factor step: its page starts in a field or on its heading.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.tagName ?? ''), 'focus on the next step')
        .toMatch(/^(INPUT|H1)$/);
    } else {
      await expect(page.getByTestId('who-am-i')).toContainText(`Sam (${chosen.toLowerCase()})`);
    }
  });

  test('the owner changes a user type’s method in Security settings and saves', async ({ page }) => {
    await signInByKeyboard(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();

    // The side navigation by keyboard: the home's heading has the focus, the navigation is before it.
    const settingsLink = page.getByRole('link', { name: 'Security settings' });
    await tabTo(page, settingsLink, { backwards: true });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin\/security-settings$/);

    const row = page.getByTestId('user-type-row').filter({ hasText: 'Keys PIN' });
    const select = row.getByTestId('method-select');
    await expect(select).toContainText('PIN code');
    await tabTo(page, select, { max: 60 });
    await expectVisibleFocus(page);
    // Open the select, move to the option with the arrow keys, choose it with Enter.
    await page.keyboard.press('Enter');
    const listbox = page.getByRole('listbox');
    await expect(listbox).toBeVisible();
    // The list opens on the current choice; the options run strongest first, so up is stronger.
    await expect(listbox.getByRole('option', { name: 'PIN code', exact: true })).toHaveClass(
      /mat-mdc-option-active/,
    );
    await page.keyboard.press('ArrowUp');
    await expect(listbox.getByRole('option', { name: 'Authenticator app', exact: true })).toHaveClass(
      /mat-mdc-option-active/,
    );
    await page.keyboard.press('Enter');
    await expect(listbox).toBeHidden();
    await expect(select).toContainText('Authenticator app');
    await expect(select, 'focus returns to the select after choosing').toBeFocused();

    await tabTo(page, page.getByTestId('preview'), { max: 60 });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('preview-summary')).toBeVisible();
    const save = page.getByTestId('save-policy');
    await expect(save).toBeEnabled();
    await tabTo(page, save);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    // The confirmation takes the keyboard.
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('confirm-grace')).toBeVisible();
    await tabTo(page, confirm.getByTestId('confirm-ok'));
    await page.keyboard.press('Enter');
    await expect(save).toBeDisabled();

    await page.reload();
    await expect(
      page.getByTestId('user-type-row').filter({ hasText: 'Keys PIN' }).getByTestId('method-select'),
    ).toContainText('Authenticator app');
  });

  test('the owner resets a user from Users: dialogs by keyboard, Escape closes, focus returns', async ({
    page,
  }) => {
    await signInByKeyboard(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
    await tabTo(page, page.getByTestId('nav-Admin').getByRole('link', { name: 'Users', exact: true }), {
      backwards: true,
    });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin\/users$/);

    await tabTo(page, page.getByTestId('user-search'));
    await page.keyboard.type('Kim');
    const rows = page.getByTestId('user-row');
    await expect(rows).toHaveCount(1);

    // The row's actions are in its menu: Enter opens it, the arrow keys move, Enter chooses.
    const menuButton = rows.getByTestId('row-menu');
    const openMenuAt = async (action: string) => {
      await tabTo(page, menuButton);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      const item = page.getByRole('menu').getByTestId(action);
      await expect(item).toBeVisible();
      for (let i = 0; i < 8 && !(await item.evaluate((el) => el === document.activeElement)); i++)
        await page.keyboard.press('ArrowDown');
      await expect(item).toBeFocused();
      await page.keyboard.press('Enter');
    };

    // The exception dialog: radios move with the arrow keys; Escape closes without saving.
    await openMenuAt('exception-action');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect.poll(() => focusInDialog(page), 'focus moves into the dialog').toBe(true);
    const radios = dialog.getByRole('radio');
    const checkedIndex = () =>
      radios.evaluateAll((els) => els.findIndex((el) => (el as HTMLInputElement).checked));
    await tabTo(page, dialog.getByRole('radiogroup'), { max: 10 });
    await expectVisibleFocus(page);
    const before = await checkedIndex();
    await page.keyboard.press(before === 0 ? 'ArrowDown' : 'ArrowUp');
    await expect.poll(checkedIndex, 'the arrow keys choose another option').not.toBe(before);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(menuButton, 'focus returns to the row’s menu that opened the dialog').toBeFocused();

    // The reset dialog: opened from the menu, focus trapped inside, closed with Escape.
    await openMenuAt('reset-action');
    await expect(dialog).toBeVisible();
    await expect.poll(() => focusInDialog(page), 'focus moves into the dialog').toBe(true);
    for (let i = 0; i < 6; i++) {
      expect(await focusInDialog(page), `Tab ${i} keeps focus inside the dialog`).toBe(true);
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(menuButton, 'focus returns to the row’s menu').toBeFocused();

    // Again, confirmed by keyboard this time. The dialog focuses its first control once it has
    // opened: wait for that, or a late autofocus moves the focus off the button tabbed to.
    await openMenuAt('reset-action');
    await expect(dialog).toBeVisible();
    await expect.poll(() => focusInDialog(page), 'focus moves into the dialog').toBe(true);
    await tabTo(page, page.getByTestId('confirm-ok'), { max: 6 });
    await expectVisibleFocus(page);
    await expect(page.getByTestId('confirm-ok')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('handover-code')).toHaveText(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    await expect.poll(() => focusInDialog(page), 'focus stays in the dialog once the code shows').toBe(true);
    await tabTo(page, page.getByTestId('reset-done'), { max: 6 });
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(menuButton, 'focus returns to the row').toBeFocused();

    await signOutByKeyboard(page);
    // The reset user now meets the handover step, whose page starts in its field.
    await signInByKeyboard(page, KIM);
    await expect(page).toHaveURL(/\/sign-in\/handover/);
    await expect(page.getByTestId('handover-code-input')).toBeFocused();
  });
});

import { expect, test, type Page } from '@playwright/test';
import { rowAction, signIn, signOut } from './session';
import { FreshCodes } from './api';

/** Each code is accepted once per device: a step this key has not used yet. */
const codes = new FreshCodes();
const freshCode = (key: string): Promise<string> => codes.next(key);

async function enrolFromThePage(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
  await page.getByTestId('wizard-next').click();
  const key = (await page.getByTestId('totp-secret').textContent()) ?? '';
  expect(key.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('totp-code').fill(await freshCode(key));
  await page.getByTestId('device-name').fill('Test phone');
  await page.getByTestId('confirm-enrolment').click();
  await expect(page.getByTestId('backup-code')).toHaveCount(10);
  await page.getByTestId('backup-codes-done').click();
  await expect(page.getByTestId('shell')).toBeVisible();
  return key;
}

/**
 * Issue 4's journeys, after 02-policy set Manager to the authenticator and Employee to a PIN:
 * a Manager enrols from the key on the page and signs in with a code; an Employee sets a PIN; an
 * owner resets a user, who re-enrols with the handover code.
 */
test.describe.serial('second factors', () => {
  let markKey = '';

  test('a Manager enrols by reading the key from the page, signs out, and signs in with a code', async ({
    page,
  }) => {
    await signIn(page, 'mark.manager@acme.test');
    markKey = await enrolFromThePage(page);
    await signOut(page);

    await signIn(page, 'mark.manager@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/totp$/);
    await page.getByTestId('totp-code').fill(await freshCode(markKey));
    await page.getByTestId('submit-code').click();
    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Mark Manager');
    await signOut(page);
  });

  test('an Employee chooses a PIN, then signs in with it', async ({ page }) => {
    await signIn(page, 'emma.employee@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/pin-setup/);
    // The console checks the API's own PIN rules: a guessable PIN is refused before it is sent.
    const pinSetups: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/auth/pin/setup')) pinSetups.push(request.url());
    });
    await page.getByTestId('pin').fill('123456');
    await page.getByTestId('pin-confirmation').fill('123456');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('pin-field-error')).toContainText(/easy to guess/);
    expect(pinSetups).toHaveLength(0);
    // The reason, however long, pushes the next field down instead of running under it: on a
    // desktop and on a 390 px phone, where it wraps.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await expect(async () => {
        const reason = await page.getByTestId('pin-field-error').boundingBox();
        const next = await page.getByTestId('pin-confirmation').boundingBox();
        expect(
          reason && next && reason.y + reason.height <= next.y,
          `the reason ends above the next field at ${width} px`,
        ).toBe(true);
      }).toPass();
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('pin').fill('480263');
    await page.getByTestId('pin-confirmation').fill('480263');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('shell')).toBeVisible();
    expect(pinSetups).toHaveLength(1);
    await signOut(page);

    await signIn(page, 'emma.employee@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/pin$/);
    await page.getByTestId('pin').fill('480263');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('shell')).toBeVisible();
    await signOut(page);
  });

  test('an owner resets a user who lost a phone; the user re-enrols with the handover code', async ({
    page,
  }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.goto('/admin/users');
    const row = page.getByTestId('user-row').filter({ hasText: 'Mark Manager' });
    await rowAction(page, row, 'reset-action');
    await page.getByTestId('confirm-ok').click();
    const handover = ((await page.getByTestId('handover-code').textContent()) ?? '').trim();
    expect(handover).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    await page.keyboard.press('Escape');
    await signOut(page);

    // The old phone's codes are gone with the reset: the handover comes first.
    await signIn(page, 'mark.manager@acme.test');
    await expect(page).toHaveURL(/\/sign-in\/handover/);
    // Opening the console again while the code is awaited comes back to the same step.
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\/handover$/);
    await page.getByTestId('handover-code-input').fill(handover);
    await page.getByTestId('submit-handover').click();
    const newKey = await enrolFromThePage(page);
    expect(newKey).not.toBe(markKey);
  });
});

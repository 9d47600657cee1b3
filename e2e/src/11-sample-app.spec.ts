import { expect, test, type Page } from '@playwright/test';
import { createUser, FreshCodes, prepareAcme, type A11yWorld } from './api';
import { DEMO_PASSWORD, SAMPLE_APP_URL } from './demo';

const PIN_USER = 'pia.sample@acme.test';
const AUTHENTICATOR_USER = 'toby.sample@acme.test';
const codes = new FreshCodes();

/** On the sample application: "Sign in with Latchkey", then Latchkey's page naming the application. */
async function fromTheApp(page: Page, path = '/'): Promise<void> {
  await page.goto(`${SAMPLE_APP_URL}${path}`);
  if (path === '/') await page.getByTestId('sign-in').click();
  await expect(page).toHaveURL(/localhost:\d+\/sign-in$/);
  await expect(page.getByTestId('sign-in-for-app')).toContainText('Acme HR (sample app)');
}

async function password(page: Page, email: string): Promise<void> {
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in').click();
}

/** Latchkey's enrolment wizard, key read from the page; back in the app after the backup codes. */
async function enrolFromThePage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
  await page.getByTestId('wizard-next').click();
  const key = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('totp-code').fill(await codes.next(key));
  await page.getByTestId('device-name').fill('Phone');
  await page.getByTestId('confirm-enrolment').click();
  await expect(page.getByTestId('backup-code')).toHaveCount(10);
  await page.getByTestId('backup-codes-done').click();
}

/**
 * Issue 11's journey in Chromium: the sample application → Latchkey's sign-in pages with the
 * user type's factor → back to the application, signed in, its claims saying what happened.
 */
test.describe.serial('the sample application signs in through Latchkey', () => {
  let world: A11yWorld;

  test.beforeAll(async ({ baseURL }) => {
    world = await prepareAcme(String(baseURL), 'Sample');
    await createUser(String(baseURL), world, PIN_USER, 'Pia Sample', world.pinTypeId);
    await createUser(String(baseURL), world, AUTHENTICATOR_USER, 'Toby Sample', world.totpTypeId);
  });

  test('a PIN user chooses a PIN on Latchkey’s pages and comes back signed in', async ({ page }) => {
    await fromTheApp(page);
    await password(page, PIN_USER);
    await expect(page).toHaveURL(/\/sign-in\/pin-setup/);
    await page.getByTestId('pin').fill('480263');
    await page.getByTestId('pin-confirmation').fill('480263');
    await page.getByTestId('submit-pin').click();

    await expect(page).toHaveURL(`${SAMPLE_APP_URL}/`);
    await expect(page.getByTestId('claim-name')).toContainText('Pia Sample');
    await expect(page.getByTestId('claim-user_type')).toContainText('Sample PIN');
    await expect(page.getByTestId('claim-amr')).toContainText('pin');
    await expect(page.getByTestId('claim-acr')).toContainText('urn:latchkey:method:pin');
  });

  test('an authenticator user enrols on Latchkey’s pages and comes back; Payroll opens at once', async ({
    page,
  }) => {
    await fromTheApp(page);
    await password(page, AUTHENTICATOR_USER);
    await enrolFromThePage(page);

    await expect(page).toHaveURL(`${SAMPLE_APP_URL}/`);
    await expect(page.getByTestId('claim-user_type')).toContainText('Sample authenticator');
    await expect(page.getByTestId('claim-amr')).toContainText('otp');
    await expect(page.getByTestId('claim-acr')).toContainText('urn:latchkey:method:authenticator');
    await page.goto(`${SAMPLE_APP_URL}/payroll`);
    await expect(page.getByTestId('payroll')).toBeVisible();
  });

  test('Payroll asks a PIN user for the authenticator (step-up), enrolled on the way', async ({ page }) => {
    await fromTheApp(page);
    await password(page, PIN_USER);
    await page.getByTestId('pin').fill('480263');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('claim-acr')).toContainText('urn:latchkey:method:pin');

    // The PIN is not enough for Payroll: Latchkey signs in again, asking for the authenticator.
    await page.goto(`${SAMPLE_APP_URL}/payroll`);
    await expect(page).toHaveURL(/localhost:\d+\/sign-in$/);
    await password(page, PIN_USER);
    await enrolFromThePage(page);
    await expect(page.getByTestId('payroll')).toBeVisible();
  });
});

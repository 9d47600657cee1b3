import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';

/** Signs in through the console: picks `loginType` when asked, postpones enrolment when offered. */
export async function signIn(
  page: Page,
  email: string,
  options: { loginType?: string; postpone?: boolean } = {},
) {
  await page.goto('/sign-in');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in').click();
  if (options.loginType) {
    await page.getByTestId('login-option').filter({ hasText: options.loginType }).click();
  }
  if (options.postpone) {
    await page.getByTestId('postpone').click();
  }
}

export async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Picks `option` in the Material select with this test id (inside `scope` when given). */
export async function choose(page: Page, select: ReturnType<Page['getByTestId']>, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Ticks these actions, by their readable names, in the audit log's several-at-once filter. */
export async function chooseActions(page: Page, labels: string[]) {
  await page.getByTestId('audit-actions-filter').click();
  for (const label of labels) await page.getByRole('option', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
}

/** Opens a Users row's menu ("More actions for …") and chooses the action with this test id. */
export async function rowAction(page: Page, row: ReturnType<Page['getByTestId']>, action: string) {
  await row.getByTestId('row-menu').click();
  await page.getByRole('menu').getByTestId(action).click();
}

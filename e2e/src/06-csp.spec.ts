import { expect, test, type Page } from '@playwright/test';
import { choose, signIn, signOut } from './session';

/**
 * The console under the API's strict Content-Security-Policy (nonce-only scripts and styles):
 * every page renders and works, and the browser reports no violation on the way.
 */
const violations: string[] = [];

async function watchCsp(page: Page) {
  violations.length = 0;
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

test.describe('the console under a strict CSP', () => {
  test('the page carries the policy and a fresh nonce', async ({ page }) => {
    const first = await page.goto('/sign-in');
    const csp = first?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).not.toContain('unsafe');
    const second = await page.goto('/sign-in');
    expect(second?.headers()['content-security-policy']).not.toBe(csp);
  });

  test('owner pages, dialogs and menus run without a violation', async ({ page }) => {
    await watchCsp(page);
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();

    await page.goto('/admin/security-settings');
    await expect(page.getByTestId('user-type-row').first()).toBeVisible();
    await page.goto('/admin/users');
    await choose(page, page.getByTestId('filter-method'), 'PIN code');
    await page.keyboard.press('Escape');
    await page.goto('/admin/audit-log');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/profile/security');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await signOut(page);
    expect(violations).toEqual([]);
  });

  test('super user pages run without a violation', async ({ page }) => {
    await watchCsp(page);
    await signIn(page, 'admin@latchkey.test', { postpone: true });
    await page.goto('/platform/tenants');
    await expect(page.getByTestId('tenant-row').first()).toBeVisible();
    await signOut(page);
    expect(violations).toEqual([]);
  });
});

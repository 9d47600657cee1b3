import { expect, test, type Page } from '@playwright/test';
import { ApiSession, createUser, prepareAcme, type A11yWorld } from './api';
import { DEMO_PROVIDER } from './demo';

const USER = 'pia@sso.acme.test';

/**
 * The sign-in page → "Continue with Acme SSO" → the provider's own page → back to Latchkey. The
 * page is the plain one (the email's domain routes to the provider) or the account's sign-in link
 * (its providers at once).
 */
async function throughAcmeSso(page: Page, usedMfa: boolean, signInLinkOf?: string): Promise<void> {
  if (signInLinkOf) {
    await page.goto(`/sign-in?tenant=${signInLinkOf}`);
    await expect(page.getByTestId('sign-in-tenant')).toHaveText(/Sign in to Acme/);
  } else {
    await page.goto('/sign-in');
    await page.getByTestId('email').fill(USER);
  }
  await page.getByTestId('continue-with-provider').filter({ hasText: 'Continue with Acme SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${DEMO_PROVIDER.url}/interaction/`));
  await page.getByTestId('demo-email').fill(USER);
  if (usedMfa) await page.getByTestId('demo-mfa').check();
  await page.getByTestId('demo-sign-in').click();
}

/**
 * Issue 12's journey in Chromium: the account's own OpenID provider (a real oidc-provider beside
 * the product), then Latchkey's factor for the user's type — or straight in when the connection
 * trusts the provider's MFA and the provider proved it.
 */
test.describe.serial('signing in through the account’s own provider', () => {
  let world: A11yWorld;

  test.beforeAll(async ({ baseURL }) => {
    world = await prepareAcme(String(baseURL), 'SSO');
    await createUser(String(baseURL), world, USER, 'Pia SSO', world.pinTypeId);
    const owner = await ApiSession.open(String(baseURL));
    await owner.signIn('olivia.owner@acme.test');
    await owner.call('POST', `tenants/${world.tenantId}/connections`, {
      name: 'Acme SSO',
      issuer: DEMO_PROVIDER.url,
      clientId: DEMO_PROVIDER.clientId,
      clientSecret: DEMO_PROVIDER.clientSecret,
      emailDomains: ['sso.acme.test'],
      trust: { mode: 'trust-mfa', amrValues: ['mfa'], acrValues: [], maxAuthAgeSeconds: null },
    });
    await owner.dispose();
  });

  test('without MFA at the provider, Latchkey asks the type’s factor (a PIN, chosen now)', async ({
    page,
  }) => {
    await throughAcmeSso(page, false);
    await expect(page).toHaveURL(/\/sign-in\/pin-setup$/);
    await page.getByTestId('pin').fill('480263');
    await page.getByTestId('pin-confirmation').fill('480263');
    await page.getByTestId('submit-pin').click();
    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Pia SSO');
  });

  test('with MFA at the provider, the connection trusts it: straight in (from the account’s sign-in link)', async ({
    page,
  }) => {
    await throughAcmeSso(page, true, world.tenantId);
    await expect(page.getByTestId('shell')).toBeVisible();
    await expect(page.getByTestId('who-am-i')).toContainText('Pia SSO');
  });
});

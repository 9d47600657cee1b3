import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { ApiSession, createUser, enrolAuthenticator, FreshCodes, prepareAcme, type A11yWorld } from './api';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD } from './demo';
import { choose, chooseActions, signIn, signOut } from './session';

/**
 * Issue 9 in the browser: the super user finds a login that waits after wrong codes under
 * Platform → Locked logins and unlocks it; reads the platform's own audit log and one tenant's;
 * an owner asks new logins for an enrolment invite, creates one and sees its code once, and the
 * new user types it on the handover page, worded for an invite.
 *
 * Its users are its own (created through the API in beforeAll), so the file runs alone as well
 * as after the others.
 */
const WAITING = 'locks.waiting@acme.test';
const INVITED = 'locks.invited@acme.test';
const TYPE = 'Locks authenticator';

/** POSTs through `http` with the XSRF cookie echoed; answers the status (no check). */
async function post(http: APIRequestContext, path: string, data: unknown): Promise<number> {
  const state = await http.storageState();
  const xsrf = state.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const answer = await http.post(`/api/v1/${path}`, { data, headers: { 'X-XSRF-TOKEN': xsrf } });
  return answer.status();
}

/** Signs `email` in with the right password and sends wrong codes until the login must wait (423). */
async function makeWait(baseURL: string, email: string): Promise<void> {
  const http = await request.newContext({ baseURL });
  expect((await http.get('/api/v1/auth/state')).ok()).toBe(true);
  expect(await post(http, 'auth/login', { email, password: DEMO_PASSWORD })).toBe(200);
  let status = 0;
  for (let attempt = 0; attempt < 10 && status !== 423; attempt++) {
    status = await post(http, 'auth/totp', { code: '000000' });
  }
  expect(status, `${email} should wait after wrong codes`).toBe(423);
  await http.dispose();
}

/** The owner's tenant policy PUT that changes the enrolment invite only. */
async function setInvite(baseURL: string, world: A11yWorld, on: boolean): Promise<void> {
  const owner = await ApiSession.open(baseURL);
  await owner.signIn('olivia.owner@acme.test');
  const policy = await owner.call<{ mandatoryForAll: boolean; tenantFloor: { graceDays: number } | null }>(
    'GET',
    `tenants/${world.tenantId}/policy`,
  );
  await owner.call('PUT', `tenants/${world.tenantId}/policy`, {
    mandatoryForAll: policy.mandatoryForAll,
    graceDays: policy.mandatoryForAll ? (policy.tenantFloor?.graceDays ?? 0) : 0,
    enrolmentInviteRequired: on,
  });
  await owner.dispose();
}

test.describe.serial('platform locks, audit logs and enrolment invites', () => {
  test.describe.configure({ timeout: 60_000 });
  const codes = new FreshCodes();
  let world: A11yWorld;

  test.beforeAll(async ({ baseURL }) => {
    const base = baseURL ?? '';
    world = await prepareAcme(base, 'Locks');
    await createUser(base, world, WAITING, 'Walter Waiting', world.totpTypeId);
    await enrolAuthenticator(base, WAITING, codes);
    await makeWait(base, WAITING);
  });

  test.afterAll(async ({ baseURL }) => {
    // Leave Acme as the other spec files expect it.
    if (world) await setInvite(baseURL ?? '', world, false);
  });

  test('the super user unlocks a waiting login under Platform → Locked logins', async ({ page }) => {
    await signIn(page, 'admin@latchkey.test', { postpone: true });
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.getByTestId('nav-Platform').getByRole('link', { name: 'Locked logins' }).click();
    await expect(page).toHaveURL(/\/platform\/locked-logins$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Locked logins' })).toBeVisible();

    const row = page.getByTestId('locked-row').filter({ hasText: WAITING });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('locked-place')).toHaveText('Acme');
    await expect(row.getByTestId('locked-state')).toHaveText(/^Waits until /);
    await expectAccessible(page, 'Locked logins');

    await row.getByTestId('locked-unlock').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByTestId('confirm-message')).toContainText(`Walter Waiting (${WAITING}) of Acme`);
    await expectAccessible(page, 'unlock confirmation dialog', { dialog: true });
    await page.getByTestId('confirm-ok').click();

    await expect(page.getByText(`${WAITING} is unlocked.`)).toBeVisible();
    await expect(page.getByTestId('locked-row').filter({ hasText: WAITING })).toHaveCount(0);
    await signOut(page);
  });

  test("the super user reads the platform's audit log and one tenant's, and exports CSV", async ({
    page,
  }) => {
    await signIn(page, 'admin@latchkey.test', { postpone: true });
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.getByTestId('nav-Platform').getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/platform\/audit-log$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Platform audit log' })).toBeVisible();
    // The super user's own sign-ins have no tenant.
    await chooseActions(page, ['Signed in']);
    await page.getByTestId('audit-apply').click();
    await expect(
      page.getByTestId('audit-row').filter({ hasText: 'admin@latchkey.test' }).first(),
    ).toBeVisible();
    await expectAccessible(page, 'Platform audit log');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-csv').click();
    expect((await download).suggestedFilename()).toMatch(/^latchkey-audit-platform-\d{4}-\d\d-\d\d\.csv$/);

    await page.getByTestId('nav-Platform').getByRole('link', { name: 'Tenants' }).click();
    const acme = page.getByTestId('tenant-row').filter({ hasText: 'Acme' });
    await acme.getByTestId('tenant-audit-log').click();
    await expect(page).toHaveURL(new RegExp(`/platform/tenants/${world.tenantId}/audit-log$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log of Acme' })).toBeVisible();
    await chooseActions(page, ['User type created']);
    await page.getByTestId('audit-apply').click();
    await expect(page.getByTestId('audit-row').filter({ hasText: TYPE }).first()).toBeVisible();
    await signOut(page);
  });

  test('an owner asks for enrolment invites and hands the code of a new login over once', async ({
    page,
  }) => {
    await signIn(page, 'olivia.owner@acme.test');
    await expect(page.getByTestId('shell')).toBeVisible();
    await page.goto('/admin/security-settings');
    const invite = page.getByTestId('invite-toggle').getByRole('switch');
    await expect(invite).toHaveAttribute('aria-checked', 'false');
    await invite.click();
    await page.getByTestId('save-policy').click();
    await expect(page.getByText('Security settings saved.')).toBeVisible();
    await expect(invite).toHaveAttribute('aria-checked', 'true');

    await page.goto('/admin/users');
    await page.getByTestId('create-user').click();
    const dialog = page.getByRole('dialog');
    // The dialog puts the focus on its first field once rendered: typing waits for it.
    await expect(dialog.getByTestId('create-email')).toBeFocused();
    await dialog.getByTestId('create-email').fill(INVITED);
    await dialog.getByTestId('create-display-name').fill('Ivy Invited');
    await choose(page, dialog.getByTestId('create-type'), TYPE);
    await dialog.getByTestId('create-password').fill(DEMO_PASSWORD);
    await dialog.getByTestId('create-submit').click();

    const code = dialog.getByTestId('invite-code');
    await expect(code).toHaveText(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    await expect(dialog.getByTestId('invite-expiry')).toContainText('It works once');
    await expectAccessible(page, 'created user with an enrolment invite', { dialog: true });
    const inviteCode = (await code.textContent())?.trim() ?? '';
    await dialog.getByTestId('create-done').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await signOut(page);

    await signIn(page, INVITED);
    await expect(page).toHaveURL(/\/sign-in\/handover/);
    await expect(page.getByRole('heading', { level: 1, name: 'Enter your enrolment code' })).toBeVisible();
    await expect(page.getByTestId('handover-intro')).toContainText('when they created your login');
    await page.getByTestId('handover-code-input').fill(inviteCode);
    await page.getByTestId('submit-handover').click();
    await expect(page).toHaveURL(/\/sign-in\/totp-enrol/);
  });
});

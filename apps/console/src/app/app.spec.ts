import { HttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiPaths, SignInAnswer } from '@latchkey/contracts';
import { LOGINS, me, typeInto } from '../testing/fixtures';
import { appConfig } from './app.config';

/** The whole console as the browser runs it, with the API played by HttpTestingController. */
describe('console app', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let router: Router;

  function root(): HTMLElement {
    return harness.fixture.nativeElement as HTMLElement;
  }

  function el<T extends HTMLElement = HTMLElement>(testId: string): T {
    const found = root().querySelector<T>(`[data-testid="${testId}"]`);
    if (!found) {
      throw new Error(`No data-testid="${testId}" at ${router.url}:\n${root().textContent}`);
    }
    return found;
  }

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
  }

  /** Start the app as a browser does: the initializer asks GET /auth/state first. */
  async function start(answer: SignInAnswer, url = '/'): Promise<void> {
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    http.expectOne({ method: 'GET', url: ApiPaths.state }).flush(answer);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle();
  }

  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=token-from-cookie; path=/';
  });

  afterEach(() => {
    // The home's own calls (its numbers, a user's status) are the home's specs' business.
    const home = [ApiPaths.overview('tenant-1'), ApiPaths.platformOverview, ApiPaths.mySecurity];
    http.match((req) => home.includes(req.url));
    http.verify();
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    await start({ state: 'signed-out' }, '/');

    expect(router.url).toBe('/sign-in');
    expect(el('email')).toBeTruthy();
    expect(document.title).toBe('Sign in · Latchkey');
  });

  it('walks through sign-in, login picker, shell and sign-out', async () => {
    await start({ state: 'signed-out' }, '/sign-in');

    typeInto(el<HTMLInputElement>('email'), 'ann@acme.test');
    typeInto(el<HTMLInputElement>('password'), 'correct horse');
    el<HTMLButtonElement>('sign-in').click();
    const login = http.expectOne({ method: 'POST', url: ApiPaths.login });
    expect(login.request.headers.get('X-XSRF-TOKEN')).toBe('token-from-cookie');
    login.flush({ state: 'pick-login', logins: LOGINS });
    await settle();

    expect(router.url).toBe('/sign-in/pick');
    const options = Array.from(root().querySelectorAll<HTMLButtonElement>('[data-testid="login-option"]'));
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('Employee'),
      expect.stringContaining('Manager'),
      expect.stringContaining('Platform administration'),
    ]);

    options[1].click();
    const pick = http.expectOne({ method: 'POST', url: ApiPaths.pick });
    expect(pick.request.body).toEqual({ loginId: 'login-manager' });
    expect(pick.request.headers.get('X-XSRF-TOKEN')).toBe('token-from-cookie');
    pick.flush({ state: 'signed-in', me: me('owner', { displayName: 'Ann Manager' }) });
    await settle();

    expect(router.url).toBe('/');
    expect(el('shell')).toBeTruthy();
    expect(el('who-am-i').textContent).toContain('Ann Manager');
    expect(el('greeting').textContent).toContain('Welcome, Ann Manager');

    el<HTMLButtonElement>('sign-out').click();
    http.expectOne({ method: 'POST', url: ApiPaths.logout }).flush({ state: 'signed-out' });
    await settle();

    expect(router.url).toBe('/sign-in');
    expect(el('sign-in-info').textContent).toContain('You have signed out.');
  });

  it('recovers the pending logins after a reload of the picker', async () => {
    await start({ state: 'pick-login', logins: LOGINS }, '/sign-in/pick');

    expect(router.url).toBe('/sign-in/pick');
    expect(root().querySelectorAll('[data-testid="login-option"]')).toHaveLength(3);
  });

  it('leaves the picker for the sign-in page when no pick is pending', async () => {
    await start({ state: 'signed-out' }, '/sign-in/pick');

    expect(router.url).toBe('/sign-in');
  });

  it('opens the page of a pending second-factor step', async () => {
    await start({ state: 'totp-enrol', deadline: null }, '/');

    expect(router.url).toBe('/sign-in/totp-enrol');
    expect(el('authenticator-apps')).toBeTruthy();
    expect(document.title).toBe('Set up an authenticator app · Latchkey');
  });

  it('opens the handover page of a sign-in waiting for the code from the owner', async () => {
    await start({ state: 'handover', deadline: null, handover: 'reset' }, '/');

    expect(router.url).toBe('/sign-in/handover');
    expect(el('handover-intro').textContent).toContain('Your second factor was reset.');
    expect(el('submit-handover')).toBeTruthy();
    expect(document.title).toBe('Code from your account owner · Latchkey');
  });

  it('opens the pages of the role and keeps others out', async () => {
    await start({ state: 'signed-in', me: me('owner') }, '/admin/users');

    expect(router.url).toBe('/admin/users');
    expect(root().querySelector('h1')?.textContent).toBe('Users');
    http.expectOne(ApiPaths.userTypes('tenant-1')).flush([]);
    http
      .expectOne((req) => req.url === ApiPaths.users('tenant-1'))
      .flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle();
    expect(el('no-users').textContent?.trim()).toBe('No users match.');

    await harness.navigateByUrl('/platform/tenants');
    await settle();
    expect(router.url).toBe('/');
  });

  it("opens a super user's platform audit log, a tenant's log under its name, and the locked logins", async () => {
    await start({ state: 'signed-in', me: me('super') }, '/platform/audit-log');

    expect(router.url).toBe('/platform/audit-log');
    expect(document.title).toBe('Platform audit log · Latchkey');
    expect(el('audit-title').textContent?.trim()).toBe('Platform audit log');
    http
      .expectOne((req) => req.url === ApiPaths.platformAudit)
      .flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await settle();

    const navigation = harness.navigateByUrl('/platform/tenants/tenant-2/audit-log');
    // The route names the tenant before the page opens.
    let tenants: TestRequest | undefined;
    for (let tick = 0; tick < 20 && !tenants; tick++) {
      await new Promise((resolve) => setTimeout(resolve));
      [tenants] = http.match({ method: 'GET', url: ApiPaths.platformTenants });
    }
    if (!tenants) {
      throw new Error('The route did not ask for the tenant names');
    }
    tenants.flush([
      {
        id: 'tenant-2',
        name: 'Globex',
        twoFactorEnabled: true,
        floor: null,
        suspended: false,
        createdAt: '2026-01-10T08:00:00.000Z',
        counts: { logins: 1, userTypes: 1, owners: 1 },
      },
    ]);
    await navigation;
    await settle();
    expect(router.url).toBe('/platform/tenants/tenant-2/audit-log');
    expect(el('audit-title').textContent?.trim()).toBe('Audit log of Globex');
    http
      .expectOne((req) => req.url === ApiPaths.audit('tenant-2'))
      .flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await settle();

    await harness.navigateByUrl('/platform/locked-logins');
    await settle();
    expect(root().querySelector('h1')?.textContent).toBe('Locked logins');
    http.expectOne(ApiPaths.platformLockedLogins).flush([]);
    await settle();
    expect(el('locked-empty').textContent?.trim()).toBe('No login is locked.');
  });

  it('keeps an owner out of the platform pages', async () => {
    await start({ state: 'signed-in', me: me('owner') }, '/platform/audit-log');
    expect(router.url).toBe('/');

    await harness.navigateByUrl('/platform/locked-logins');
    await settle();
    expect(router.url).toBe('/');
  });

  it('keeps a signed-in user off the sign-in form', async () => {
    await start({ state: 'signed-in', me: me('user') }, '/sign-in');

    expect(router.url).toBe('/');
    expect(el('shell')).toBeTruthy();
  });

  it('ends the session on a 401 while in the shell', async () => {
    await start({ state: 'signed-in', me: me('user') }, '/profile/security');
    expect(router.url).toBe('/profile/security');

    http.expectOne(ApiPaths.mySecurity).flush({}, { status: 401, statusText: 'Unauthorized' });
    await settle();

    expect(router.url).toBe('/sign-in');
    expect(el('sign-in-info').textContent).toContain(
      'You were signed out: your session ended (an account owner may have reset your sign-in or signed you out). Sign in again.',
    );
  });

  it('keeps the session on a refused code (a 401 with a reason)', async () => {
    await start({ state: 'signed-in', me: me('user') }, '/profile/security');
    http.expectOne(ApiPaths.mySecurity).flush({
      effective: { method: 'off', reason: { layer: 'default', setBy: null, setAt: null }, floor: 'off', graceDays: 0 },
      devices: [],
      hasPin: false,
      backupCodesRemaining: 0,
      optedIn: false,
      canOptIn: true,
    });
    await settle();
    TestBed.inject(HttpClient)
      .post(ApiPaths.myBackupCodes, { code: '000000' })
      .subscribe({ error: () => undefined });
    http
      .expectOne(ApiPaths.myBackupCodes)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Incorrect code', reason: 'incorrect' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(router.url).toBe('/profile/security');
  });
});

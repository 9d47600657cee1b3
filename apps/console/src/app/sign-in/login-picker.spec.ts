import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, FactorStepAnswer } from '@latchkey/contracts';
import { LOGINS, allByTestId, byTestId, me, queryTestId } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { LoginPicker } from './login-picker';
import { PickedLogin } from './picked-login';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, renderStep } from './step-testing';

describe('LoginPicker', () => {
  let fixture: ComponentFixture<LoginPicker>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    let router;
    ({ http, router } = configureStep(LoginPicker));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = await renderStep(LoginPicker, { state: 'pick-login', logins: LOGINS });
  });

  afterEach(() => http.verify());

  async function choose(index: number): Promise<void> {
    allByTestId<HTMLButtonElement>(fixture, 'login-option')[index].click();
    await fixture.whenStable();
  }

  it('says which logins still need set-up', async () => {
    const logins = [
      { ...LOGINS[0], needsSetUp: true },
      { ...LOGINS[1], needsSetUp: false },
    ];
    fixture = await renderStep(LoginPicker, { state: 'pick-login', logins });
    const options = allByTestId(fixture, 'login-option');
    expect(options[0].querySelector('[data-testid="login-needs-set-up"]')?.textContent).toContain(
      'Needs set-up',
    );
    expect(options[1].querySelector('[data-testid="login-needs-set-up"]')).toBeNull();
  });

  it('lists every login with tenant, user type and display name', () => {
    const options = allByTestId(fixture, 'login-option');

    expect(options).toHaveLength(3);
    expect(options[0].textContent).toContain('Acme');
    expect(options[0].textContent).toContain('Employee');
    expect(options[0].textContent).toContain('Ann Example');
    expect(options[1].textContent).toContain('Manager');
    expect(options.every((o) => o.tagName === 'BUTTON')).toBe(true);
  });

  it('names the tenant first, as the title line, and the user type as a chip', () => {
    const tenants = allByTestId(fixture, 'login-tenant');
    const types = allByTestId(fixture, 'login-user-type');

    expect(tenants.map((t) => t.textContent?.trim())).toEqual(['Acme', 'Acme', 'Platform administration']);
    expect(tenants.every((t) => t.hasAttribute('matListItemTitle'))).toBe(true);
    expect(types.map((t) => t.textContent?.trim())).toEqual(['Employee', 'Manager', 'Super user']);
    expect(types.every((t) => t.classList.contains('chip'))).toBe(true);
    expect(allByTestId(fixture, 'login-display-name').map((n) => n.textContent?.trim())).toEqual([
      'Ann Example',
      'Ann Example (manager)',
      'Ann the admin',
    ]);
  });

  it('labels the platform login "Platform administration"', () => {
    const platform = allByTestId(fixture, 'login-option')[2];

    expect(platform.textContent).toContain('Platform administration');
    expect(platform.textContent).toContain('Ann the admin');
  });

  it('remembers the chosen login for the step it leads to, and only for that step', async () => {
    await choose(1);
    http.expectOne(ApiPaths.pick).flush({ state: 'totp-enrol', deadline: null });
    await fixture.whenStable();

    const picked = TestBed.inject(PickedLogin);
    expect(picked.login()?.loginId).toBe('login-manager');
    TestBed.inject(SessionStore).record({ state: 'totp-enrol', deadline: null });
    expect(picked.login()).toBeNull();
  });

  it('posts the chosen loginId and goes home once signed in', async () => {
    await choose(1);

    const request = http.expectOne({ method: 'POST', url: ApiPaths.pick });
    expect(request.request.body).toEqual({ loginId: 'login-manager' });
    request.flush({ state: 'signed-in', me: me('owner') });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()?.role).toBe('owner');
  });

  it.each<[FactorStepAnswer['state'], string]>([
    ['totp-enrol', '/sign-in/totp-enrol'],
    ['totp', '/sign-in/totp'],
    ['pin-setup', '/sign-in/pin-setup'],
    ['pin', '/sign-in/pin'],
  ])('goes to the page of the second-factor step the login needs (%s)', async (state, url) => {
    await choose(0);
    http.expectOne(ApiPaths.pick).flush({ state, deadline: null });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith(url);
    expect(TestBed.inject(SessionStore).answer()).toEqual({ state, deadline: null });
  });

  it('sends the user back to sign in when the pending sign-in expired', async () => {
    await choose(0);
    http.expectOne(ApiPaths.pick).flush(...EXPIRED);
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('shows the reason when the login may not be used (403) and lets the user choose again', async () => {
    await choose(2);
    http
      .expectOne(ApiPaths.pick)
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'This login is suspended' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();

    expect(byTestId(fixture, 'pick-error').textContent).toContain('This login is suspended');
    expect(navigate).not.toHaveBeenCalled();
    expect(allByTestId<HTMLButtonElement>(fixture, 'login-option').every((b) => !b.disabled)).toBe(true);
  });

  it('shows that another sign-in is enrolling the login, and a wait after too many attempts', async () => {
    const enrolling =
      'Another sign-in is enrolling this login with the one-time code from your account owner.';
    await choose(0);
    http
      .expectOne(ApiPaths.pick)
      .flush(
        { statusCode: 403, error: 'Forbidden', message: enrolling },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(byTestId(fixture, 'pick-error').textContent?.trim()).toBe(enrolling);

    await choose(0);
    http.expectOne(ApiPaths.pick).flush(
      {
        statusCode: 423,
        reason: 'locked',
        message: 'Locked',
        lockedUntil: new Date(Date.now() + 600_000).toISOString(),
      },
      { status: 423, statusText: 'Locked' },
    );
    await fixture.whenStable();
    expect(byTestId(fixture, 'pick-error').textContent?.trim()).toBe(
      'Too many sign-in attempts for this email. Try again in 10 minutes.',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('ignores a second choice while the first is on its way', async () => {
    await choose(0);
    await choose(1);

    const requests = http.match(ApiPaths.pick);
    expect(requests).toHaveLength(1);
    requests[0].flush({ state: 'signed-in', me: me('user') });
    expect(queryTestId(fixture, 'pick-error')).toBeNull();
  });
});

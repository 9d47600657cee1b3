import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, SignInAnswer } from '@latchkey/contracts';
import { LOGINS, byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { INCORRECT_CREDENTIALS, SignInPage } from './sign-in-page';
import { configureStep } from './step-testing';

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
  }

  async function submit(email = 'ann@acme.test', password = 'correct horse'): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'email'), email);
    typeInto(byTestId<HTMLInputElement>(fixture, 'password'), password);
    byTestId<HTMLButtonElement>(fixture, 'sign-in').click();
    await fixture.whenStable();
  }

  async function answer(body: unknown, status = 200, headers: Record<string, string> = {}): Promise<void> {
    const request = http.expectOne({ method: 'POST', url: ApiPaths.login });
    request.flush(body, { status, statusText: status === 200 ? 'OK' : 'Error', headers });
    await fixture.whenStable();
  }

  beforeEach(() => {
    let router;
    ({ http, router } = configureStep(SignInPage));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('posts the email and password to the login endpoint', async () => {
    await render();
    await submit('ann@acme.test', 'correct horse');

    const request = http.expectOne(ApiPaths.login);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ann@acme.test', password: 'correct horse' });
    request.flush({ state: 'signed-out' });
  });

  it.each<[string, SignInAnswer, string]>([
    ['pick-login', { state: 'pick-login', logins: LOGINS }, '/sign-in/pick'],
    ['signed-in', { state: 'signed-in', me: me('user') }, '/'],
    ['totp-enrol', { state: 'totp-enrol', deadline: null }, '/sign-in/totp-enrol'],
    ['totp', { state: 'totp', deadline: null }, '/sign-in/totp'],
    ['pin-setup', { state: 'pin-setup', deadline: '2030-01-01T00:00:00Z' }, '/sign-in/pin-setup'],
    ['pin', { state: 'pin', deadline: null }, '/sign-in/pin'],
    ['handover', { state: 'handover', deadline: null }, '/sign-in/handover'],
  ])('goes on per the answer: %s', async (_state, body, url) => {
    await render();
    await submit();
    await answer(body);

    expect(navigate).toHaveBeenCalledWith(url);
    expect(TestBed.inject(SessionStore).answer()).toEqual(body);
  });

  it("shows the API's message for a wrong password and stays on the page", async () => {
    await render();
    await submit('ann@acme.test', 'wrong');
    await answer({ statusCode: 401, error: 'Unauthorized', message: 'Incorrect email or password' }, 401);

    expect(byTestId(fixture, 'sign-in-error').textContent?.trim()).toBe('Incorrect email or password');
    expect(byTestId(fixture, 'sign-in-error').getAttribute('role')).toBe('alert');
    expect(navigate).not.toHaveBeenCalled();
    expect(byTestId<HTMLButtonElement>(fixture, 'sign-in').disabled).toBe(false);
  });

  it('shows whatever the API says on a 401, and a default when it says nothing', async () => {
    await render();
    await submit();
    await answer({ statusCode: 401, error: 'Unauthorized', message: 'This login is locked' }, 401);
    expect(byTestId(fixture, 'sign-in-error').textContent?.trim()).toBe('This login is locked');

    await submit();
    await answer(null, 401);
    expect(byTestId(fixture, 'sign-in-error').textContent?.trim()).toBe('Incorrect email or password');
  });

  it('places field errors of a 400 under their fields', async () => {
    await render();
    await submit('ann@acme.test', 'x');
    await answer(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: 'password', messages: ['password must be at most 256 characters'] }],
      },
      400,
    );

    expect(byTestId(fixture, 'password-error').textContent).toContain(
      'password must be at most 256 characters',
    );
    expect(byTestId(fixture, 'sign-in-error').textContent).toContain(
      'Please correct the highlighted fields.',
    );
  });

  it('says clearly when sign-in is throttled', async () => {
    await render();
    await submit();
    await answer({ statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException' }, 429, {
      'Retry-After': '60',
    });

    const text = byTestId(fixture, 'sign-in-error').textContent ?? '';
    expect(text).toContain('Too many sign-in attempts');
    expect(text).toContain('60 seconds');
    expect(text).not.toContain('ThrottlerException');
  });

  it('says how long an email must wait after too many attempts (423), never "wrong password"', async () => {
    await render();
    await submit();
    await answer(
      {
        statusCode: 423,
        error: 'Locked',
        message: 'Too many failed attempts: try again in 45 seconds.',
        reason: 'locked',
        lockedUntil: new Date(Date.now() + 44_500).toISOString(),
      },
      423,
    );

    const text = byTestId(fixture, 'sign-in-error').textContent?.trim() ?? '';
    expect(text).toMatch(/^Too many sign-in attempts for this email\. Try again in 4[45] seconds\.$/);
    expect(text).not.toContain(INCORRECT_CREDENTIALS);
    expect(byTestId(fixture, 'sign-in-error').getAttribute('role')).toBe('alert');
    expect(queryTestId(fixture, 'password-error')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    expect(byTestId<HTMLButtonElement>(fixture, 'sign-in').disabled).toBe(false);
  });

  it('shows why the password step refused (403), such as an enrolment under way elsewhere', async () => {
    const enrolling =
      'Another sign-in is enrolling this login with the one-time code from your account owner. Try again in a few minutes.';
    await render();
    await submit();
    await answer({ statusCode: 403, error: 'Forbidden', message: enrolling }, 403);

    expect(byTestId(fixture, 'sign-in-error').textContent?.trim()).toBe(enrolling);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('says when the service cannot be reached', async () => {
    await render();
    await submit();
    http.expectOne(ApiPaths.login).error(new ProgressEvent('error'));
    await fixture.whenStable();

    expect(byTestId(fixture, 'sign-in-error').textContent).toContain('cannot be reached');
  });

  it('does not post an incomplete form and explains what is missing', async () => {
    await render();
    await submit('not-an-email', '');

    http.expectNone(ApiPaths.login);
    const errors = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('mat-error')).map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toEqual(['Enter a valid email address.', 'Enter your password.']);
  });

  it('shows the message another page left, once', async () => {
    TestBed.inject(SignInNotice).set(SignInNotices.signedOut);
    await render();

    expect(byTestId(fixture, 'sign-in-info').textContent).toContain('You have signed out.');
    expect(TestBed.inject(SignInNotice).take()).toBeNull();
  });

  it('shows no message when none was left', async () => {
    await render();

    expect(queryTestId(fixture, 'sign-in-info')).toBeNull();
    expect(queryTestId(fixture, 'sign-in-error')).toBeNull();
  });

  it('labels its fields for assistive technology', async () => {
    await render();
    const labels = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('label')).map((l) => ({
      text: l.textContent?.trim(),
      for: l.getAttribute('for'),
    }));

    expect(labels.find((l) => l.text?.startsWith('Email'))?.for).toBe(byTestId(fixture, 'email').id);
    expect(labels.find((l) => l.text?.startsWith('Password'))?.for).toBe(byTestId(fixture, 'password').id);
  });
});

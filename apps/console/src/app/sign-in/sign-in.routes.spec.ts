import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiPaths, SignInAnswer, SignInState } from '@latchkey/contracts';
import { LOGINS, byTestId, me } from '../../testing/fixtures';
import { requireState } from '../core/session-guards';
import { SessionStore } from '../core/session-store';
import { urlForState } from '../core/sign-in-routes';
import { signInRoutes } from './sign-in.routes';

/** Let a navigation reach its guards. */
const guardsRunning = () => new Promise((resolve) => setTimeout(resolve));

@Component({
  selector: 'app-home-stub',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<p data-testid="home">home</p>',
})
class HomeStub {}

describe('urlForState', () => {
  it.each<[SignInState, string]>([
    ['signed-out', '/sign-in'],
    ['pick-login', '/sign-in/pick'],
    ['totp-enrol', '/sign-in/totp-enrol'],
    ['totp', '/sign-in/totp'],
    ['pin-setup', '/sign-in/pin-setup'],
    ['pin', '/sign-in/pin'],
    ['handover', '/sign-in/handover'],
    ['signed-in', '/'],
  ])('sends %s to %s', (state, url) => {
    expect(urlForState(state)).toBe(url);
  });
});

describe('sign-in routes by state', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', children: signInRoutes },
          // As in app.routes: the shell is for signed-in sessions only.
          { path: '', pathMatch: 'full', canMatch: [requireState('signed-in')], component: HomeStub },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const url = () => TestBed.inject(Router).url;

  it.each<[SignInAnswer, string, string]>([
    [{ state: 'totp-enrol', deadline: null }, '/sign-in/totp-enrol', 'wizard-next'],
    [{ state: 'totp', deadline: null }, '/sign-in/totp', 'totp-code'],
    [{ state: 'pin-setup', deadline: null }, '/sign-in/pin-setup', 'pin-confirmation'],
    [{ state: 'pin', deadline: null }, '/sign-in/pin', 'submit-pin'],
    [{ state: 'handover', deadline: null }, '/sign-in/handover', 'submit-handover'],
  ])('opens / of a pending sign-in at the page of its step (%o)', async (answer, target, testId) => {
    TestBed.inject(SessionStore).record(answer);
    await harness.navigateByUrl('/');

    expect(url()).toBe(target);
    expect(byTestId(harness.fixture, testId)).toBeTruthy();
  });

  it('has no placeholder step page: /sign-in/step is an unknown address', async () => {
    TestBed.inject(SessionStore).record({ state: 'handover', deadline: null, handover: 'reset' });
    await harness.navigateByUrl('/sign-in/step');
    expect(url()).toBe('/sign-in');

    await harness.navigateByUrl('/sign-in/totp');
    expect(url()).toBe('/sign-in/handover');
    expect(byTestId(harness.fixture, 'handover-intro').textContent).toContain(
      'Your second factor was reset.',
    );
  });

  it('sends a step page to the step the sign-in actually stands at', async () => {
    TestBed.inject(SessionStore).record({ state: 'pin', deadline: null });
    await harness.navigateByUrl('/sign-in/totp-enrol');

    expect(url()).toBe('/sign-in/pin');
  });

  it('sends a signed-in visitor of a step page home, and a signed-out one to sign in', async () => {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('user') });
    await harness.navigateByUrl('/sign-in/totp');
    expect(url()).toBe('/');

    TestBed.inject(SessionStore).record({ state: 'pick-login', logins: LOGINS });
    await harness.navigateByUrl('/sign-in/pin');
    expect(url()).toBe('/sign-in/pick');
  });

  it('asks GET /auth/state after a reload, and opens the step it names', async () => {
    const navigation = harness.navigateByUrl('/sign-in/totp');
    await guardsRunning();
    http.expectOne({ method: 'GET', url: ApiPaths.state }).flush({ state: 'totp', deadline: null });
    await navigation;

    expect(url()).toBe('/sign-in/totp');
    expect(byTestId(harness.fixture, 'totp-code')).toBeTruthy();
  });

  it('falls back to the sign-in page when the API cannot be reached', async () => {
    const navigation = harness.navigateByUrl('/sign-in/pin');
    await guardsRunning();
    http.expectOne(ApiPaths.state).error(new ProgressEvent('error'));
    await navigation;

    expect(url()).toBe('/sign-in');
  });
});

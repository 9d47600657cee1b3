import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiPaths, SESSION_END_MESSAGES, SESSION_END_REASONS } from '@latchkey/contracts';
import { me } from '../../testing/fixtures';
import { sessionExpiredInterceptor } from './session-expired.interceptor';
import { SessionStore } from './session-store';
import { SignInNotice, SignInNotices } from './sign-in-notice';

describe('sessionExpiredInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let navigate: jest.SpyInstance;
  let store: SessionStore;

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionExpiredInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    store = TestBed.inject(SessionStore);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('sends a signed-in user to sign in when any call answers 401, and tells them why', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    const failed = jest.fn();
    client.get(ApiPaths.me).subscribe({ error: failed });
    http
      .expectOne(ApiPaths.me)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'No session' }, unauthorized);

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SignInNotice).take()).toBe(
      'You were signed out: your session ended (an account owner may have reset your sign-in or signed you out). Sign in again.',
    );
    expect(store.me()).toBeNull();
    expect(failed).toHaveBeenCalled();
  });

  it.each(SESSION_END_REASONS)('tells them the reason the API gave: %s', (reason) => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.get(ApiPaths.mySecurity).subscribe({ error: () => undefined });
    http
      .expectOne(ApiPaths.mySecurity)
      .flush(
        {
          statusCode: 401,
          error: 'Unauthorized',
          message: SESSION_END_MESSAGES[reason],
          sessionEnded: reason,
        },
        unauthorized,
      );

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    const said = TestBed.inject(SignInNotice).take();
    expect(said).toBe(SignInNotices.sessionEndedBecause[reason]);
    expect(said).not.toBe(SignInNotices.sessionEnded);
  });

  it('says the same for the same reason, whatever the message', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.get(ApiPaths.me).subscribe({ error: () => undefined });
    http
      .expectOne(ApiPaths.me)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'x', sessionEnded: 'reset' }, unauthorized);

    expect(TestBed.inject(SignInNotice).take()).toBe(
      'An account owner reset your sign-in. Sign in again to set up your second factor.',
    );
  });

  it.each([
    ['a reason it does not know', { sessionEnded: 'moon-phase' }],
    ['a reason that is not text', { sessionEnded: 3 }],
    ['no body at all', null],
  ])('falls back to the general words for %s', (_, extra) => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.get(ApiPaths.me).subscribe({ error: () => undefined });
    http
      .expectOne(ApiPaths.me)
      .flush(
        extra && { statusCode: 401, error: 'Unauthorized', message: 'Not signed in', ...extra },
        unauthorized,
      );

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SignInNotice).take()).toBe(SignInNotices.sessionEnded);
  });

  it('acts on the first 401 only: the calls after it leave the notice and the navigation alone', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.get(ApiPaths.me).subscribe({ error: () => undefined });
    client.get(ApiPaths.mySecurity).subscribe({ error: () => undefined });
    http.expectOne(ApiPaths.me).flush({}, unauthorized);
    http.expectOne(ApiPaths.mySecurity).flush({}, unauthorized);

    expect(navigate).toHaveBeenCalledTimes(1);
    expect(TestBed.inject(SignInNotice).take()).toContain('You were signed out');
  });

  it("keeps the person's own sign-out words: logout is a sign-in call", () => {
    store.record({ state: 'signed-in', me: me('owner') });
    const notice = TestBed.inject(SignInNotice);
    notice.set('You have signed out.');
    client.post(ApiPaths.logout, {}).subscribe({ error: () => undefined });
    http.expectOne(ApiPaths.logout).flush({}, unauthorized);

    expect(navigate).not.toHaveBeenCalled();
    expect(notice.take()).toBe('You have signed out.');
  });

  it('leaves 401s of the sign-in calls to the sign-in pages', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.post(ApiPaths.login, {}).subscribe({ error: () => undefined });
    http.expectOne(ApiPaths.login).flush({}, unauthorized);

    expect(navigate).not.toHaveBeenCalled();
    expect(store.me()).not.toBeNull();
  });

  it('does nothing when nobody is signed in', () => {
    client.get(ApiPaths.me).subscribe({ error: () => undefined });
    http.expectOne(ApiPaths.me).flush({}, unauthorized);

    expect(navigate).not.toHaveBeenCalled();
  });

  it('ignores other errors', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    client.get(ApiPaths.me).subscribe({ error: () => undefined });
    http.expectOne(ApiPaths.me).flush({}, { status: 500, statusText: 'Server Error' });

    expect(navigate).not.toHaveBeenCalled();
    expect(store.me()).not.toBeNull();
  });
});

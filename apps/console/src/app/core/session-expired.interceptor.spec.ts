import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiPaths } from '@latchkey/contracts';
import { me } from '../../testing/fixtures';
import { sessionExpiredInterceptor } from './session-expired.interceptor';
import { SessionStore } from './session-store';
import { SignInNotice } from './sign-in-notice';

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

  it('sends a signed-in user to sign in when any call answers 401', () => {
    store.record({ state: 'signed-in', me: me('owner') });
    const failed = jest.fn();
    client.get(ApiPaths.me).subscribe({ error: failed });
    http
      .expectOne(ApiPaths.me)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'No session' }, unauthorized);

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SignInNotice).take()).toBe('Your session has ended. Please sign in again.');
    expect(store.me()).toBeNull();
    expect(failed).toHaveBeenCalled();
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

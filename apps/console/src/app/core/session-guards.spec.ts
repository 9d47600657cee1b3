import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter } from '@angular/router';
import { ApiPaths, SignInAnswer } from '@latchkey/contracts';
import { Observable, firstValueFrom, isObservable, of } from 'rxjs';
import { LOGINS, me } from '../../testing/fixtures';
import { notSignedInGuard, requireRole, requireState } from './session-guards';
import { SessionStore } from './session-store';

type GuardResult = boolean | UrlTree;

/** Run a guard as the router would, and say where it sends the browser (or true to let it through). */
async function run(guard: () => unknown): Promise<string | boolean> {
  const result = TestBed.runInInjectionContext(guard);
  const value = await firstValueFrom((isObservable(result) ? result : of(result)) as Observable<GuardResult>);
  return value instanceof UrlTree ? TestBed.inject(Router).serializeUrl(value) : value;
}

describe('session guards', () => {
  let http: HttpTestingController;
  let store: SessionStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
  });

  afterEach(() => http.verify());

  describe('requireState', () => {
    const signedIn = requireState('signed-in') as () => unknown;

    it('lets a signed-in session through without asking the API again', async () => {
      store.record({ state: 'signed-in', me: me('user') });

      await expect(run(signedIn)).resolves.toBe(true);
    });

    it.each<[SignInAnswer, string]>([
      [{ state: 'signed-out' }, '/sign-in'],
      [{ state: 'pick-login', logins: LOGINS }, '/sign-in/pick'],
      [{ state: 'totp', deadline: null }, '/sign-in/totp'],
      [{ state: 'handover', deadline: null, handover: 'reset' }, '/sign-in/handover'],
    ])('asks GET /auth/state when nothing is known, and follows it (%o)', async (answer, url) => {
      const result = run(signedIn);
      http.expectOne({ method: 'GET', url: ApiPaths.state }).flush(answer);

      await expect(result).resolves.toBe(url);
      expect(store.answer()).toEqual(answer);
    });

    it('falls back to the sign-in page when the API cannot be reached', async () => {
      const result = run(signedIn);
      http.expectOne(ApiPaths.state).error(new ProgressEvent('error'));

      await expect(result).resolves.toBe('/sign-in');
    });

    it('lets the picker through while a pick is pending', async () => {
      store.record({ state: 'pick-login', logins: LOGINS });

      await expect(run(requireState('pick-login') as () => unknown)).resolves.toBe(true);
    });
  });

  describe('requireRole', () => {
    it('admits the role it names', async () => {
      store.record({ state: 'signed-in', me: me('owner') });

      await expect(run(requireRole('owner') as () => unknown)).resolves.toBe(true);
    });

    it('sends other roles home', async () => {
      store.record({ state: 'signed-in', me: me('user') });

      await expect(run(requireRole('owner') as () => unknown)).resolves.toBe('/');
      await expect(run(requireRole('super') as () => unknown)).resolves.toBe('/');
    });
  });

  describe('notSignedInGuard', () => {
    it('sends a signed-in visitor home', async () => {
      store.record({ state: 'signed-in', me: me('user') });

      await expect(run(notSignedInGuard as () => unknown)).resolves.toBe('/');
    });

    it('lets anyone else sign in, even with a pick pending', async () => {
      store.record({ state: 'pick-login', logins: LOGINS });

      await expect(run(notSignedInGuard as () => unknown)).resolves.toBe(true);
    });
  });
});

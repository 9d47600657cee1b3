import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { APP_LINK_EXPIRED_NOTICE, ApiPaths } from '@latchkey/contracts';
import { byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { PinPage } from './pin-page';
import { SignInFlow } from './sign-in-flow';
import { SignInFrame } from './sign-in-frame';
import { SignInPage } from './sign-in-page';
import { configureStep, renderStep } from './step-testing';

/** An application's sign-in (DESIGN §10) on the console's pages: named on every step, and left for the app. */
describe('An application signing in through the console', () => {
  const app = { applicationName: 'HR portal', tenantName: 'Acme' };

  it('names the application the sign-in returns to, and nothing without one', async () => {
    configureStep(SignInFrame);
    const frame = await renderStep(SignInFrame, { state: 'pin', deadline: null, app });
    expect(byTestId(frame, 'sign-in-for-app').textContent).toContain('continue to HR portal (Acme)');

    TestBed.inject(SessionStore).record({ state: 'pin', deadline: null });
    frame.detectChanges();
    expect(queryTestId(frame, 'sign-in-for-app')).toBeNull();
  });

  it('sends the browser back to the application once signed in, not to the console', async () => {
    const { http, router } = configureStep(PinPage);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const back = jest.spyOn(TestBed.inject(SignInFlow), 'backToApp').mockImplementation(() => undefined);
    const fixture = await renderStep(PinPage, { state: 'pin', deadline: null, app });

    typeInto(byTestId<HTMLInputElement>(fixture, 'pin'), '480215');
    byTestId<HTMLButtonElement>(fixture, 'submit-pin').click();
    const redirectTo = 'http://localhost:3000/oidc/auth/abc';
    http
      .expectOne({ method: 'POST', url: ApiPaths.pin })
      .flush({ state: 'signed-in', me: me('user'), redirectTo });
    await fixture.whenStable();

    expect(back).toHaveBeenCalledWith(redirectTo);
    expect(navigate).not.toHaveBeenCalled();
    http.verify();
  });

  it('says why when the API could not take an application’s sign-in over (an expired link)', async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ notice: APP_LINK_EXPIRED_NOTICE }) } };
    configureStep(SignInPage, [{ provide: ActivatedRoute, useValue: route }]);
    const page = await renderStep(SignInPage, { state: 'signed-out' });
    expect(byTestId(page, 'sign-in-info').textContent).toContain('This sign-in link has expired');
  });
});

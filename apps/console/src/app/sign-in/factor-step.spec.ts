import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { FactorStep } from './factor-step';

describe('FactorStep', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [FactorStep],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  it('says the step is not available yet, naming it', async () => {
    TestBed.inject(SessionStore).record({ state: 'totp', deadline: null });
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    const text = byTestId(fixture, 'step-unavailable').textContent ?? '';
    expect(text).toContain('not available');
    expect(text).toContain('authenticator app');
  });

  it('cancels the pending sign-in and returns to the sign-in page', async () => {
    TestBed.inject(SessionStore).record({ state: 'pin', deadline: null });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').click();
    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'POST', url: ApiPaths.logout })
      .flush({ state: 'signed-out' });

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SessionStore).answer()).toEqual({ state: 'signed-out' });
  });
});

describe('FactorStep: postponing enrolment', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [FactorStep],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  it('offers to postpone while the deadline allows, and goes home when signed in', async () => {
    const deadline = '2030-01-02T03:04:05.000Z';
    TestBed.inject(SessionStore).record({ state: 'totp-enrol', deadline });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    expect(byTestId(fixture, 'postpone-hint').textContent).toContain('2030');
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    const me = {
      identityId: 'i',
      loginId: 'l',
      email: 'a@b.test',
      displayName: 'A',
      role: 'super' as const,
      tenantId: null,
      tenantName: null,
      userTypeName: null,
    };
    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'POST', url: ApiPaths.postpone })
      .flush({ state: 'signed-in', me });

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()).toEqual(me);
  });

  it('offers no postponing once the deadline is gone, and shows an API refusal', async () => {
    TestBed.inject(SessionStore).record({ state: 'pin-setup', deadline: null });
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('[data-testid="postpone"]')).toBeNull();
    expect(byTestId(fixture, 'enrol-required').textContent).toContain('can no longer be postponed');
  });

  it('shows the API message when postponing is refused', async () => {
    TestBed.inject(SessionStore).record({ state: 'pin-setup', deadline: '2030-01-01T00:00:00.000Z' });
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'POST', url: ApiPaths.postpone })
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'The time to postpone enrolment is over' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(byTestId(fixture, 'step-error').textContent).toContain('The time to postpone enrolment is over');
  });
});

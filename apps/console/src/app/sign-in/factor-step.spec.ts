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

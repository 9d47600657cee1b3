import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, queryTestId } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { FactorStep } from './factor-step';

describe('FactorStep (the handover step, not in the console yet)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [FactorStep],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(SessionStore).record({ state: 'handover', deadline: '2030-01-01T00:00:00.000Z' });
  });

  it('says the step is not available yet, naming it, and offers no postponing', async () => {
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    const text = byTestId(fixture, 'step-unavailable').textContent ?? '';
    expect(text).toContain('not available');
    expect(text).toContain('one-time code from your administrator');
    expect(queryTestId(fixture, 'postpone')).toBeNull();
  });

  it('cancels the pending sign-in', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(FactorStep);
    await fixture.whenStable();

    byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').click();
    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'POST', url: ApiPaths.logout })
      .flush({ state: 'signed-out' });

    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });
});

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, me, queryTestId } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { StepExits } from './step-exits';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, renderStep } from './step-testing';

describe('StepExits', () => {
  let fixture: ComponentFixture<StepExits>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function render(deadline: string | null, postponable = true): Promise<void> {
    fixture = await renderStep(StepExits, { state: 'totp-enrol', deadline });
    fixture.componentRef.setInput('postponable', postponable);
    await fixture.whenStable();
  }

  beforeEach(() => {
    let router;
    ({ http, router } = configureStep(StepExits));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('cancels the pending sign-in and returns to the sign-in page', async () => {
    await render(null, false);

    byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').click();
    http.expectOne({ method: 'POST', url: ApiPaths.logout }).flush({ state: 'signed-out' });

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SessionStore).answer()).toEqual({ state: 'signed-out' });
  });

  it('offers to postpone while the deadline allows, and goes home when signed in', async () => {
    await render('2030-01-02T03:04:05.000Z');

    expect(byTestId(fixture, 'postpone-hint').textContent).toContain('2030');
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    http.expectOne({ method: 'POST', url: ApiPaths.postpone }).flush({ state: 'signed-in', me: me('super') });

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()).toEqual(me('super'));
  });

  it('offers no postponing once the deadline is gone', async () => {
    await render(null);

    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(byTestId(fixture, 'enrol-required').textContent).toContain('can no longer be postponed');
  });

  it('offers no postponing on steps that are not enrolments, whatever the deadline', async () => {
    await render('2030-01-02T03:04:05.000Z', false);

    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(queryTestId(fixture, 'postpone-hint')).toBeNull();
    expect(queryTestId(fixture, 'enrol-required')).toBeNull();
  });

  it('shows the API message when postponing is refused, and stops offering it', async () => {
    await render('2030-01-01T00:00:00.000Z');
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    http
      .expectOne({ method: 'POST', url: ApiPaths.postpone })
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'The time to postpone enrolment is over' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();

    expect(byTestId(fixture, 'step-error').textContent).toContain('The time to postpone enrolment is over');
    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(byTestId(fixture, 'enrol-required')).toBeTruthy();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('starts again when the pending sign-in expired while postponing', async () => {
    await render('2030-01-01T00:00:00.000Z');
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    http.expectOne(ApiPaths.postpone).flush(...EXPIRED);
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('is disabled while the page is busy', async () => {
    await render('2030-01-01T00:00:00.000Z');
    fixture.componentRef.setInput('disabled', true);
    await fixture.whenStable();

    expect(byTestId<HTMLButtonElement>(fixture, 'postpone').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').disabled).toBe(true);
  });
});

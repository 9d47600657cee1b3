import { HttpTestingController } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { PinPage } from './pin-page';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, refusal, renderStep } from './step-testing';

describe('PinPage', () => {
  let fixture: ComponentFixture<PinPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function submit(pin: string): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'pin'), pin);
    byTestId<HTMLButtonElement>(fixture, 'submit-pin').click();
    await fixture.whenStable();
  }

  async function refuse(...args: Parameters<typeof refusal>): Promise<void> {
    http.expectOne({ method: 'POST', url: ApiPaths.pin }).flush(...refusal(...args));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    let router;
    ({ http, router } = configureStep(PinPage));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = await renderStep(PinPage, { state: 'pin', deadline: null });
  });

  afterEach(() => http.verify());

  it('asks for the PIN in a hidden numeric field, focused', () => {
    const input = byTestId<HTMLInputElement>(fixture, 'pin');

    expect(input.type).toBe('password');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(input);
  });

  it('posts the PIN and goes home once signed in', async () => {
    await submit('480215');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.pin });
    expect(request.request.body).toEqual({ pin: '480215' });
    request.flush({ state: 'signed-in', me: me('owner') });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()?.role).toBe('owner');
  });

  it('shows the API message for a wrong PIN and clears the field', async () => {
    await submit('480216');
    await refuse(401, { message: 'Incorrect PIN', reason: 'incorrect' });

    expect(byTestId(fixture, 'pin-error').textContent?.trim()).toBe('Incorrect PIN');
    expect(byTestId<HTMLInputElement>(fixture, 'pin').value).toBe('');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('says until when a locked login stays locked', async () => {
    await submit('480216');
    await refuse(423, { message: 'Locked', reason: 'locked', lockedUntil: '2030-07-08T09:10:11.000Z' });

    expect(byTestId(fixture, 'pin-error').textContent).toContain('locked until');
    expect(byTestId(fixture, 'pin-error').textContent).toContain('2030');
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-pin').disabled).toBe(false);
  });

  it('says to ask the account owner when only they can unlock', async () => {
    await submit('480216');
    await refuse(423, { message: 'Locked', reason: 'locked', lockedUntil: null });

    expect(byTestId(fixture, 'pin-error').textContent).toContain('Ask your account owner to unlock it');
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-pin').disabled).toBe(true);
  });

  it('starts again when the pending sign-in expired', async () => {
    await submit('480215');
    http.expectOne({ method: 'POST', url: ApiPaths.pin }).flush(...EXPIRED);
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('posts nothing empty or with letters', async () => {
    await submit('');
    await submit('48o215');

    http.expectNone(ApiPaths.pin);
    expect(fixture.nativeElement.querySelector('mat-error')?.textContent).toContain('digits only');
  });

  it('cancels the sign-in', async () => {
    expect(queryTestId(fixture, 'postpone')).toBeNull();
    byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').click();
    http.expectOne({ method: 'POST', url: ApiPaths.logout }).flush({ state: 'signed-out' });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });

  describe('remembering the browser', () => {
    async function allowRemembering(days: number): Promise<MatCheckboxHarness> {
      TestBed.inject(SessionStore).record({ state: 'pin', deadline: null, rememberDays: days });
      await fixture.whenStable();
      return TestbedHarnessEnvironment.loader(fixture).getHarness(
        MatCheckboxHarness.with({ selector: '[data-testid="remember-browser"]' }),
      );
    }

    async function send(): Promise<unknown> {
      typeInto(byTestId<HTMLInputElement>(fixture, 'pin'), '480215');
      byTestId<HTMLButtonElement>(fixture, 'submit-pin').click();
      await fixture.whenStable();
      const request = http.expectOne({ method: 'POST', url: ApiPaths.pin });
      request.flush({ state: 'signed-in', me: me('user') });
      await fixture.whenStable();
      return request.request.body;
    }

    it('offers nothing when the user type does not allow it', async () => {
      expect(queryTestId(fixture, 'remember-browser')).toBeNull();
      TestBed.inject(SessionStore).record({ state: 'pin', deadline: null, rememberDays: 0 });
      await fixture.whenStable();
      expect(queryTestId(fixture, 'remember-browser')).toBeNull();

      expect(await send()).toEqual({ pin: '480215' });
    });

    it('offers it for the allowed days, unchecked, and sends nothing more unless checked', async () => {
      const checkbox = await allowRemembering(30);

      expect(await checkbox.getLabelText()).toBe('Remember this browser for 30 days');
      expect(await checkbox.isChecked()).toBe(false);
      expect(await send()).toEqual({ pin: '480215' });
    });

    it('asks to remember the browser when checked', async () => {
      const checkbox = await allowRemembering(1);
      expect(await checkbox.getLabelText()).toBe('Remember this browser for 1 day');
      await checkbox.check();

      expect(await send()).toEqual({ pin: '480215', rememberBrowser: true });
      expect(navigate).toHaveBeenCalledWith('/');
    });

    it('keeps the choice after a wrong PIN', async () => {
      const checkbox = await allowRemembering(30);
      await checkbox.check();
      typeInto(byTestId<HTMLInputElement>(fixture, 'pin'), '480215');
      byTestId<HTMLButtonElement>(fixture, 'submit-pin').click();
      await fixture.whenStable();
      http.expectOne(ApiPaths.pin).flush(...refusal(401, { reason: 'incorrect', message: 'Incorrect' }));
      await fixture.whenStable();

      expect(await checkbox.isChecked()).toBe(true);
      expect(await send()).toEqual({ pin: '480215', rememberBrowser: true });
    });
  });
});

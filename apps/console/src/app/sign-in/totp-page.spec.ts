import { HttpTestingController } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { TotpPage } from './totp-page';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, refusal, renderStep } from './step-testing';

describe('TotpPage', () => {
  let fixture: ComponentFixture<TotpPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function click(testId: string): Promise<void> {
    byTestId<HTMLButtonElement>(fixture, testId).click();
    await fixture.whenStable();
  }

  async function submit(code: string, field = 'totp-code'): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, field), code);
    await click('submit-code');
  }

  async function answer(...args: Parameters<ReturnType<HttpTestingController['expectOne']>['flush']>) {
    http.expectOne({ method: 'POST', url: ApiPaths.totp }).flush(...args);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    let router;
    ({ http, router } = configureStep(TotpPage));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = await renderStep(TotpPage, { state: 'totp', deadline: null });
  });

  afterEach(() => http.verify());

  it('offers a field for the 6-digit code that phones can fill in', () => {
    const input = byTestId<HTMLInputElement>(fixture, 'totp-code');

    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(document.activeElement).toBe(input);
    expect(byTestId(fixture, 'clock-hint').textContent).toContain(
      "Codes depend on your phone's clock: set it to automatic time",
    );
  });

  it('posts the code and goes home once signed in', async () => {
    await submit('123 456');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.totp });
    expect(request.request.body).toEqual({ code: '123456' });
    request.flush({ state: 'signed-in', me: me('user') });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
  });

  it('posts nothing that is not 6 digits', async () => {
    await submit('12345');
    await submit('');

    http.expectNone(ApiPaths.totp);
  });

  it('shows the API message for a wrong code and clears the field for the next one', async () => {
    await submit('000000');
    await answer(...refusal(401, { reason: 'incorrect', message: 'Incorrect code' }));

    const error = byTestId(fixture, 'code-error');
    expect(error.textContent?.trim()).toBe('Incorrect code');
    expect(error.getAttribute('role')).toBe('alert');
    expect(byTestId<HTMLInputElement>(fixture, 'totp-code').value).toBe('');
    expect(fixture.nativeElement.querySelector('mat-error')).toBeNull();
    expect(document.activeElement).toBe(byTestId(fixture, 'totp-code'));
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-code').disabled).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
    expect(byTestId(fixture, 'clock-hint').classList).not.toContain('lk-notice');
  });

  it("points at the phone's clock after a clock-drift failure", async () => {
    await submit('111111');
    await answer(
      ...refusal(401, {
        reason: 'clock-drift',
        driftSeconds: -300,
        message: "That code is from another time: your phone's clock looks off by about 5 minutes",
      }),
    );

    expect(byTestId(fixture, 'code-error').textContent).toContain('off by about 5 minutes');
    const hint = byTestId(fixture, 'clock-hint');
    expect(hint.classList).toContain('lk-notice');
    expect(hint.textContent).toContain('Set automatically');
  });

  it('says a code was already used', async () => {
    await submit('222222');
    await answer(
      ...refusal(401, { reason: 'replayed', message: 'That code was already used: wait for the next one' }),
    );

    expect(byTestId(fixture, 'code-error').textContent).toContain('wait for the next one');
  });

  it('switches to a backup code and sends it as typed, in lower case', async () => {
    await click('use-backup-code');

    expect(queryTestId(fixture, 'totp-code')).toBeNull();
    const input = byTestId<HTMLInputElement>(fixture, 'backup-code-input');
    expect(document.activeElement).toBe(input);
    await submit(' 3-K7QP-2M4X-HC ', 'backup-code-input');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.totp });
    expect(request.request.body).toEqual({ code: '3-k7qp-2m4x-hc' });
    request.flush({ state: 'signed-in', me: me('user') });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says so in its heading in backup-code mode', async () => {
    const heading = () => fixture.nativeElement.querySelector('h1').textContent.trim();
    expect(heading()).toBe('Enter your code');
    await click('use-backup-code');
    expect(heading()).toBe('Enter a backup code');
    await click('use-app-code');
    expect(heading()).toBe('Enter your code');
  });

  it('sends a backup code typed without dashes, or with spaces, as made', async () => {
    await click('use-backup-code');
    await submit('3 K7QP 2M4X HC', 'backup-code-input');
    const spaced = http.expectOne({ method: 'POST', url: ApiPaths.totp });
    expect(spaced.request.body).toEqual({ code: '3-k7qp-2m4x-hc' });
    spaced.flush(...refusal(401, { reason: 'incorrect', message: 'Incorrect code' }));
    await fixture.whenStable();

    await submit('3k7qp2m4xhc', 'backup-code-input');
    const compact = http.expectOne({ method: 'POST', url: ApiPaths.totp });
    expect(compact.request.body).toEqual({ code: '3-k7qp-2m4x-hc' });
  });

  it('after a backup code, says how many are left before going on', async () => {
    await click('use-backup-code');
    await submit('3-k7qp-2m4x-hc', 'backup-code-input');
    await answer({ state: 'signed-in', me: me('user'), backupCodesLeft: 9 });

    expect(navigate).not.toHaveBeenCalled();
    expect(byTestId(fixture, 'backup-codes-left').textContent).toContain('9 backup codes left.');
    expect(queryTestId(fixture, 'backup-codes-few')).toBeNull();
    expect(document.activeElement).toBe(fixture.nativeElement.querySelector('h1'));
    await click('backup-codes-left-continue');
    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
  });

  it.each<[number, string]>([
    [3, 'Only 3 left.'],
    [1, 'Only 1 left.'],
    [0, 'You have no backup codes left.'],
  ])('warns to make new codes with %i left', async (left, warning) => {
    await click('use-backup-code');
    await submit('3-k7qp-2m4x-hc', 'backup-code-input');
    await answer({ state: 'signed-in', me: me('user'), backupCodesLeft: left });

    const few = byTestId(fixture, 'backup-codes-few').textContent ?? '';
    expect(few).toContain(warning);
    expect(few).toContain('Make a new set now');
  });

  it('says how many attempts are left before the lock once they are few', async () => {
    await submit('000000');
    await answer(...refusal(401, { reason: 'incorrect', message: 'Incorrect code', attemptsLeft: 2 }));

    expect(byTestId(fixture, 'code-error').textContent?.trim()).toBe(
      'Incorrect code. 2 attempts left before this login is locked.',
    );
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-code').disabled).toBe(false);
  });

  it('refuses a backup code of the wrong shape, and switches back to app codes', async () => {
    await click('use-backup-code');
    await submit('123456', 'backup-code-input');

    http.expectNone(ApiPaths.totp);
    expect(fixture.nativeElement.querySelector('mat-error')?.textContent).toContain('3-k7qp-2m4x-hc');

    await click('use-app-code');
    expect(byTestId<HTMLInputElement>(fixture, 'totp-code').value).toBe('');
    await submit('123456');
    http.expectOne(ApiPaths.totp).flush({ state: 'signed-in', me: me('user') });
  });

  it('says until when a locked login stays locked', async () => {
    await submit('333333');
    await answer(
      ...refusal(423, {
        reason: 'locked',
        lockedUntil: '2030-03-04T05:06:07.000Z',
        message: 'Too many attempts',
      }),
    );

    const text = byTestId(fixture, 'code-error').textContent ?? '';
    expect(text).toContain('locked until');
    expect(text).toContain('2030');
  });

  it('says to ask the account owner when only they can unlock', async () => {
    await submit('333333');
    await answer(...refusal(423, { reason: 'locked', lockedUntil: null, message: 'Locked' }));

    expect(byTestId(fixture, 'code-error').textContent).toContain('Ask your account owner to unlock it');
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-code').disabled).toBe(true);
  });

  it('starts again when the pending sign-in expired (a 401 without a reason)', async () => {
    await submit('123456');
    await answer(...EXPIRED);

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('sends one code at a time', async () => {
    await submit('123456');
    await click('submit-code');

    expect(http.match(ApiPaths.totp)).toHaveLength(1);
  });

  it('offers to cancel, but not to postpone: the authenticator is already set up', () => {
    expect(byTestId(fixture, 'cancel-sign-in')).toBeTruthy();
    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(queryTestId(fixture, 'enrol-required')).toBeNull();
  });

  describe('remembering the browser', () => {
    async function allowRemembering(days: number): Promise<MatCheckboxHarness> {
      TestBed.inject(SessionStore).record({ state: 'totp', deadline: null, rememberDays: days });
      await fixture.whenStable();
      return TestbedHarnessEnvironment.loader(fixture).getHarness(
        MatCheckboxHarness.with({ selector: '[data-testid="remember-browser"]' }),
      );
    }

    async function send(): Promise<unknown> {
      typeInto(byTestId<HTMLInputElement>(fixture, 'totp-code'), '123456');
      byTestId<HTMLButtonElement>(fixture, 'submit-code').click();
      await fixture.whenStable();
      const request = http.expectOne({ method: 'POST', url: ApiPaths.totp });
      request.flush({ state: 'signed-in', me: me('user') });
      await fixture.whenStable();
      return request.request.body;
    }

    it('offers nothing when the user type does not allow it', async () => {
      expect(queryTestId(fixture, 'remember-browser')).toBeNull();
      TestBed.inject(SessionStore).record({ state: 'totp', deadline: null, rememberDays: 0 });
      await fixture.whenStable();
      expect(queryTestId(fixture, 'remember-browser')).toBeNull();

      expect(await send()).toEqual({ code: '123456' });
    });

    it('offers it for the allowed days, unchecked, and sends nothing more unless checked', async () => {
      const checkbox = await allowRemembering(30);

      expect(await checkbox.getLabelText()).toBe('Remember this browser for 30 days');
      expect(await checkbox.isChecked()).toBe(false);
      expect(await send()).toEqual({ code: '123456' });
    });

    it('asks to remember the browser when checked', async () => {
      const checkbox = await allowRemembering(1);
      expect(await checkbox.getLabelText()).toBe('Remember this browser for 1 day');
      await checkbox.check();

      expect(await send()).toEqual({ code: '123456', rememberBrowser: true });
      expect(navigate).toHaveBeenCalledWith('/');
    });

    it('keeps the choice after a wrong code', async () => {
      const checkbox = await allowRemembering(30);
      await checkbox.check();
      typeInto(byTestId<HTMLInputElement>(fixture, 'totp-code'), '123456');
      byTestId<HTMLButtonElement>(fixture, 'submit-code').click();
      await fixture.whenStable();
      http.expectOne(ApiPaths.totp).flush(...refusal(401, { reason: 'incorrect', message: 'Incorrect' }));
      await fixture.whenStable();

      expect(await checkbox.isChecked()).toBe(true);
      expect(await send()).toEqual({ code: '123456', rememberBrowser: true });
    });
  });
});

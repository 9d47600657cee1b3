import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ApiPaths, ConfirmDeviceAnswer } from '@latchkey/contracts';
import { PIN_RULES_TEXT } from '@latchkey/policy';
import { allByTestId, byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { SignInNotice } from '../core/sign-in-notice';
import { REFUSED_NEW_PINS } from '../shared/enrolment/refusal-testing';
import { ProfileSecurityPage } from './profile-security-page';
import {
  CODES,
  ENROLMENT,
  PHONE,
  click,
  clickInDialog,
  configureProfile,
  dialog,
  dialogClosed,
  inDialog,
  optInView,
  renderProfile,
  text,
  texts,
  view,
  failure,
  fieldErrors,
} from './profile-testing';

describe('ProfileSecurityPage', () => {
  let fixture: ComponentFixture<ProfileSecurityPage>;
  let http: HttpTestingController;
  let save: jest.Mock;

  beforeEach(() => {
    save = jest.fn();
    http = configureProfile(save);
  });

  afterEach(() => http.verify());

  it('shows the method with its reason, the devices and the backup codes left', async () => {
    fixture = await renderProfile(http);

    expect(text(fixture, 'effective-method')).toBe('Authenticator app');
    expect(text(fixture, 'effective-reason')).toBe(
      'The policy for Employee asks for it. Set by olivia@acme.test on 20 Nov 2026.',
    );
    expect(queryTestId(fixture, 'method-needs-device')).toBeNull();
    expect(texts(fixture, 'device-label')).toEqual(['Pixel 8', 'iPad']);
    expect(texts(fixture, 'device-added')).toEqual(['1 Oct 2026', '2 Nov 2026']);
    expect(texts(fixture, 'device-last-used')[0]).toMatch(/^23 Nov 2026, \d\d:\d\d$/);
    expect(texts(fixture, 'device-last-used')[1]).toBe('never');
    expect(text(fixture, 'backup-remaining')).toBe('7 of 10 backup codes left.');
    // No PIN and not the PIN method; the choice is not the user's.
    expect(queryTestId(fixture, 'new-pin')).toBeNull();
    expect(queryTestId(fixture, 'own-2fa-toggle')).toBeNull();
  });

  it('says when the page cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(ProfileSecurityPage);
    await fixture.whenStable();
    http.expectOne(ApiPaths.mySecurity).flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(text(fixture, 'security-load-error')).toContain('Something went wrong on our side');
    await click(fixture, 'security-retry');
    http.expectOne(ApiPaths.mySecurity).flush(view());
    await fixture.whenStable();
    expect(texts(fixture, 'device-label')).toEqual(['Pixel 8', 'iPad']);
  });

  describe('PIN', () => {
    async function fillPin(values: { current?: string; pin: string; again: string }): Promise<void> {
      if (values.current !== undefined) {
        typeInto(byTestId(fixture, 'current-pin'), values.current);
      }
      typeInto(byTestId(fixture, 'new-pin'), values.pin);
      typeInto(byTestId(fixture, 'new-pin-confirmation'), values.again);
      await click(fixture, 'save-pin');
    }

    it('changes the PIN with the current one', async () => {
      fixture = await renderProfile(http, view({ hasPin: true }));
      expect(byTestId(fixture, 'save-pin').textContent?.trim()).toBe('Change PIN');
      expect(text(fixture, 'new-pin-rules')).toBe(PIN_RULES_TEXT);
      await fillPin({ current: '480213', pin: '739415', again: '739415' });

      const put = http.expectOne({ method: 'PUT', url: ApiPaths.myPin });
      expect(put.request.body).toEqual({ currentPin: '480213', pin: '739415', pinConfirmation: '739415' });
      put.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(byTestId<HTMLInputElement>(fixture, 'current-pin').value).toBe('');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('');
      expect(queryTestId(fixture, 'pin-error')).toBeNull();
      expect(document.body.textContent).toContain('Your PIN was changed.');
      // A clean form: the emptied fields are not red after the success.
      expect(fixture.nativeElement.querySelectorAll('mat-error, .mat-form-field-invalid')).toHaveLength(0);
    });

    it('sets a first PIN without asking for a current one', async () => {
      fixture = await renderProfile(
        http,
        view({
          effective: {
            method: 'pin',
            reason: { layer: 'user-type', setBy: null, setAt: null },
            floor: 'off',
            graceDays: 0,
          },
          devices: [],
          backupCodesRemaining: 0,
        }),
      );
      expect(queryTestId(fixture, 'current-pin')).toBeNull();
      expect(queryTestId(fixture, 'backup-remaining')).toBeNull();
      await fillPin({ pin: '739415', again: '739415' });

      const put = http.expectOne(ApiPaths.myPin);
      expect(put.request.body).toEqual({ pin: '739415', pinConfirmation: '739415' });
      put.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      // Now there is a PIN: changing it again asks for it.
      expect(queryTestId(fixture, 'current-pin')).not.toBeNull();
      expect(byTestId(fixture, 'save-pin').textContent?.trim()).toBe('Change PIN');
    });

    it('says when the current PIN is wrong and keeps what was typed', async () => {
      fixture = await renderProfile(http, view({ hasPin: true }));
      await fillPin({ current: '111222', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(...failure(401, { message: 'The current PIN is not correct.', reason: 'incorrect' }));
      await fixture.whenStable();

      expect(text(fixture, 'current-pin-error')).toBe('The current PIN is not correct.');
      expect(byTestId<HTMLInputElement>(fixture, 'current-pin').value).toBe('111222');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('739415');
    });

    it('places the field errors of a 400 under their fields', async () => {
      fixture = await renderProfile(http, view({ hasPin: true }));
      await fillPin({ current: '480213', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(
          ...fieldErrors(
            ['pin', 'pin is not acceptable'],
            ['pinConfirmation', 'pinConfirmation must repeat the PIN exactly'],
            ['currentPin', 'currentPin must be 6 to 12 digits'],
            ['other', 'Something else.'],
          ),
        );
      await fixture.whenStable();

      expect(text(fixture, 'new-pin-field-error')).toBe('The PIN is not acceptable.');
      expect(text(fixture, 'new-pin-confirmation-error')).toBe(
        'The PIN typed again must repeat the PIN exactly.',
      );
      expect(text(fixture, 'current-pin-error')).toBe('The current PIN must be 6 to 12 digits.');
      expect(
        fixture.nativeElement.querySelectorAll('.mat-mdc-form-field-subscript-dynamic-size'),
      ).toHaveLength(3);
      expect(text(fixture, 'pin-error')).toBe('Something else.');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('739415');
    });

    it.each<[string, string]>([...REFUSED_NEW_PINS])(
      'refuses the new PIN %s before sending, as the API would',
      async (pin, message) => {
        fixture = await renderProfile(http, view({ hasPin: true }));
        await fillPin({ current: '480213', pin, again: pin });

        http.expectNone(ApiPaths.myPin);
        expect(text(fixture, 'new-pin-field-error')).toContain(message);
      },
    );

    it('shows a lock in words', async () => {
      fixture = await renderProfile(http, view({ hasPin: true }));
      await fillPin({ current: '480213', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(...failure(423, { message: 'Locked', reason: 'locked', lockedUntil: null }));
      await fixture.whenStable();

      expect(text(fixture, 'pin-error')).toBe(
        'Too many wrong attempts: this login is locked. Ask your account owner to unlock it.',
      );
    });

    it('sends nothing when the two PINs differ or a current PIN is missing', async () => {
      fixture = await renderProfile(http, view({ hasPin: true }));
      await fillPin({ current: '', pin: '739415', again: '739416' });

      http.expectNone(ApiPaths.myPin);
      expect(text(fixture, 'new-pin-mismatch')).toBe('The two PINs differ.');
      expect(fixture.nativeElement.textContent).toContain('Enter your current PIN.');
    });
  });

  describe('backup codes', () => {
    it('makes a new set with a code from the app and shows it once', async () => {
      fixture = await renderProfile(http, view({ backupCodesRemaining: 2 }));
      expect(text(fixture, 'backup-remaining')).toBe(
        '2 of 10 backup codes left. Make a new set before you run out.',
      );
      expect(queryTestId(fixture, 'regenerate-code')).toBeNull();
      await click(fixture, 'regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '654 321');
      await click(fixture, 'regenerate-submit');

      const post = http.expectOne({ method: 'POST', url: ApiPaths.myBackupCodes });
      expect(post.request.body).toEqual({ code: '654321' });
      post.flush({ backupCodes: CODES });
      await fixture.whenStable();

      const shown = Array.from(dialog().querySelectorAll('[data-testid="backup-code"]')).map(
        (c) => c.textContent,
      );
      expect(shown).toEqual(CODES);
      expect(inDialog('backup-codes-once').textContent).toContain(
        'Your earlier backup codes no longer work.',
      );
      expect(allByTestId(fixture, 'backup-code')).toHaveLength(0);
      await clickInDialog(fixture, 'backup-codes-done');
      await dialogClosed(fixture);

      expect(text(fixture, 'backup-remaining')).toBe('10 of 10 backup codes left.');
      expect(queryTestId(fixture, 'regenerate-code')).toBeNull();
      expect(document.body.textContent).not.toContain(CODES[0]);
    });

    it('sends only a code from the app', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '3-k7qp-2m4x-hc');
      await click(fixture, 'regenerate-submit');

      http.expectNone(ApiPaths.myBackupCodes);
      expect(fixture.nativeElement.textContent).toContain('Enter the 6 digits your app shows.');
    });

    it('says why a code is refused and keeps it', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '111111');
      await click(fixture, 'regenerate-submit');
      http
        .expectOne(ApiPaths.myBackupCodes)
        .flush(...failure(401, { reason: 'clock-drift', driftSeconds: -180 }));
      await fixture.whenStable();

      expect(text(fixture, 'regenerate-error')).toBe(
        "That code is from another time: your phone's clock looks about 3 minutes behind.",
      );
      expect(byTestId<HTMLInputElement>(fixture, 'regenerate-code').value).toBe('111111');
      expect(document.querySelector('mat-dialog-container')).toBeNull();
      expect(text(fixture, 'backup-remaining')).toBe('7 of 10 backup codes left.');
    });
  });

  describe('own two-factor', () => {
    it('guides the user to add a device before switching on', async () => {
      fixture = await renderProfile(http, optInView());

      expect(text(fixture, 'own-2fa-state')).toContain('Off');
      expect(text(fixture, 'own-2fa-needs-device')).toContain('first add an authenticator app');
      expect(queryTestId(fixture, 'own-2fa-toggle')).toBeNull();

      await click(fixture, 'own-2fa-add-device');
      http.expectOne({ method: 'POST', url: ApiPaths.myDevices }).flush(ENROLMENT);
      await fixture.whenStable();
      typeInto(inDialog('device-code'), '123456');
      await clickInDialog(fixture, 'confirm-device');
      http
        .expectOne(ApiPaths.myDevicesConfirm)
        .flush({ device: { ...PHONE, lastUsedAt: null }, backupCodes: null } satisfies ConfirmDeviceAnswer);
      await dialogClosed(fixture);

      expect(queryTestId(fixture, 'own-2fa-needs-device')).toBeNull();
      expect(byTestId(fixture, 'own-2fa-toggle').textContent?.trim()).toBe('Switch on');
    });

    it('switches on with a code and shows the new state', async () => {
      fixture = await renderProfile(http, optInView({ devices: [PHONE], backupCodesRemaining: 10 }));
      typeInto(byTestId(fixture, 'own-2fa-code'), '246810');
      await click(fixture, 'own-2fa-toggle');

      const put = http.expectOne({ method: 'PUT', url: ApiPaths.myTwoFactor });
      expect(put.request.body).toEqual({ enabled: true, code: '246810' });
      put.flush(
        optInView({
          effective: {
            method: 'authenticator',
            reason: { layer: 'own-choice', setBy: 'ann@acme.test', setAt: '2026-11-24T10:00:00Z' },
            floor: 'off',
            graceDays: 0,
          },
          devices: [PHONE],
          backupCodesRemaining: 10,
          optedIn: true,
        }),
      );
      await fixture.whenStable();

      expect(text(fixture, 'effective-method')).toBe('Authenticator app');
      expect(text(fixture, 'effective-reason')).toBe('You switched it on yourself on 24 Nov 2026.');
      expect(text(fixture, 'own-2fa-state')).toContain('On');
      expect(byTestId(fixture, 'own-2fa-toggle').textContent?.trim()).toBe('Switch off');
      expect(byTestId<HTMLInputElement>(fixture, 'own-2fa-code').value).toBe('');
    });

    it('switches off only with a valid code, saying why not', async () => {
      fixture = await renderProfile(
        http,
        optInView({ devices: [PHONE], optedIn: true, backupCodesRemaining: 10 }),
      );
      await click(fixture, 'own-2fa-toggle');
      http.expectNone(ApiPaths.myTwoFactor);
      expect(fixture.nativeElement.textContent).toContain('Enter the code your app shows now.');

      typeInto(byTestId(fixture, 'own-2fa-code'), '135790');
      await click(fixture, 'own-2fa-toggle');
      const put = http.expectOne(ApiPaths.myTwoFactor);
      expect(put.request.body).toEqual({ enabled: false, code: '135790' });
      put.flush(...failure(401, { message: 'That code was already used.', reason: 'replayed' }));
      await fixture.whenStable();

      expect(text(fixture, 'own-2fa-error')).toBe('That code was already used.');
      expect(byTestId<HTMLInputElement>(fixture, 'own-2fa-code').value).toBe('135790');
      expect(byTestId(fixture, 'own-2fa-toggle').textContent?.trim()).toBe('Switch off');
    });
  });

  describe('sign out everywhere', () => {
    let navigate: jest.SpyInstance;

    beforeEach(() => {
      navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    });

    it('asks first, then ends every session and goes to the sign-in page with a notice', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'sign-out-everywhere');

      expect(dialog().textContent).toContain('Sign out everywhere?');
      expect(inDialog('confirm-message').textContent).toContain('forgets the browsers you asked to remember');
      http.expectNone(ApiPaths.signOutEverywhere);
      await clickInDialog(fixture, 'confirm-ok');
      await dialogClosed(fixture);

      const request = http.expectOne({ method: 'POST', url: ApiPaths.signOutEverywhere });
      expect(request.request.body).toEqual({});
      expect(byTestId<HTMLButtonElement>(fixture, 'sign-out-everywhere').disabled).toBe(true);
      expect(navigate).not.toHaveBeenCalled();
      request.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(TestBed.inject(SessionStore).answer()).toEqual({ state: 'signed-out' });
      expect(TestBed.inject(SessionStore).me()).toBeNull();
      expect(TestBed.inject(SignInNotice).take()).toBe(
        'You have signed out everywhere. Remembered browsers will ask for your code again.',
      );
      expect(navigate).toHaveBeenCalledWith('/sign-in');
    });

    it('does nothing when the confirmation is cancelled', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'sign-out-everywhere');
      await clickInDialog(fixture, 'confirm-cancel');
      await dialogClosed(fixture);

      http.expectNone(ApiPaths.signOutEverywhere);
      expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
      expect(navigate).not.toHaveBeenCalled();
    });

    it('keeps the session and says why when the API refuses', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'sign-out-everywhere');
      await clickInDialog(fixture, 'confirm-ok');
      await dialogClosed(fixture);

      http.expectOne(ApiPaths.signOutEverywhere).flush(null, { status: 500, statusText: 'Server Error' });
      await fixture.whenStable();

      expect(text(fixture, 'sign-out-everywhere-error')).toContain(
        'You were not signed out: Something went wrong',
      );
      expect(byTestId<HTMLButtonElement>(fixture, 'sign-out-everywhere').disabled).toBe(false);
      expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
      expect(TestBed.inject(SignInNotice).take()).toBeNull();
      expect(navigate).not.toHaveBeenCalled();
    });
  });
});

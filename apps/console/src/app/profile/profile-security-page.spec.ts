import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router } from '@angular/router';
import {
  ApiPaths,
  ConfirmDeviceAnswer,
  DeviceView,
  FactorFailureBody,
  MySecurityView,
  TotpEnrolment,
} from '@latchkey/contracts';
import { PIN_RULES_TEXT } from '@latchkey/policy';
import { allByTestId, byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { FileDownload } from '../shared/file-download';
import { SessionStore } from '../core/session-store';
import { SignInNotice } from '../core/sign-in-notice';
import { ProfileSecurityPage } from './profile-security-page';

const PHONE: DeviceView = {
  id: 'device-1',
  name: 'Pixel 8',
  createdAt: '2026-10-01T09:00:00Z',
  lastUsedAt: '2026-11-23T08:30:00Z',
};

const TABLET: DeviceView = {
  id: 'device-2',
  name: 'iPad',
  createdAt: '2026-11-02T09:00:00Z',
  lastUsedAt: null,
};

function view(overrides: Partial<MySecurityView> = {}): MySecurityView {
  return {
    effective: {
      method: 'authenticator',
      reason: { layer: 'user-type', setBy: 'olivia@acme.test', setAt: '2026-11-20T12:00:00Z' },
      floor: 'off',
      graceDays: 0,
    },
    devices: [PHONE, TABLET],
    hasPin: false,
    backupCodesRemaining: 7,
    optedIn: false,
    canOptIn: false,
    ...overrides,
  };
}

/** Off by default, the choice left to the user. */
function optInView(overrides: Partial<MySecurityView> = {}): MySecurityView {
  return view({
    effective: {
      method: 'off',
      reason: { layer: 'default', setBy: null, setAt: null },
      floor: 'off',
      graceDays: 0,
    },
    devices: [],
    backupCodesRemaining: 0,
    canOptIn: true,
    ...overrides,
  });
}

const ENROLMENT: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  secretGroups: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  otpauthUri: 'otpauth://totp/Latchkey%20(Acme):ann%40acme.test?secret=JBSWY3DPEHPK3PXP',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Latchkey (Acme)',
  label: 'ann@acme.test (Employee)',
};

const CODES = Array.from({ length: 10 }, (_, i) => `${i + 1}-k7qp-2m4x-h${'abcdefghij'[i]}`);

function failure(status: number, body: Partial<FactorFailureBody>) {
  return [
    { statusCode: status, error: status === 423 ? 'Locked' : 'Unauthorized', ...body },
    { status, statusText: 'Error' },
  ] as const;
}

function fieldErrors(...errors: Array<[string, string]>) {
  return [
    {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: errors.map(([field, message]) => ({ field, messages: [message] })),
    },
    { status: 400, statusText: 'Bad Request' },
  ] as const;
}

describe('ProfileSecurityPage', () => {
  let fixture: ComponentFixture<ProfileSecurityPage>;
  let http: HttpTestingController;
  let save: jest.Mock;

  async function render(answer: MySecurityView = view()): Promise<void> {
    fixture = TestBed.createComponent(ProfileSecurityPage);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: ApiPaths.mySecurity }).flush(answer);
    await fixture.whenStable();
  }

  async function click(testId: string): Promise<void> {
    byTestId<HTMLButtonElement>(fixture, testId).click();
    await fixture.whenStable();
  }

  function text(testId: string): string {
    return byTestId(fixture, testId).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  function texts(testId: string): string[] {
    return allByTestId(fixture, testId).map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  function dialog(): HTMLElement {
    const container = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!container) {
      throw new Error('No dialog is open');
    }
    return container;
  }

  function inDialog<T extends HTMLElement = HTMLElement>(testId: string): T {
    const element = dialog().querySelector<T>(`[data-testid="${testId}"]`);
    if (!element) {
      throw new Error(`No data-testid="${testId}" in the dialog:\n${dialog().textContent}`);
    }
    return element;
  }

  async function clickInDialog(testId: string): Promise<void> {
    inDialog<HTMLButtonElement>(testId).click();
    await fixture.whenStable();
  }

  /** The dialog hands its result over after it is gone from the page, a task later. */
  async function dialogClosed(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  beforeEach(() => {
    save = jest.fn();
    TestBed.configureTestingModule({
      imports: [ProfileSecurityPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: FileDownload, useValue: { save } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('user') });
  });

  afterEach(() => http.verify());

  it('shows the method with its reason, the devices and the backup codes left', async () => {
    await render();

    expect(text('effective-method')).toBe('Authenticator app');
    expect(text('effective-reason')).toBe(
      'The policy for Employee asks for it. Set by olivia@acme.test on 20 Nov 2026.',
    );
    expect(queryTestId(fixture, 'method-needs-device')).toBeNull();
    expect(texts('device-label')).toEqual(['Pixel 8', 'iPad']);
    expect(texts('device-added')).toEqual(['1 Oct 2026', '2 Nov 2026']);
    expect(texts('device-last-used')[0]).toMatch(/^23 Nov 2026, \d\d:\d\d$/);
    expect(texts('device-last-used')[1]).toBe('never');
    expect(text('backup-remaining')).toBe('7 of 10 backup codes left.');
    // No PIN and not the PIN method; the choice is not the user's.
    expect(queryTestId(fixture, 'new-pin')).toBeNull();
    expect(queryTestId(fixture, 'own-2fa-toggle')).toBeNull();
  });

  it('says when the page cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(ProfileSecurityPage);
    await fixture.whenStable();
    http.expectOne(ApiPaths.mySecurity).flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(text('security-load-error')).toContain('Something went wrong on our side');
    await click('security-retry');
    http.expectOne(ApiPaths.mySecurity).flush(view());
    await fixture.whenStable();
    expect(texts('device-label')).toEqual(['Pixel 8', 'iPad']);
  });

  describe('devices', () => {
    async function openAddDevice(): Promise<void> {
      await click('add-device');
      const start = http.expectOne({ method: 'POST', url: ApiPaths.myDevices });
      expect(start.request.body).toEqual({});
      start.flush(ENROLMENT);
      await fixture.whenStable();
    }

    it('adds a device: QR code and key, a code and a name, then the first backup codes once', async () => {
      const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
      await render(view({ devices: [], backupCodesRemaining: 0 }));
      expect(text('no-devices')).toBe('No authenticator app is set up yet.');
      expect(text('method-needs-device')).toContain('Your sign-in needs an authenticator app');
      await openAddDevice();

      expect(inDialog<HTMLImageElement>('device-qr').getAttribute('src')).toBe(ENROLMENT.qrCode);
      expect(inDialog('device-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
      typeInto(inDialog('device-code'), '123 456');
      typeInto(inDialog('device-name'), '  Work phone ');
      await clickInDialog('confirm-device');

      const confirm = http.expectOne({ method: 'POST', url: ApiPaths.myDevicesConfirm });
      expect(confirm.request.body).toEqual({ code: '123456', deviceName: 'Work phone' });
      const added: DeviceView = {
        id: 'device-9',
        name: 'Work phone',
        createdAt: '2026-11-24T10:00:00Z',
        lastUsedAt: null,
      };
      confirm.flush({ device: added, backupCodes: CODES } satisfies ConfirmDeviceAnswer);
      await fixture.whenStable();

      const shown = Array.from(dialog().querySelectorAll('[data-testid="backup-code"]')).map(
        (c) => c.textContent,
      );
      expect(shown).toEqual(CODES);
      expect(dialog().textContent).toContain('shown only this once');
      await clickInDialog('copy-backup-codes');
      expect(copy).toHaveBeenCalledWith(CODES.join('\n'));
      await clickInDialog('download-backup-codes');
      expect(save).toHaveBeenCalledWith(expect.any(Blob), 'latchkey-backup-codes.txt');

      await clickInDialog('add-device-done');
      await dialogClosed();
      expect(texts('device-label')).toEqual(['Work phone']);
      expect(text('backup-remaining')).toBe('10 of 10 backup codes left.');
      expect(queryTestId(fixture, 'method-needs-device')).toBeNull();
      expect(document.body.textContent).not.toContain(CODES[0]);
      expect(document.body.textContent).not.toContain(ENROLMENT.secretGroups);
    });

    it('closes at once when the login already had backup codes', async () => {
      await render();
      await openAddDevice();
      typeInto(inDialog('device-code'), '123456');
      await clickInDialog('confirm-device');

      const confirm = http.expectOne(ApiPaths.myDevicesConfirm);
      expect(confirm.request.body).toEqual({ code: '123456' });
      confirm.flush({ device: { ...TABLET, id: 'device-3', name: 'Authenticator' }, backupCodes: null });
      await dialogClosed();

      expect(texts('device-label')).toEqual(['Pixel 8', 'iPad', 'Authenticator']);
      expect(text('backup-remaining')).toBe('7 of 10 backup codes left.');
    });

    it('keeps the dialog and what was typed when the code is refused', async () => {
      await render();
      await openAddDevice();
      typeInto(inDialog('device-code'), '000000');
      typeInto(inDialog('device-name'), 'Work phone');
      await clickInDialog('confirm-device');
      http
        .expectOne(ApiPaths.myDevicesConfirm)
        .flush(...failure(401, { message: 'Incorrect code.', reason: 'incorrect' }));
      await fixture.whenStable();

      expect(inDialog('add-device-error').textContent?.trim()).toBe('Incorrect code.');
      expect(inDialog<HTMLInputElement>('device-code').value).toBe('000000');
      expect(inDialog<HTMLInputElement>('device-name').value).toBe('Work phone');
      expect(texts('device-label')).toEqual(['Pixel 8', 'iPad']);
    });

    it('says when no key could be made, and tries again', async () => {
      await render();
      await click('add-device');
      http.expectOne(ApiPaths.myDevices).flush(null, { status: 503, statusText: 'Unavailable' });
      await fixture.whenStable();

      expect(inDialog('add-device-error').textContent).toContain('Something went wrong on our side');
      expect(dialog().querySelector('[data-testid="device-code"]')).toBeNull();
      await clickInDialog('add-device-retry');
      http.expectOne({ method: 'POST', url: ApiPaths.myDevices }).flush(ENROLMENT);
      await fixture.whenStable();
      expect(inDialog('device-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
    });

    it('does not send a code that is not 6 digits', async () => {
      await render();
      await openAddDevice();
      typeInto(inDialog('device-code'), '12345');
      await clickInDialog('confirm-device');

      http.expectNone(ApiPaths.myDevicesConfirm);
      expect(dialog().textContent).toContain('Enter the 6 digits your app shows.');
    });

    it('renames a device', async () => {
      await render();
      await click('rename-device');

      const name = inDialog<HTMLInputElement>('rename-device-name');
      expect(name.value).toBe('Pixel 8');
      typeInto(name, ' Old phone ');
      await clickInDialog('rename-device-save');
      const patch = http.expectOne({ method: 'PATCH', url: ApiPaths.myDevice('device-1') });
      expect(patch.request.body).toEqual({ name: 'Old phone' });
      patch.flush({ ...PHONE, name: 'Old phone' });
      await dialogClosed();

      expect(texts('device-label')).toEqual(['Old phone', 'iPad']);
    });

    it('shows a refused name under the field and keeps it', async () => {
      await render();
      await click('rename-device');
      typeInto(inDialog<HTMLInputElement>('rename-device-name'), 'iPad');
      await clickInDialog('rename-device-save');
      http
        .expectOne(ApiPaths.myDevice('device-1'))
        .flush(...fieldErrors(['name', 'You already have a device named "iPad".']));
      await fixture.whenStable();

      expect(inDialog('rename-device-name-error').textContent?.trim()).toBe(
        'You already have a device named "iPad".',
      );
      expect(inDialog<HTMLInputElement>('rename-device-name').value).toBe('iPad');
    });

    it('removes a device only after confirming, then asks for the page again', async () => {
      await render();
      allByTestId<HTMLButtonElement>(fixture, 'remove-device')[1].click();
      await fixture.whenStable();
      expect(dialog().textContent).toContain('Remove "iPad"?');
      http.expectNone(ApiPaths.myDevice('device-2'));
      await clickInDialog('confirm-ok');
      await dialogClosed();

      http.expectOne({ method: 'DELETE', url: ApiPaths.myDevice('device-2') }).flush(null, {
        status: 204,
        statusText: 'No Content',
      });
      await fixture.whenStable();
      expect(texts('device-label')).toEqual(['Pixel 8']);
      http.expectOne(ApiPaths.mySecurity).flush(view({ devices: [PHONE] }));
      await fixture.whenStable();
      expect(texts('device-label')).toEqual(['Pixel 8']);
    });

    it('removes nothing when the confirmation is cancelled', async () => {
      await render();
      allByTestId<HTMLButtonElement>(fixture, 'remove-device')[0].click();
      await fixture.whenStable();
      await clickInDialog('confirm-cancel');
      await dialogClosed();

      http.expectNone(ApiPaths.myDevice('device-1'));
      expect(texts('device-label')).toEqual(['Pixel 8', 'iPad']);
    });

    it('shows why the last device cannot be removed and keeps it', async () => {
      await render(view({ devices: [PHONE] }));
      await click('remove-device');
      await clickInDialog('confirm-ok');
      await dialogClosed();

      http.expectOne({ method: 'DELETE', url: ApiPaths.myDevice('device-1') }).flush(
        {
          statusCode: 409,
          error: 'Conflict',
          message:
            'Your account requires the authenticator app: add another device before removing this one.',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await fixture.whenStable();

      expect(text('devices-error')).toBe(
        '"Pixel 8" was not removed: Your account requires the authenticator app: add another device before removing this one.',
      );
      expect(texts('device-label')).toEqual(['Pixel 8']);
      expect(byTestId<HTMLButtonElement>(fixture, 'remove-device').disabled).toBe(false);
    });
  });

  describe('PIN', () => {
    async function fillPin(values: { current?: string; pin: string; again: string }): Promise<void> {
      if (values.current !== undefined) {
        typeInto(byTestId(fixture, 'current-pin'), values.current);
      }
      typeInto(byTestId(fixture, 'new-pin'), values.pin);
      typeInto(byTestId(fixture, 'new-pin-confirmation'), values.again);
      await click('save-pin');
    }

    it('changes the PIN with the current one', async () => {
      await render(view({ hasPin: true }));
      expect(byTestId(fixture, 'save-pin').textContent?.trim()).toBe('Change PIN');
      expect(text('new-pin-rules')).toBe(PIN_RULES_TEXT);
      await fillPin({ current: '480213', pin: '739415', again: '739415' });

      const put = http.expectOne({ method: 'PUT', url: ApiPaths.myPin });
      expect(put.request.body).toEqual({ currentPin: '480213', pin: '739415', pinConfirmation: '739415' });
      put.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(byTestId<HTMLInputElement>(fixture, 'current-pin').value).toBe('');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('');
      expect(queryTestId(fixture, 'pin-error')).toBeNull();
      expect(document.body.textContent).toContain('Your PIN was changed.');
    });

    it('sets a first PIN without asking for a current one', async () => {
      await render(
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
      await render(view({ hasPin: true }));
      await fillPin({ current: '111222', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(...failure(401, { message: 'The current PIN is not correct.', reason: 'incorrect' }));
      await fixture.whenStable();

      expect(text('current-pin-error')).toBe('The current PIN is not correct.');
      expect(byTestId<HTMLInputElement>(fixture, 'current-pin').value).toBe('111222');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('739415');
    });

    it('places the field errors of a 400 under their fields', async () => {
      await render(view({ hasPin: true }));
      await fillPin({ current: '480213', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(...fieldErrors(['pin', 'pin is not acceptable'], ['other', 'Something else.']));
      await fixture.whenStable();

      expect(text('new-pin-error')).toBe('pin is not acceptable');
      expect(text('pin-error')).toBe('Something else.');
      expect(byTestId<HTMLInputElement>(fixture, 'new-pin').value).toBe('739415');
    });

    it.each<[string, string]>([
      ['123456', 'The PIN is too easy to guess'],
      ['111111', 'The PIN is too easy to guess'],
      ['121212', 'The PIN is too easy to guess'],
      ['12345', 'The PIN must have at least 6 digits.'],
      ['1234567890123', 'The PIN must have at most 12 digits.'],
    ])('refuses the new PIN %s before sending, as the API would', async (pin, message) => {
      await render(view({ hasPin: true }));
      await fillPin({ current: '480213', pin, again: pin });

      http.expectNone(ApiPaths.myPin);
      expect(text('new-pin-error')).toContain(message);
    });

    it('shows a lock in words', async () => {
      await render(view({ hasPin: true }));
      await fillPin({ current: '480213', pin: '739415', again: '739415' });
      http
        .expectOne(ApiPaths.myPin)
        .flush(...failure(423, { message: 'Locked', reason: 'locked', lockedUntil: null }));
      await fixture.whenStable();

      expect(text('pin-error')).toBe(
        'Too many wrong attempts: this login is locked. Ask your account owner to unlock it.',
      );
    });

    it('sends nothing when the two PINs differ or a current PIN is missing', async () => {
      await render(view({ hasPin: true }));
      await fillPin({ current: '', pin: '739415', again: '739416' });

      http.expectNone(ApiPaths.myPin);
      expect(text('pin-mismatch')).toBe('The two PINs are not the same.');
      expect(fixture.nativeElement.textContent).toContain('Enter your current PIN.');
    });
  });

  describe('backup codes', () => {
    it('makes a new set with a code from the app and shows it once', async () => {
      await render(view({ backupCodesRemaining: 2 }));
      expect(text('backup-remaining')).toBe('2 of 10 backup codes left. Make a new set before you run out.');
      expect(queryTestId(fixture, 'regenerate-code')).toBeNull();
      await click('regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '654 321');
      await click('regenerate-submit');

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
      await clickInDialog('backup-codes-done');
      await dialogClosed();

      expect(text('backup-remaining')).toBe('10 of 10 backup codes left.');
      expect(queryTestId(fixture, 'regenerate-code')).toBeNull();
      expect(document.body.textContent).not.toContain(CODES[0]);
    });

    it('sends only a code from the app', async () => {
      await render();
      await click('regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '3-k7qp-2m4x-hc');
      await click('regenerate-submit');

      http.expectNone(ApiPaths.myBackupCodes);
      expect(fixture.nativeElement.textContent).toContain('Enter the 6 digits your app shows.');
    });

    it('says why a code is refused and keeps it', async () => {
      await render();
      await click('regenerate-backup-codes');
      typeInto(byTestId(fixture, 'regenerate-code'), '111111');
      await click('regenerate-submit');
      http
        .expectOne(ApiPaths.myBackupCodes)
        .flush(...failure(401, { reason: 'clock-drift', driftSeconds: -180 }));
      await fixture.whenStable();

      expect(text('regenerate-error')).toBe(
        "That code is from another time: your phone's clock looks about 3 minutes behind.",
      );
      expect(byTestId<HTMLInputElement>(fixture, 'regenerate-code').value).toBe('111111');
      expect(document.querySelector('mat-dialog-container')).toBeNull();
      expect(text('backup-remaining')).toBe('7 of 10 backup codes left.');
    });
  });

  describe('own two-factor', () => {
    it('guides the user to add a device before switching on', async () => {
      await render(optInView());

      expect(text('own-2fa-state')).toContain('Off');
      expect(text('own-2fa-needs-device')).toContain('first add an authenticator app');
      expect(queryTestId(fixture, 'own-2fa-toggle')).toBeNull();

      await click('own-2fa-add-device');
      http.expectOne({ method: 'POST', url: ApiPaths.myDevices }).flush(ENROLMENT);
      await fixture.whenStable();
      typeInto(inDialog('device-code'), '123456');
      await clickInDialog('confirm-device');
      http
        .expectOne(ApiPaths.myDevicesConfirm)
        .flush({ device: { ...PHONE, lastUsedAt: null }, backupCodes: null } satisfies ConfirmDeviceAnswer);
      await dialogClosed();

      expect(queryTestId(fixture, 'own-2fa-needs-device')).toBeNull();
      expect(byTestId(fixture, 'own-2fa-toggle').textContent?.trim()).toBe('Switch on');
    });

    it('switches on with a code and shows the new state', async () => {
      await render(optInView({ devices: [PHONE], backupCodesRemaining: 10 }));
      typeInto(byTestId(fixture, 'own-2fa-code'), '246810');
      await click('own-2fa-toggle');

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

      expect(text('effective-method')).toBe('Authenticator app');
      expect(text('effective-reason')).toBe('You switched it on yourself on 24 Nov 2026.');
      expect(text('own-2fa-state')).toContain('On');
      expect(byTestId(fixture, 'own-2fa-toggle').textContent?.trim()).toBe('Switch off');
      expect(byTestId<HTMLInputElement>(fixture, 'own-2fa-code').value).toBe('');
    });

    it('switches off only with a valid code, saying why not', async () => {
      await render(optInView({ devices: [PHONE], optedIn: true, backupCodesRemaining: 10 }));
      await click('own-2fa-toggle');
      http.expectNone(ApiPaths.myTwoFactor);
      expect(fixture.nativeElement.textContent).toContain('Enter the code your app shows now.');

      typeInto(byTestId(fixture, 'own-2fa-code'), '135790');
      await click('own-2fa-toggle');
      const put = http.expectOne(ApiPaths.myTwoFactor);
      expect(put.request.body).toEqual({ enabled: false, code: '135790' });
      put.flush(...failure(401, { message: 'That code was already used.', reason: 'replayed' }));
      await fixture.whenStable();

      expect(text('own-2fa-error')).toBe('That code was already used.');
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
      await render();
      await click('sign-out-everywhere');

      expect(dialog().textContent).toContain('Sign out everywhere?');
      expect(inDialog('confirm-message').textContent).toContain('forgets the browsers you asked to remember');
      http.expectNone(ApiPaths.signOutEverywhere);
      await clickInDialog('confirm-ok');
      await dialogClosed();

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
      await render();
      await click('sign-out-everywhere');
      await clickInDialog('confirm-cancel');
      await dialogClosed();

      http.expectNone(ApiPaths.signOutEverywhere);
      expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
      expect(navigate).not.toHaveBeenCalled();
    });

    it('keeps the session and says why when the API refuses', async () => {
      await render();
      await click('sign-out-everywhere');
      await clickInDialog('confirm-ok');
      await dialogClosed();

      http.expectOne(ApiPaths.signOutEverywhere).flush(null, { status: 500, statusText: 'Server Error' });
      await fixture.whenStable();

      expect(text('sign-out-everywhere-error')).toContain('You were not signed out: Something went wrong');
      expect(byTestId<HTMLButtonElement>(fixture, 'sign-out-everywhere').disabled).toBe(false);
      expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
      expect(TestBed.inject(SignInNotice).take()).toBeNull();
      expect(navigate).not.toHaveBeenCalled();
    });
  });
});

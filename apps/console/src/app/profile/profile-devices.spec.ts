import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, ConfirmDeviceAnswer, DeviceView } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../testing/fixtures';
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
  renderProfile,
  text,
  texts,
  view,
  failure,
  fieldErrors,
  TABLET,
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

  describe('devices', () => {
    async function openAddDevice(): Promise<void> {
      await click(fixture, 'add-device');
      const start = http.expectOne({ method: 'POST', url: ApiPaths.myDevices });
      expect(start.request.body).toEqual({});
      start.flush(ENROLMENT);
      await fixture.whenStable();
    }

    it('adds a device: QR code and key, a code and a name, then the first backup codes once', async () => {
      const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
      fixture = await renderProfile(http, view({ devices: [], backupCodesRemaining: 0 }));
      expect(text(fixture, 'no-devices')).toBe('No authenticator app is set up yet.');
      expect(text(fixture, 'method-needs-device')).toContain('Your sign-in needs an authenticator app');
      await openAddDevice();

      expect(inDialog<HTMLImageElement>('device-qr').getAttribute('src')).toBe(ENROLMENT.qrCode);
      expect(inDialog('device-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
      typeInto(inDialog('device-code'), '123 456');
      typeInto(inDialog('device-name'), '  Work phone ');
      await clickInDialog(fixture, 'confirm-device');

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
      await clickInDialog(fixture, 'copy-backup-codes');
      expect(copy).toHaveBeenCalledWith(CODES.join('\n'));
      await clickInDialog(fixture, 'download-backup-codes');
      expect(save).toHaveBeenCalledWith(expect.any(Blob), 'latchkey-backup-codes.txt');
      expect(inDialog('print-backup-codes').textContent?.trim()).toBe('Print');

      await clickInDialog(fixture, 'add-device-done');
      await dialogClosed(fixture);
      expect(texts(fixture, 'device-label')).toEqual(['Work phone']);
      expect(text(fixture, 'backup-remaining')).toBe('10 of 10 backup codes left.');
      expect(queryTestId(fixture, 'method-needs-device')).toBeNull();
      expect(document.body.textContent).not.toContain(CODES[0]);
      expect(document.body.textContent).not.toContain(ENROLMENT.secretGroups);
    });

    it('closes on Escape once the backup codes are shown, as Done does', async () => {
      fixture = await renderProfile(http, view({ devices: [], backupCodesRemaining: 0 }));
      await openAddDevice();
      typeInto(inDialog('device-code'), '123456');
      await clickInDialog(fixture, 'confirm-device');
      const device: DeviceView = {
        id: 'device-9',
        name: 'Phone',
        createdAt: '2026-11-24T10:00:00Z',
        lastUsedAt: null,
      };
      http
        .expectOne({ method: 'POST', url: ApiPaths.myDevicesConfirm })
        .flush({ device, backupCodes: CODES } satisfies ConfirmDeviceAnswer);
      await fixture.whenStable();
      expect(inDialog('backup-code')).toBeTruthy();

      dialog().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }));
      await dialogClosed(fixture);
      expect(texts(fixture, 'device-label')).toEqual(['Phone']);
      expect(document.body.textContent).not.toContain(CODES[0]);
    });

    it('closes at once when the login already had backup codes', async () => {
      fixture = await renderProfile(http);
      await openAddDevice();
      typeInto(inDialog('device-code'), '123456');
      await clickInDialog(fixture, 'confirm-device');

      const confirm = http.expectOne(ApiPaths.myDevicesConfirm);
      expect(confirm.request.body).toEqual({ code: '123456' });
      confirm.flush({ device: { ...TABLET, id: 'device-3', name: 'Authenticator' }, backupCodes: null });
      await dialogClosed(fixture);

      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8', 'iPad', 'Authenticator']);
      expect(text(fixture, 'backup-remaining')).toBe('7 of 10 backup codes left.');
    });

    it('keeps the dialog and what was typed when the code is refused', async () => {
      fixture = await renderProfile(http);
      await openAddDevice();
      typeInto(inDialog('device-code'), '000000');
      typeInto(inDialog('device-name'), 'Work phone');
      await clickInDialog(fixture, 'confirm-device');
      http
        .expectOne(ApiPaths.myDevicesConfirm)
        .flush(...failure(401, { message: 'Incorrect code.', reason: 'incorrect' }));
      await fixture.whenStable();

      expect(inDialog('add-device-error').textContent?.trim()).toBe('Incorrect code.');
      expect(inDialog<HTMLInputElement>('device-code').value).toBe('000000');
      expect(inDialog<HTMLInputElement>('device-name').value).toBe('Work phone');
      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8', 'iPad']);
    });

    it('says when no key could be made, and tries again', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'add-device');
      http.expectOne(ApiPaths.myDevices).flush(null, { status: 503, statusText: 'Unavailable' });
      await fixture.whenStable();

      expect(inDialog('add-device-error').textContent).toContain('Something went wrong on our side');
      expect(dialog().querySelector('[data-testid="device-code"]')).toBeNull();
      await clickInDialog(fixture, 'add-device-retry');
      http.expectOne({ method: 'POST', url: ApiPaths.myDevices }).flush(ENROLMENT);
      await fixture.whenStable();
      expect(inDialog('device-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
    });

    it('does not send a code that is not 6 digits', async () => {
      fixture = await renderProfile(http);
      await openAddDevice();
      typeInto(inDialog('device-code'), '12345');
      await clickInDialog(fixture, 'confirm-device');

      http.expectNone(ApiPaths.myDevicesConfirm);
      expect(dialog().textContent).toContain('Enter the 6 digits your app shows.');
    });

    it('renames a device', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'rename-device');

      const name = inDialog<HTMLInputElement>('rename-device-name');
      expect(name.value).toBe('Pixel 8');
      typeInto(name, ' Old phone ');
      await clickInDialog(fixture, 'rename-device-save');
      const patch = http.expectOne({ method: 'PATCH', url: ApiPaths.myDevice('device-1') });
      expect(patch.request.body).toEqual({ name: 'Old phone' });
      patch.flush({ ...PHONE, name: 'Old phone' });
      await dialogClosed(fixture);

      expect(texts(fixture, 'device-label')).toEqual(['Old phone', 'iPad']);
    });

    it('shows a refused name under the field and keeps it', async () => {
      fixture = await renderProfile(http);
      await click(fixture, 'rename-device');
      typeInto(inDialog<HTMLInputElement>('rename-device-name'), 'iPad');
      await clickInDialog(fixture, 'rename-device-save');
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
      fixture = await renderProfile(http);
      allByTestId<HTMLButtonElement>(fixture, 'remove-device')[1].click();
      await fixture.whenStable();
      expect(dialog().textContent).toContain('Remove "iPad"?');
      http.expectNone(ApiPaths.myDevice('device-2'));
      await clickInDialog(fixture, 'confirm-ok');
      await dialogClosed(fixture);

      http.expectOne({ method: 'DELETE', url: ApiPaths.myDevice('device-2') }).flush(null, {
        status: 204,
        statusText: 'No Content',
      });
      await fixture.whenStable();
      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8']);
      http.expectOne(ApiPaths.mySecurity).flush(view({ devices: [PHONE] }));
      await fixture.whenStable();
      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8']);
    });

    it('removes nothing when the confirmation is cancelled', async () => {
      fixture = await renderProfile(http);
      allByTestId<HTMLButtonElement>(fixture, 'remove-device')[0].click();
      await fixture.whenStable();
      await clickInDialog(fixture, 'confirm-cancel');
      await dialogClosed(fixture);

      http.expectNone(ApiPaths.myDevice('device-1'));
      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8', 'iPad']);
    });

    it('shows why the last device cannot be removed and keeps it', async () => {
      fixture = await renderProfile(http, view({ devices: [PHONE] }));
      await click(fixture, 'remove-device');
      await clickInDialog(fixture, 'confirm-ok');
      await dialogClosed(fixture);

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

      expect(text(fixture, 'devices-error')).toBe(
        '"Pixel 8" was not removed: Your account requires the authenticator app: add another device before removing this one.',
      );
      expect(texts(fixture, 'device-label')).toEqual(['Pixel 8']);
      expect(byTestId<HTMLButtonElement>(fixture, 'remove-device').disabled).toBe(false);
    });
  });
});

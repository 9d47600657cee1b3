import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, EnrolmentConfirmedAnswer, TotpEnrolment } from '@latchkey/contracts';
import { allByTestId, byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { BackupCodesPrinter } from '../shared/backup-codes-file';
import { FileDownload } from '../shared/file-download';
import { SessionStore } from '../core/session-store';
import { TotpEnrolPage } from './totp-enrol-page';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, refusal, renderStep } from './step-testing';

const ENROLMENT: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  secretGroups: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  otpauthUri: 'otpauth://totp/Latchkey%20%C2%B7%20Acme:ann%40acme.test%20(Employee)?secret=JBSWY3DPEHPK3PXP',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Latchkey · Acme',
  label: 'ann@acme.test (Employee)',
};

const BACKUP_CODES = Array.from({ length: 10 }, (_, i) => `${i + 1}-k7qp-2m4x-h${'abcdefghij'[i]}`);

/** jsdom's Blob has no text(): read it the old way. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('TotpEnrolPage', () => {
  let fixture: ComponentFixture<TotpEnrolPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;
  let save: jest.Mock;

  async function render(deadline: string | null = null): Promise<void> {
    fixture = await renderStep(TotpEnrolPage, { state: 'totp-enrol', deadline });
  }

  async function click(testId: string): Promise<void> {
    byTestId<HTMLButtonElement>(fixture, testId).click();
    await fixture.whenStable();
  }

  /** Through the first two steps, answering the enrolment. */
  async function reachConfirm(): Promise<void> {
    await click('wizard-next');
    http.expectOne({ method: 'POST', url: ApiPaths.totpEnrol }).flush(ENROLMENT);
    await fixture.whenStable();
    await click('wizard-next');
  }

  async function enterCode(code: string, deviceName = ''): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'totp-code'), code);
    typeInto(byTestId<HTMLInputElement>(fixture, 'device-name'), deviceName);
    await click('confirm-enrolment');
  }

  beforeEach(() => {
    save = jest.fn();
    let router;
    ({ http, router } = configureStep(TotpEnrolPage, [{ provide: FileDownload, useValue: { save } }]));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('starts with the apps to install, each with store links, and asks for no secret yet', async () => {
    await render();

    const apps = allByTestId(fixture, 'authenticator-app');
    expect(apps.map((a) => a.querySelector('.app-name')?.textContent?.trim())).toEqual([
      'Google Authenticator',
      'Microsoft Authenticator',
      'Authy',
      'FreeOTP',
    ]);
    for (const app of apps) {
      const links = Array.from(app.querySelectorAll('a'));
      expect(links.map((l) => l.textContent?.trim())).toEqual(['App Store', 'Google Play']);
      expect(links.every((l) => l.href.startsWith('https://') && l.rel.includes('noopener'))).toBe(true);
    }
    http.expectNone(ApiPaths.totpEnrol);
    expect(queryTestId(fixture, 'totp-code')).toBeNull();
  });

  it('posts the enrolment on leaving the first step and shows the QR code and the key in groups', async () => {
    await render();
    await click('wizard-next');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.totpEnrol });
    expect(request.request.body).toEqual({});
    request.flush(ENROLMENT);
    await fixture.whenStable();

    const qr = byTestId<HTMLImageElement>(fixture, 'totp-qr');
    expect(qr.getAttribute('src')).toBe(ENROLMENT.qrCode);
    expect(qr.alt).toContain('QR code');
    expect(qr.alt).toContain(ENROLMENT.label);
    expect(byTestId(fixture, 'totp-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
    expect(byTestId(fixture, 'totp-label').textContent).toContain(ENROLMENT.label);
  });

  it('copies the key without its spaces', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();
    await click('wizard-next');
    http.expectOne(ApiPaths.totpEnrol).flush(ENROLMENT);
    await fixture.whenStable();

    await click('copy-secret');

    expect(copy).toHaveBeenCalledWith(ENROLMENT.secret);
    expect(byTestId(fixture, 'copy-secret').textContent).toContain('Copied');
  });

  it('keeps the same secret when going back and forth (asking again would void it)', async () => {
    await render();
    await reachConfirm();
    await click('wizard-back');
    await click('wizard-back');
    await click('wizard-next');

    http.expectNone(ApiPaths.totpEnrol);
    expect(byTestId(fixture, 'totp-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
  });

  it('confirms with the typed code and device name, then shows the 10 backup codes once signed in', async () => {
    await render();
    await reachConfirm();
    await enterCode(' 123 456 ', '  Work phone ');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.totpEnrolConfirm });
    expect(request.request.body).toEqual({ code: '123456', deviceName: 'Work phone' });
    const answer: EnrolmentConfirmedAnswer = {
      state: 'signed-in',
      me: me('user'),
      backupCodes: BACKUP_CODES,
    };
    request.flush(answer);
    await fixture.whenStable();

    const codes = allByTestId(fixture, 'backup-code').map((c) => c.textContent?.trim());
    expect(codes).toEqual(BACKUP_CODES);
    expect(byTestId(fixture, 'enrolled').textContent).toContain('shown only this once');
    // Signed in, but the codes are not kept in the store.
    expect(TestBed.inject(SessionStore).answer()).toEqual({ state: 'signed-in', me: me('user') });
    expect(queryTestId(fixture, 'cancel-sign-in')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();

    await click('backup-codes-done');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('leaves the device name out when none is given', async () => {
    await render();
    await reachConfirm();
    await enterCode('654321');

    const request = http.expectOne(ApiPaths.totpEnrolConfirm);
    expect(request.request.body).toEqual({ code: '654321' });
    request.flush({ state: 'signed-in', me: me('user'), backupCodes: BACKUP_CODES });
  });

  it('copies, downloads the backup codes as a text file and prints them', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();
    await reachConfirm();
    await enterCode('123456');
    http
      .expectOne(ApiPaths.totpEnrolConfirm)
      .flush({ state: 'signed-in', me: me('user'), backupCodes: BACKUP_CODES });
    await fixture.whenStable();

    await click('copy-backup-codes');
    expect(copy).toHaveBeenCalledWith(BACKUP_CODES.join('\n'));
    expect(byTestId(fixture, 'copy-backup-codes').textContent).toContain('Copied');

    await click('download-backup-codes');
    expect(save).toHaveBeenCalledTimes(1);
    const [file, name] = save.mock.calls[0] as [Blob, string];
    expect(name).toBe('latchkey-backup-codes.txt');
    expect(file.type).toContain('text/plain');
    const text = await readText(file);
    expect(text).toContain('ann@acme.test');
    for (const code of BACKUP_CODES) {
      expect(text).toContain(`\n${code}\n`);
    }

    const print = jest.spyOn(TestBed.inject(BackupCodesPrinter), 'print').mockImplementation(() => undefined);
    await click('print-backup-codes');
    expect(print).toHaveBeenCalledWith(BACKUP_CODES, me('user'), expect.any(Date), expect.any(String));
  });

  it('does not post a code that is not 6 digits', async () => {
    await render();
    await reachConfirm();
    await enterCode('12345');

    http.expectNone(ApiPaths.totpEnrolConfirm);
    expect(fixture.nativeElement.querySelector('mat-error')?.textContent).toContain('6 digits');
  });

  it('shows the API message for a wrong code, stays pending and lets the user try again', async () => {
    await render();
    await reachConfirm();
    await enterCode('000000', 'Work phone');
    http
      .expectOne(ApiPaths.totpEnrolConfirm)
      .flush(...refusal(401, { reason: 'incorrect', message: 'Incorrect code' }));
    await fixture.whenStable();

    expect(byTestId(fixture, 'code-error').textContent?.trim()).toBe('Incorrect code');
    expect(byTestId<HTMLInputElement>(fixture, 'totp-code').value).toBe('');
    expect(byTestId<HTMLInputElement>(fixture, 'device-name').value).toBe('Work phone');
    expect(fixture.nativeElement.querySelector('mat-error')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(SessionStore).answer()?.state).toBe('totp-enrol');

    typeInto(byTestId<HTMLInputElement>(fixture, 'totp-code'), '123456');
    await click('confirm-enrolment');
    const retry = http.expectOne(ApiPaths.totpEnrolConfirm);
    expect(retry.request.body).toEqual({ code: '123456', deviceName: 'Work phone' });
    retry.flush({ state: 'signed-in', me: me('user'), backupCodes: BACKUP_CODES });
    await fixture.whenStable();
    expect(allByTestId(fixture, 'backup-code')).toHaveLength(10);
  });

  it('places field errors of a 400 under their fields', async () => {
    await render();
    await reachConfirm();
    await enterCode('123456', 'x');
    http.expectOne(ApiPaths.totpEnrolConfirm).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'deviceName', messages: ['deviceName must be longer than or equal to 1 characters'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'device-name-error').textContent).toContain('deviceName must be longer');
    expect(queryTestId(fixture, 'code-error')).toBeNull();
  });

  it("explains a clock drift and points at the phone's clock", async () => {
    await render();
    await reachConfirm();
    expect(byTestId(fixture, 'clock-hint').classList).not.toContain('lk-notice');

    await enterCode('111111');
    http.expectOne(ApiPaths.totpEnrolConfirm).flush(
      ...refusal(401, {
        reason: 'clock-drift',
        driftSeconds: 240,
        message: "That code is from another time: your phone's clock looks off by about 4 minutes",
      }),
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'code-error').textContent).toContain('about 4 minutes');
    const hint = byTestId(fixture, 'clock-hint');
    expect(hint.textContent).toContain('set it to automatic time');
    expect(hint.classList).toContain('lk-notice');
  });

  it('says until when a locked login stays locked', async () => {
    await render();
    await reachConfirm();
    await enterCode('111111');
    http
      .expectOne(ApiPaths.totpEnrolConfirm)
      .flush(
        ...refusal(423, { reason: 'locked', lockedUntil: '2030-05-06T07:08:09.000Z', message: 'Locked' }),
      );
    await fixture.whenStable();

    const text = byTestId(fixture, 'code-error').textContent ?? '';
    expect(text).toContain('locked until');
    expect(text).toContain('2030');
    expect(byTestId<HTMLButtonElement>(fixture, 'confirm-enrolment').disabled).toBe(false);
  });

  it('says only an owner can unlock, and stops offering to confirm', async () => {
    await render();
    await reachConfirm();
    await enterCode('111111');
    http
      .expectOne(ApiPaths.totpEnrolConfirm)
      .flush(...refusal(423, { reason: 'locked', lockedUntil: null, message: 'Locked' }));
    await fixture.whenStable();

    expect(byTestId(fixture, 'code-error').textContent).toContain('Ask your account owner to unlock it');
    expect(byTestId<HTMLButtonElement>(fixture, 'confirm-enrolment').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(fixture, 'cancel-sign-in').disabled).toBe(false);
  });

  it('starts again when the pending sign-in expired', async () => {
    await render();
    await reachConfirm();
    await enterCode('123456');
    http.expectOne(ApiPaths.totpEnrolConfirm).flush(...EXPIRED);
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('shows why the enrolment could not start, and offers to try again', async () => {
    await render();
    await click('wizard-next');
    http.expectOne(ApiPaths.totpEnrol).flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(byTestId(fixture, 'enrol-error').textContent).toContain('Something went wrong on our side');
    expect(queryTestId(fixture, 'totp-secret')).toBeNull();

    await click('wizard-next');
    http.expectOne(ApiPaths.totpEnrol).flush(ENROLMENT);
    await fixture.whenStable();
    expect(byTestId(fixture, 'totp-secret')).toBeTruthy();
  });

  it('offers "Remind me later" on the first step while the deadline allows, and not further on', async () => {
    await render('2030-01-02T03:04:05.000Z');

    expect(byTestId(fixture, 'postpone-hint').textContent).toContain('2030');
    expect(byTestId(fixture, 'postpone')).toBeTruthy();
    expect(byTestId(fixture, 'cancel-sign-in')).toBeTruthy();

    await reachConfirm();
    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(byTestId(fixture, 'cancel-sign-in')).toBeTruthy();
  });

  it('says enrolment cannot wait once the deadline is gone', async () => {
    await render(null);

    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(byTestId(fixture, 'enrol-required').textContent).toContain('can no longer be postponed');
  });

  it('marks the current step for assistive technology', async () => {
    await render();
    const current = () =>
      Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[aria-current="step"]')).map((e) =>
        e.textContent?.trim(),
      );

    expect(current()).toEqual(['Get an app']);
    await reachConfirm();
    expect(current()).toEqual(['Confirm']);
  });
});

import { Clipboard } from '@angular/cdk/clipboard';
import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TotpEnrolment } from '@latchkey/contracts';
import { byTestId } from '../../testing/fixtures';
import { BehaviorSubject, map } from 'rxjs';
import { PHONE_WIDTH, TotpKeyPanel } from './totp-key-panel';

const ENROLMENT: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXP',
  secretGroups: 'JBSW Y3DP EHPK 3PXP',
  otpauthUri: 'otpauth://totp/Latchkey:ann%40acme.test?secret=JBSWY3DPEHPK3PXP',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Latchkey',
  label: 'ann@acme.test',
};

describe('TotpKeyPanel', () => {
  let fixture: ComponentFixture<TotpKeyPanel>;
  /** Whether the screen is a phone's, as the breakpoint observer says. */
  let phone: BehaviorSubject<boolean>;
  let asked: string[];

  beforeEach(() => {
    phone = new BehaviorSubject(false);
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: BreakpointObserver,
          useValue: {
            observe: (query: string) => {
              asked.push(query);
              return phone.pipe(map((matches): BreakpointState => ({ matches, breakpoints: {} })));
            },
          },
        },
      ],
    });
  });

  /** The panel's parts in the order they are shown: the link, the QR code, the key. */
  function order(): string[] {
    return Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('[data-testid]')).map(
      (e) => e.dataset['testid'] ?? '',
    );
  }

  async function render(ids?: { qr: string; secret: string; copy: string }): Promise<void> {
    fixture = TestBed.createComponent(TotpKeyPanel);
    fixture.componentRef.setInput('enrolment', ENROLMENT);
    if (ids) {
      fixture.componentRef.setInput('qrSize', 184);
      fixture.componentRef.setInput('qrTestId', ids.qr);
      fixture.componentRef.setInput('secretTestId', ids.secret);
      fixture.componentRef.setInput('copyTestId', ids.copy);
    }
    await fixture.whenStable();
  }

  it('shows the QR code and the key in groups under the sign-in test ids by default', async () => {
    await render();

    const qr = byTestId<HTMLImageElement>(fixture, 'totp-qr');
    expect(qr.getAttribute('src')).toBe(ENROLMENT.qrCode);
    expect(qr.width).toBe(200);
    expect(qr.alt).toContain(ENROLMENT.label);
    expect(byTestId(fixture, 'totp-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
    expect(byTestId(fixture, 'copy-secret').textContent).toContain('Copy key');
  });

  it('takes the test ids and QR size it is given, and copies the key without its spaces', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render({ qr: 'device-qr', secret: 'device-secret', copy: 'copy-device-secret' });

    expect(byTestId<HTMLImageElement>(fixture, 'device-qr').width).toBe(184);
    expect(byTestId(fixture, 'device-secret').textContent?.trim()).toBe(ENROLMENT.secretGroups);
    byTestId<HTMLButtonElement>(fixture, 'copy-device-secret').click();
    await fixture.whenStable();

    expect(copy).toHaveBeenCalledWith(ENROLMENT.secret);
    expect(byTestId(fixture, 'copy-device-secret').textContent).toContain('Copied');
  });

  it('links to the key in an authenticator app: under the key on a wide screen, above the QR code on a phone', async () => {
    await render();

    const link = byTestId<HTMLAnchorElement>(fixture, 'open-in-app');
    expect(link.getAttribute('href')).toBe(ENROLMENT.otpauthUri);
    expect(link.textContent?.trim()).toBe('Open in your authenticator app');
    expect(asked).toEqual([PHONE_WIDTH]);
    expect(PHONE_WIDTH).toBe('(max-width: 600px)');
    expect(order()).toEqual(['totp-qr', 'totp-secret', 'copy-secret', 'open-in-app']);

    phone.next(true);
    await fixture.whenStable();
    expect(order()).toEqual(['open-in-app', 'totp-qr', 'totp-secret', 'copy-secret']);
    expect(byTestId(fixture, 'open-in-app').getAttribute('href')).toBe(ENROLMENT.otpauthUri);
  });

  it('makes no link of an address that is not an authenticator key', async () => {
    fixture = TestBed.createComponent(TotpKeyPanel);
    fixture.componentRef.setInput('enrolment', { ...ENROLMENT, otpauthUri: 'javascript:alert(1)' });
    await fixture.whenStable();

    expect(order()).toEqual(['totp-qr', 'totp-secret', 'copy-secret']);
  });
});

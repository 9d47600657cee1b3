import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, MySecurityView } from '@latchkey/contracts';
import { byTestId, queryTestId } from '../../../testing/fixtures';
import { pageProviders, settle } from '../../shared/testing/component-testing';
import { MyStatus, statusLines } from './my-status';
import { FAILED } from './overview.testing';

function view(overrides: Partial<MySecurityView> = {}): MySecurityView {
  return {
    effective: {
      method: 'authenticator',
      reason: { layer: 'user-type', setBy: 'olivia@acme.test', setAt: null },
      floor: 'off',
      graceDays: 14,
    },
    devices: [],
    hasPin: false,
    backupCodesRemaining: 0,
    optedIn: false,
    canOptIn: false,
    ...overrides,
  };
}

const DEVICE = { id: 'd1', name: 'Phone', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: null };

describe('statusLines', () => {
  it('asks to set up the factor the sign-in asks for and the login does not hold', () => {
    expect(statusLines(view())).toEqual({
      todo: 'Set up your authenticator app.',
      lines: ['Your sign-in asks for: Authenticator app.', 'No authenticator app set up yet.'],
    });
    const pin = view({ effective: { ...view().effective, method: 'pin' } });
    expect(statusLines(pin).todo).toBe('Set up your PIN code.');
    expect(statusLines({ ...pin, hasPin: true }).todo).toBeNull();
  });

  it('says by when a postponed enrolment is due', () => {
    const due = statusLines(view({ enrolDeadline: '2026-12-03T09:30:00.000Z' })).todo ?? '';
    expect(due).toMatch(/^Set up your authenticator app by 3 Dec 2026, \d\d:\d\d \S+\.$/);
  });

  it('counts devices and the backup codes left once an app is set up', () => {
    expect(statusLines(view({ devices: [DEVICE], backupCodesRemaining: 7 }))).toEqual({
      todo: null,
      lines: [
        'Your sign-in asks for: Authenticator app.',
        '1 authenticator app set up.',
        '7 backup codes left.',
      ],
    });
    expect(statusLines(view({ devices: [DEVICE] })).lines).toContain('No backup codes left: make a new set.');
    const off = view({ effective: { ...view().effective, method: 'off' } });
    expect(statusLines(off)).toEqual({ todo: null, lines: ['Your sign-in asks for no second factor.'] });
  });
});

describe('MyStatus (the end user home)', () => {
  let fixture: ComponentFixture<MyStatus>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [MyStatus], providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function open(): Promise<void> {
    fixture = TestBed.createComponent(MyStatus);
    await settle(fixture);
  }

  it('shows what to do first, linked to the security page, and what the login holds', async () => {
    await open();
    http.expectOne({ method: 'GET', url: ApiPaths.mySecurity }).flush(view());
    await settle(fixture);

    const todo = byTestId(fixture, 'my-status-todo').querySelector('a');
    expect(todo?.textContent?.trim()).toBe('Set up your authenticator app.');
    expect(todo?.getAttribute('href')).toBe('/profile/security');
    expect(byTestId(fixture, 'my-status-lines').textContent).toContain('No authenticator app set up yet.');
    expect(byTestId(fixture, 'my-status-security').getAttribute('href')).toBe('/profile/security');
  });

  it('says when the status cannot be loaded, and tries again', async () => {
    await open();
    http.expectOne(ApiPaths.mySecurity).flush(FAILED, { status: 500, statusText: 'Server Error' });
    await settle(fixture);

    expect(byTestId(fixture, 'my-status-error').textContent).toContain(
      'Your second factor could not be loaded.',
    );
    byTestId(fixture, 'my-status-retry').click();
    await settle(fixture);
    http.expectOne(ApiPaths.mySecurity).flush(view({ devices: [DEVICE], backupCodesRemaining: 3 }));
    await settle(fixture);
    expect(queryTestId(fixture, 'my-status-error')).toBeNull();
    expect(queryTestId(fixture, 'my-status-todo')).toBeNull();
    expect(byTestId(fixture, 'my-status-lines').textContent).toContain('3 backup codes left.');
  });
});

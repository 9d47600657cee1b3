// For the profile specs only: the app never imports this file.
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ApiPaths, DeviceView, MySecurityView, TotpEnrolment } from '@latchkey/contracts';
import { allByTestId, byTestId, me } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { FileDownload } from '../shared/file-download';
import { ProfileSecurityPage } from './profile-security-page';

export const PHONE: DeviceView = {
  id: 'device-1',
  name: 'Pixel 8',
  createdAt: '2026-10-01T09:00:00Z',
  lastUsedAt: '2026-11-23T08:30:00Z',
};

export const TABLET: DeviceView = {
  id: 'device-2',
  name: 'iPad',
  createdAt: '2026-11-02T09:00:00Z',
  lastUsedAt: null,
};

export function view(overrides: Partial<MySecurityView> = {}): MySecurityView {
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
export function optInView(overrides: Partial<MySecurityView> = {}): MySecurityView {
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

export const ENROLMENT: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  secretGroups: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  otpauthUri: 'otpauth://totp/Latchkey%20(Acme):ann%40acme.test?secret=JBSWY3DPEHPK3PXP',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Latchkey (Acme)',
  label: 'ann@acme.test (Employee)',
};

export const CODES = Array.from({ length: 10 }, (_, i) => `${i + 1}-k7qp-2m4x-h${'abcdefghij'[i]}`);

export { refusal as failure } from '../shared/enrolment/refusal-testing';

export function fieldErrors(...errors: Array<[string, string]>) {
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

/** The TestBed of Profile → Security, signed in as a user; files are saved with `save`. */
export function configureProfile(save: (file: Blob, name: string) => void): HttpTestingController {
  TestBed.configureTestingModule({
    imports: [ProfileSecurityPage],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: FileDownload, useValue: { save } },
    ],
  });
  TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('user') });
  return TestBed.inject(HttpTestingController);
}

/** The page, once the API answered its security view. */
export async function renderProfile(
  http: HttpTestingController,
  answer: MySecurityView = view(),
): Promise<ComponentFixture<ProfileSecurityPage>> {
  const fixture = TestBed.createComponent(ProfileSecurityPage);
  await fixture.whenStable();
  http.expectOne({ method: 'GET', url: ApiPaths.mySecurity }).flush(answer);
  await fixture.whenStable();
  return fixture;
}

export async function click(fixture: ComponentFixture<unknown>, testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(fixture, testId).click();
  await fixture.whenStable();
}

export function text(fixture: ComponentFixture<unknown>, testId: string): string {
  return byTestId(fixture, testId).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function texts(fixture: ComponentFixture<unknown>, testId: string): string[] {
  return allByTestId(fixture, testId).map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

export function dialog(): HTMLElement {
  const container = document.querySelector<HTMLElement>('mat-dialog-container');
  if (!container) {
    throw new Error('No dialog is open');
  }
  return container;
}

export function inDialog<T extends HTMLElement = HTMLElement>(testId: string): T {
  const element = dialog().querySelector<T>(`[data-testid="${testId}"]`);
  if (!element) {
    throw new Error(`No data-testid="${testId}" in the dialog:\n${dialog().textContent}`);
  }
  return element;
}

export async function clickInDialog(fixture: ComponentFixture<unknown>, testId: string): Promise<void> {
  inDialog<HTMLButtonElement>(testId).click();
  await fixture.whenStable();
}

/** The dialog hands its result over after it is gone from the page, a task later. */
export async function dialogClosed(fixture: ComponentFixture<unknown>): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  if (document.querySelector('mat-dialog-container')) {
    throw new Error('The dialog is still open');
  }
}

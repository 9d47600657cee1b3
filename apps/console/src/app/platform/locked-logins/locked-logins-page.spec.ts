import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, LockedLoginRow } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import {
  inDialog,
  inRowWith,
  pageProviders,
  rowWith,
  settle as settleFixture,
} from '../../shared/testing/component-testing';
import { LockedLoginsPage } from './locked-logins-page';

function row(overrides: Partial<LockedLoginRow> = {}): LockedLoginRow {
  return {
    tenantId: 'tenant-1',
    tenantName: 'Acme',
    platform: false,
    loginId: 'login-emma',
    email: 'emma@acme.test',
    displayName: 'Emma Employee',
    role: 'user',
    failedAttempts: 20,
    lockedOut: true,
    lockedUntil: null,
    ...overrides,
  };
}

const EMMA = row();
/** A platform login that waits ten more minutes. */
const WAIT_END = new Date(Date.now() + 10 * 60_000);
const pad = (n: number) => String(n).padStart(2, '0');
const WAIT_END_TIME = `${pad(WAIT_END.getHours())}:${pad(WAIT_END.getMinutes())}`;
const ROOT = row({
  tenantId: 'tenant-platform',
  tenantName: 'Latchkey',
  platform: true,
  loginId: 'login-root',
  email: 'admin@latchkey.test',
  displayName: 'Platform Admin',
  role: 'super',
  failedAttempts: 7,
  lockedOut: false,
  lockedUntil: WAIT_END.toISOString(),
});

describe('LockedLoginsPage', () => {
  let fixture: ComponentFixture<LockedLoginsPage>;
  let http: HttpTestingController;

  const settle = () => settleFixture(fixture);

  function list(): TestRequest {
    return http.expectOne({ method: 'GET', url: ApiPaths.platformLockedLogins });
  }

  async function render(rows: LockedLoginRow[] = [EMMA, ROOT]): Promise<void> {
    fixture = TestBed.createComponent(LockedLoginsPage);
    list().flush(rows);
    await settle();
  }

  const rowOf = (email: string) => rowWith(fixture, 'locked-row', email);

  function inRow<T extends HTMLElement = HTMLElement>(email: string, id: string): T {
    return inRowWith<T>(fixture, 'locked-row', email, id);
  }

  async function click(element: HTMLElement): Promise<void> {
    element.click();
    await settle();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LockedLoginsPage],
      providers: pageProviders(),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  it('lists every locked or waiting login: tenant or Platform, email, name, role, failures, state', async () => {
    await render();

    expect(allByTestId(fixture, 'locked-row')).toHaveLength(2);
    expect(inRow('emma@acme.test', 'locked-place').textContent?.trim()).toBe('Acme');
    expect(rowOf('emma@acme.test').textContent).toContain('Emma Employee');
    expect(inRow('emma@acme.test', 'locked-role').textContent?.trim()).toBe('User');
    expect(inRow('emma@acme.test', 'locked-failures').textContent?.trim()).toBe('20');
    expect(inRow('emma@acme.test', 'locked-state').textContent?.trim()).toBe('Locked until unlocked');

    expect(inRow('admin@latchkey.test', 'locked-place').textContent?.trim()).toBe('Platform');
    expect(inRow('admin@latchkey.test', 'locked-role').textContent?.trim()).toBe('Super user');
    const wait = inRow('admin@latchkey.test', 'locked-state').textContent?.trim();
    expect(wait).toMatch(/^Waits until (\d{4}-\d\d-\d\d )?\d\d:\d\d$/);
    expect(wait).toContain(WAIT_END_TIME);
    expect(rowOf('admin@latchkey.test').querySelector('time')?.getAttribute('datetime')).toBe(
      ROOT.lockedUntil,
    );
    expect(inRow('admin@latchkey.test', 'locked-unlock').getAttribute('aria-label')).toBe(
      'Unlock admin@latchkey.test (Platform)',
    );
    expect(byTestId(fixture, 'locked-count').textContent?.trim()).toBe('2 logins');
  });

  it('says so when no login is locked', async () => {
    await render([]);

    expect(allByTestId(fixture, 'locked-row')).toHaveLength(0);
    expect(byTestId(fixture, 'locked-empty').textContent?.trim()).toBe('No login is locked.');
  });

  it('unlocks a tenant login after confirming, says so, and reloads the list', async () => {
    await render();
    await click(inRow('emma@acme.test', 'locked-unlock'));

    http.expectNone({ method: 'POST' });
    expect(inDialog('confirm-message').textContent).toContain(
      'Emma Employee (emma@acme.test) of Acme is locked after too many failed attempts.',
    );
    await click(inDialog('confirm-ok'));

    const post = http.expectOne({ method: 'POST', url: ApiPaths.unlock('tenant-1', 'login-emma') });
    expect(post.request.body).toEqual({});
    expect(inRow<HTMLButtonElement>('emma@acme.test', 'locked-unlock').disabled).toBe(true);
    post.flush({});
    await settle();

    expect(document.body.textContent).toContain('emma@acme.test is unlocked.');
    list().flush([ROOT]);
    await settle();
    expect(allByTestId(fixture, 'locked-row')).toHaveLength(1);
    expect(queryTestId(fixture, 'locked-error')).toBeNull();
    // Its button is gone with the row: focus waits on the heading, not lost to the page body.
    expect(document.activeElement?.textContent?.trim()).toBe('Locked logins');
  });

  it("unlocks a platform login through the platform tenant's id", async () => {
    await render();
    await click(inRow('admin@latchkey.test', 'locked-unlock'));
    expect(inDialog('confirm-message').textContent).toContain(
      'of the platform must wait after failed attempts',
    );
    await click(inDialog('confirm-ok'));

    http.expectOne({ method: 'POST', url: ApiPaths.unlock('tenant-platform', 'login-root') }).flush({});
    await settle();
    list().flush([EMMA]);
    await settle();
    expect(allByTestId(fixture, 'locked-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('emma@acme.test'),
    ]);
  });

  it('sends nothing when the unlock is cancelled', async () => {
    await render();
    await click(inRow('emma@acme.test', 'locked-unlock'));
    await click(inDialog('confirm-cancel'));

    http.expectNone({ method: 'POST' });
    expect(allByTestId(fixture, 'locked-row')).toHaveLength(2);
  });

  it('says when an unlock fails and keeps the row', async () => {
    await render();
    await click(inRow('emma@acme.test', 'locked-unlock'));
    await click(inDialog('confirm-ok'));
    http
      .expectOne(ApiPaths.unlock('tenant-1', 'login-emma'))
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Owners and super users only' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();

    expect(byTestId(fixture, 'locked-error').textContent).toContain(
      'emma@acme.test was not unlocked. Owners and super users only',
    );
    expect(inRow<HTMLButtonElement>('emma@acme.test', 'locked-unlock').disabled).toBe(false);
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(LockedLoginsPage);
    list().flush(null, { status: 500, statusText: 'Server Error' });
    await settle();

    const failure = byTestId(fixture, 'locked-load-error');
    expect(failure.textContent).toContain('Something went wrong on our side.');
    expect(byTestId(fixture, 'locked-empty').textContent).not.toContain('No login is locked.');
    await click(failure.querySelector('button') as HTMLButtonElement);
    list().flush([EMMA]);
    await settle();
    expect(allByTestId(fixture, 'locked-row')).toHaveLength(1);
    expect(queryTestId(fixture, 'locked-load-error')).toBeNull();
  });

  it('asks the API again on Refresh', async () => {
    await render([EMMA]);
    await click(byTestId(fixture, 'locked-refresh'));

    list().flush([]);
    await settle();
    expect(byTestId(fixture, 'locked-empty').textContent?.trim()).toBe('No login is locked.');
  });
});

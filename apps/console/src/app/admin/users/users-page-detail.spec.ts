import { ApiPaths, AuditEntry, LoginDetail, auditActionLabel } from '@latchkey/contracts';
import { allByTestId } from '../../../testing/fixtures';
import { formatDateTime } from '../../shared/date-time';
import { inDialog, inRowWith } from '../../shared/testing/component-testing';
import { BEN, TENANT, UsersPageTest } from './users-page.testing';

const EVENT: AuditEntry = {
  id: 'event-1',
  createdAt: '2026-11-23T08:30:00Z',
  tenantId: TENANT,
  action: 'factor.failed',
  actor: 'ben@acme.test',
  targetType: 'login',
  targetId: 'login-ben',
  targetLabel: 'ben@acme.test',
  before: null,
  after: null,
  address: null,
  actorLoginId: 'login-ben',
  actorIdentityId: null,
};

const DETAIL: LoginDetail = {
  user: { ...BEN, exception: 'pin' },
  devices: [
    {
      id: 'device-1',
      name: 'Pixel 8',
      createdAt: '2026-10-01T09:00:00Z',
      lastUsedAt: '2026-11-20T08:00:00Z',
    },
  ],
  backupCodesLeft: 7,
  lastSignInAt: '2026-11-22T07:45:00Z',
  lock: { locked: true, hard: true, until: null, failedAttempts: 5, reason: 'Too many wrong PIN codes' },
  exception: { method: 'pin', setBy: 'olivia@acme.test', setAt: '2026-11-20T12:00:00Z' },
  recentEvents: [EVENT],
};

/** A login's detail panel: opened from its name or its menu, asked for once, closed by Escape. */
describe('UsersPage: a login’s details', () => {
  const ui = new UsersPageTest();
  const { render, rowAction } = ui;
  beforeEach(ui.setUp);
  afterEach(ui.verify);

  const detailGet = () => ui.http.expectOne({ method: 'GET', url: ApiPaths.userDetail(TENANT, 'login-ben') });
  const text = (testId: string) => inDialog(testId).textContent?.replace(/\s+/g, ' ').trim();

  it('opens from the name, asks once, and shows devices, PIN, codes, sign-ins, lock, exception and events', async () => {
    await render();
    inRowWith<HTMLButtonElement>(ui.fixture, 'user-row', 'Ben Other', 'user-name').click();
    await ui.fixture.whenStable();
    detailGet().flush(DETAIL);
    await ui.fixture.whenStable();

    expect(text('detail-title')).toBe('Ben Other — Managers');
    expect(text('detail-last-sign-in')).toBe(formatDateTime(DETAIL.lastSignInAt ?? ''));
    expect(text('detail-last-second-factor')).toBe('Never');
    expect(text('detail-device')).toBe(
      `Pixel 8 added ${formatDateTime('2026-10-01T09:00:00Z')} · last used ${formatDateTime('2026-11-20T08:00:00Z')}`,
    );
    expect(text('detail-pin')).toBe('Not set');
    expect(text('detail-backup-codes')).toBe('7');
    expect(text('detail-lock-state')).toBe('Locked: Too many wrong PIN codes');
    expect(text('detail-exception-state')).toBe(
      `PIN code, set by olivia@acme.test on ${formatDateTime('2026-11-20T12:00:00Z')}`,
    );
    expect(text('detail-event-action')).toBe(auditActionLabel('factor.failed'));
    expect(text('detail-event')).toContain(formatDateTime(EVENT.createdAt));
    expect(inDialog<HTMLAnchorElement>('detail-all-events').getAttribute('href')).toBe(
      '/admin/audit-log?loginId=login-ben',
    );
    await ui.fixture.whenStable();
    ui.http.expectNone(ApiPaths.userDetail(TENANT, 'login-ben'));
  });

  it('closes on Escape and gives focus back to what opened it', async () => {
    await render();
    const name = inRowWith<HTMLButtonElement>(ui.fixture, 'user-row', 'Ben Other', 'user-name');
    name.click();
    await ui.fixture.whenStable();
    detailGet().flush(DETAIL);
    await ui.fixture.whenStable();

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }));
    await ui.dialogGone();

    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(document.activeElement).toBe(name);
  });

  it('opens from the row menu too, and unlocks from the panel', async () => {
    await render();
    await rowAction('Ben Other', 'details-action');
    detailGet().flush(DETAIL);
    await ui.fixture.whenStable();

    inDialog<HTMLButtonElement>('detail-unlock').click();
    await ui.fixture.whenStable();
    const post = ui.http.expectOne({ method: 'POST', url: ApiPaths.unlock(TENANT, 'login-ben') });
    post.flush({ ...BEN, locked: false });
    await ui.fixture.whenStable();

    expect(text('detail-lock-state')).toBe('Not locked');
    expect(allByTestId(ui.fixture, 'user-locked').map((c) => c.textContent?.trim())).toEqual(['No', 'No']);
    expect(document.body.textContent).toContain('Ben Other — Managers is unlocked.');
    inDialog<HTMLButtonElement>('detail-close').click();
    await ui.dialogGone();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    // The menu item is gone: focus goes back to the row's menu button.
    expect(document.activeElement).toBe(inRowWith(ui.fixture, 'user-row', 'Ben Other', 'row-menu'));
  });
});

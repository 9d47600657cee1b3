import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AUDIT_ACTIONS, ApiPaths, AuditEventView, Me, auditActionsOf } from '@latchkey/contracts';
import { allByTestId, byTestId, me, typeInto } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { AuditLogPage } from './audit-log-page';
import { FileDownload } from '../../shared/file-download';
import { pageProviders } from '../../shared/testing/component-testing';

function event(id: string, action: string): AuditEventView {
  return {
    id,
    createdAt: '2026-03-05T09:15:30.000Z',
    tenantId: 'tenant-1',
    action,
    actor: 'olga@acme.test',
    targetType: null,
    targetId: null,
    targetLabel: null,
    before: null,
    after: null,
    address: null,
  };
}

/** The audit log's action filter and action column: the contracts' actions, in words. */
describe('AuditLogPage actions', () => {
  let fixture: ComponentFixture<AuditLogPage>;
  let http: HttpTestingController;

  /** Open the page as `who`, with the route's inputs, and answer its first GET with `events`. */
  async function open(who: Me, inputs: Record<string, unknown>, url: string, events: AuditEventView[] = []) {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: who });
    fixture = TestBed.createComponent(AuditLogPage);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === url)
      .flush({ items: events, total: events.length, page: 1, pageSize: 50 });
    await fixture.whenStable();
  }

  /** The suggestions of the action filter: code and words. */
  function options(): [string, string][] {
    const list = (fixture.nativeElement as HTMLElement).querySelector('datalist#lk-audit-actions');
    return Array.from(list?.querySelectorAll('option') ?? []).map((o) => [o.value, o.label]);
  }

  const expected = (log: 'tenant' | 'platform') =>
    auditActionsOf(log).map((action) => [action, AUDIT_ACTIONS[action].label]);

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AuditLogPage],
      providers: [...pageProviders(), { provide: FileDownload, useValue: { save: jest.fn() } }],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it("offers an owner every action of a tenant's log, in words, and only those", async () => {
    await open(me('owner'), {}, ApiPaths.audit('tenant-1'));

    const offered = options();
    expect(offered).toEqual(expected('tenant'));
    const codes = offered.map(([code]) => code);
    expect(codes).toEqual(
      expect.arrayContaining(['login.reset', 'login.unlocked', 'factor.pin-set', 'factor.totp-enrolled']),
    );
    expect(codes).not.toContain('sign-in.pick-refused');
    expect(codes).not.toContain('platform.super-user-created');
    expect(offered).toContainEqual(['login.reset', 'Second factor reset']);
  });

  it('filters by the code of the action chosen', async () => {
    await open(me('owner'), {}, ApiPaths.audit('tenant-1'));

    typeInto(byTestId<HTMLInputElement>(fixture, 'audit-action-filter'), 'login.unlocked');
    byTestId<HTMLButtonElement>(fixture, 'audit-apply').click();
    await fixture.whenStable();

    const request = http.expectOne((r) => r.url === ApiPaths.audit('tenant-1'));
    expect(request.request.params.get('action')).toBe('login.unlocked');
    request.flush({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it("offers the platform log's actions on the platform log, and a tenant's on a tenant's", async () => {
    await open(me('super'), { source: 'platform' }, ApiPaths.platformAudit);

    expect(options()).toEqual(expected('platform'));
    const codes = options().map(([code]) => code);
    expect(codes).toEqual(expect.arrayContaining(['sign-in.pick-refused', 'platform.floor-changed']));
    expect(codes).not.toContain('login.reset');
    expect(codes).not.toContain('tenant.created');

    fixture.componentRef.setInput('source', 'tenant');
    fixture.componentRef.setInput('tenantId', 'tenant-2');
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === ApiPaths.audit('tenant-2'))
      .flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await fixture.whenStable();
    expect(options()).toEqual(expected('tenant'));
  });

  it('offers nothing when there is no log to show', async () => {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('super') });
    fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();

    http.expectNone(() => true);
    expect(options()).toEqual([]);
  });

  it('shows each action in words above its code; an unknown action as its code alone', async () => {
    await open(me('owner'), {}, ApiPaths.audit('tenant-1'), [
      event('event-1', 'login.reset'),
      event('event-2', 'factor.pin-changed'),
      event('event-3', 'legacy.thing'),
    ]);

    const rows = allByTestId(fixture, 'audit-row');
    const cell = (row: number, id: string) =>
      rows[row].querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null;
    expect(cell(0, 'audit-action-label')).toBe('Second factor reset');
    expect(cell(0, 'audit-action')).toBe('login.reset');
    expect(cell(1, 'audit-action-label')).toBe('PIN changed');
    expect(cell(1, 'audit-action')).toBe('factor.pin-changed');
    expect(cell(2, 'audit-action-label')).toBeNull();
    expect(cell(2, 'audit-action')).toBe('legacy.thing');
  });
});

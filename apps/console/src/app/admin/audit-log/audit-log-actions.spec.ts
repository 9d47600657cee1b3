import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { AUDIT_ACTIONS, ApiPaths, AuditEntry, Me, auditActionsOf } from '@latchkey/contracts';
import { allByTestId, me } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { AuditLogPage, FILTER_DEBOUNCE_MS } from './audit-log-page';
import { FileDownload } from '../../shared/file-download';
import { pageProviders } from '../../shared/testing/component-testing';

function event(id: string, action: string): AuditEntry {
  return {
    id,
    createdAt: '2026-03-05T09:15:30.000Z',
    tenantId: 'tenant-1',
    action,
    actor: 'olga@acme.test',
    actorLoginId: 'login-olga',
    actorIdentityId: 'identity-olga',
    targetType: null,
    targetId: null,
    targetLabel: null,
    before: null,
    after: null,
    address: null,
  };
}

/** The audit log's action filter and action column: the contracts' actions, in words, several at once. */
describe('AuditLogPage actions', () => {
  let fixture: ComponentFixture<AuditLogPage>;
  let http: HttpTestingController;

  /** Open the page as `who`, with the route's inputs, and answer its first GET with `events`. */
  async function open(who: Me, inputs: Record<string, unknown>, url: string, events: AuditEntry[] = []) {
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

  function select(): Promise<MatSelectHarness> {
    return TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[data-testid="audit-actions-filter"]' }),
    );
  }

  /** The choices of the action filter, in words. */
  async function options(): Promise<string[]> {
    const actions = await select();
    await actions.open();
    const texts = await Promise.all((await actions.getOptions()).map((o) => o.getText()));
    await actions.close();
    return texts;
  }

  const expected = (log: 'tenant' | 'platform') =>
    auditActionsOf(log).map((action) => AUDIT_ACTIONS[action].label);

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

    const offered = await options();
    expect(offered).toEqual(expected('tenant'));
    expect(offered).toContain('Second factor reset');
    expect(offered).not.toContain(AUDIT_ACTIONS['sign-in.pick-refused'].label);
    expect(offered.some((label) => label.includes('.'))).toBe(false);
  });

  it('sends the codes of the actions chosen, several at once, and starts again at page 1', async () => {
    await open(me('owner'), {}, ApiPaths.audit('tenant-1'));

    const actions = await select();
    await actions.open();
    await actions.clickOptions({ text: 'Second factor reset' });
    await actions.clickOptions({ text: 'Login unlocked' });
    await actions.clickOptions({ text: 'Signed out' });
    await actions.close();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, FILTER_DEBOUNCE_MS + 50));

    const request: TestRequest = http.expectOne((r) => r.url === ApiPaths.audit('tenant-1'));
    expect(request.request.params.getAll('actions')).toEqual(['sign-out', 'login.reset', 'login.unlocked']);
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.urlWithParams).toContain(
      'actions=sign-out&actions=login.reset&actions=login.unlocked',
    );
    request.flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await fixture.whenStable();
    expect(await actions.getValueText()).toContain('Second factor reset');
  });

  it("offers the platform log's actions on the platform log, and a tenant's on a tenant's", async () => {
    await open(me('super'), { source: 'platform' }, ApiPaths.platformAudit);

    expect(await options()).toEqual(expected('platform'));

    fixture.componentRef.setInput('source', 'tenant');
    fixture.componentRef.setInput('tenantId', 'tenant-2');
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === ApiPaths.audit('tenant-2'))
      .flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await fixture.whenStable();
    expect(await options()).toEqual(expected('tenant'));
  });

  it('offers nothing when there is no log to show', async () => {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('super') });
    fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();

    http.expectNone(() => true);
    expect(await options()).toEqual([]);
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

import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatPaginator } from '@angular/material/paginator';
import { By } from '@angular/platform-browser';
import { ApiPaths, AuditEntry, AuditPage } from '@latchkey/contracts';
import { allByTestId, byTestId, me, queryTestId, typeInto } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { AuditLogPage, FILTER_DEBOUNCE_MS } from './audit-log-page';
import { FileDownload } from '../../shared/file-download';
import { pageProviders } from '../../shared/testing/component-testing';
import { auditFileName } from './audit-file-name';
import { formatDateTime } from '../../shared/date-time';

const AUDIT = ApiPaths.audit('tenant-1');

function event(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'event-1',
    createdAt: '2026-03-05T09:15:30.000Z',
    tenantId: 'tenant-1',
    action: 'policy.user-type-changed',
    actor: 'olga@acme.test',
    actorLoginId: 'login-olga',
    actorIdentityId: 'identity-olga',
    targetType: 'user-type',
    targetId: 'type-1',
    targetLabel: 'Employee',
    before: { method: 'off', graceDays: 0 },
    after: { method: 'authenticator', graceDays: 0 },
    address: '203.0.113.7',
    ...overrides,
  };
}

function page(items: AuditEntry[], total = items.length, at = 1, size = 50): AuditPage {
  return { items, total, page: at, pageSize: size };
}

describe('AuditLogPage', () => {
  let fixture: ComponentFixture<AuditLogPage>;
  let http: HttpTestingController;
  let save: jest.Mock;

  async function render(first: AuditPage = page([event()])): Promise<void> {
    fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();
    await answer(first);
  }

  function pending(): TestRequest {
    return http.expectOne((request) => request.url === AUDIT && request.method === 'GET');
  }

  async function answer(body: AuditPage): Promise<TestRequest> {
    const request = pending();
    request.flush(body);
    await fixture.whenStable();
    return request;
  }

  function params(request: TestRequest): Record<string, string> {
    const query = request.request.params;
    return Object.fromEntries(query.keys().map((key) => [key, (query.getAll(key) ?? []).join(',')]));
  }

  async function submitFilters(values: Partial<Record<'search' | 'from' | 'to', string>>) {
    for (const [key, value] of Object.entries(values)) {
      typeInto(byTestId<HTMLInputElement>(fixture, `audit-${key}-filter`), value);
    }
    byTestId<HTMLButtonElement>(fixture, 'audit-apply').click();
    await fixture.whenStable();
  }

  beforeEach(() => {
    save = jest.fn();
    TestBed.configureTestingModule({
      imports: [AuditLogPage],
      providers: [...pageProviders(), { provide: FileDownload, useValue: { save } }],
    });
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner') });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  it("names the owner's tenant in the heading", async () => {
    await render();

    expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Audit log of Acme');
  });

  it("asks for the first page of 50 of the owner's tenant, with no filters", async () => {
    fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();

    const request = pending();
    expect(request.request.url).toBe(AUDIT);
    expect(params(request)).toEqual({ page: '1', pageSize: '50' });
    expect(request.request.headers.has('Accept')).toBe(false);
    request.flush(page([]));
  });

  it('shows one row per event: time, actor, action, target, before → after, address', async () => {
    await render(
      page([
        event(),
        event({
          id: 'event-2',
          action: 'sign-in.failed',
          actor: null,
          actorLoginId: null,
          actorIdentityId: null,
          targetType: null,
          targetId: null,
          targetLabel: null,
          before: null,
          after: null,
          address: null,
        }),
      ]),
    );

    const rows = allByTestId(fixture, 'audit-row');
    expect(rows).toHaveLength(2);
    const first = rows[0].textContent ?? '';
    expect(first).toContain('olga@acme.test');
    expect(first).toContain('policy.user-type-changed');
    expect(first).toContain('Employee');
    expect(first).toContain('203.0.113.7');
    expect(rows[0].querySelector('[data-testid="audit-change"]')?.textContent?.trim()).toBe(
      'method: off → authenticator',
    );
    expect(rows[0].querySelectorAll('[data-testid="audit-change"] .line')).toHaveLength(1);
    expect(rows[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-03-05T09:15:30.000Z');
    expect(rows[0].querySelector('time')?.textContent?.trim()).toBe(
      formatDateTime('2026-03-05T09:15:30.000Z'),
    );

    const second = rows[1].textContent ?? '';
    expect(second).toContain('sign-in.failed');
    expect(second).toContain('—');
  });

  it('sends the filters as query parameters and starts again at page 1', async () => {
    await render(page([event()], 120));
    byTestId<HTMLButtonElement>(fixture, 'audit-paginator')
      .querySelector<HTMLButtonElement>('button[aria-label="Next page"]')
      ?.click();
    expect(params(await answer(page([event()], 120, 2)))).toMatchObject({ page: '2' });

    await submitFilters({
      search: ' olga@acme ',
      from: '2026-03-01',
      to: '2026-03-05',
    });

    const request = await answer(page([]));
    expect(params(request)).toEqual({
      q: 'olga@acme',
      from: new Date('2026-03-01T00:00:00').toISOString(),
      to: new Date('2026-03-05T23:59:59.999').toISOString(),
      page: '1',
      pageSize: '50',
    });
    expect(byTestId(fixture, 'audit-empty').textContent).toContain('No events match these filters.');
  });

  it('filters as the owner types, once typing pauses', async () => {
    await render();
    jest.useFakeTimers();

    typeInto(byTestId<HTMLInputElement>(fixture, 'audit-search-filter'), 'ol');
    jest.advanceTimersByTime(FILTER_DEBOUNCE_MS / 2);
    typeInto(byTestId<HTMLInputElement>(fixture, 'audit-search-filter'), 'olga');
    jest.advanceTimersByTime(FILTER_DEBOUNCE_MS - 1);
    http.expectNone(() => true);

    jest.advanceTimersByTime(1);
    const request = pending();
    expect(params(request)).toEqual({ q: 'olga', page: '1', pageSize: '50' });
    request.flush(page([]));
  });

  it('clears the filters', async () => {
    await render();
    await submitFilters({ search: 'sign-out' });
    await answer(page([]));

    byTestId<HTMLButtonElement>(fixture, 'audit-clear').click();
    await fixture.whenStable();

    expect(params(await answer(page([event()])))).toEqual({ page: '1', pageSize: '50' });
    expect(byTestId<HTMLInputElement>(fixture, 'audit-search-filter').value).toBe('');
  });

  it('pages on the server, and a new page size starts at page 1', async () => {
    await render(page([event()], 230));
    const paginator = fixture.debugElement.query(By.directive(MatPaginator))
      .componentInstance as MatPaginator;
    expect(paginator.length).toBe(230);

    paginator.page.emit({ pageIndex: 3, previousPageIndex: 0, pageSize: 50, length: 230 });
    expect(params(await answer(page([event()], 230, 4)))).toEqual({ page: '4', pageSize: '50' });

    paginator.page.emit({ pageIndex: 1, previousPageIndex: 3, pageSize: 100, length: 230 });
    expect(params(await answer(page([event()], 230, 1, 100)))).toEqual({ page: '1', pageSize: '100' });
  });

  it('refuses a backwards date range without asking the API', async () => {
    await render();
    await submitFilters({ from: '2026-03-05', to: '2026-03-01' });

    http.expectNone(() => true);
    expect(byTestId(fixture, 'audit-range-error').textContent).toContain('after');
  });

  it('says when the log cannot be loaded, keeps the filters, and tries again', async () => {
    await render();
    await submitFilters({ search: 'tenant.created' });
    pending().flush(
      { statusCode: 403, error: 'Forbidden', message: 'Only owners can read the audit log' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'audit-error').textContent).toContain('Only owners can read the audit log');
    expect(byTestId<HTMLInputElement>(fixture, 'audit-search-filter').value).toBe('tenant.created');

    byTestId<HTMLButtonElement>(fixture, 'audit-retry').click();
    await fixture.whenStable();
    expect(params(await answer(page([event()])))).toMatchObject({ q: 'tenant.created' });
    expect(queryTestId(fixture, 'audit-error')).toBeNull();
  });

  describe('Download CSV', () => {
    it('asks the same URL for text/csv with the current filters, no paging, and saves the file', async () => {
      await render();
      await submitFilters({ search: 'sign-in.failed', from: '2026-03-01' });
      await answer(page([]));

      byTestId<HTMLButtonElement>(fixture, 'audit-csv').click();
      await fixture.whenStable();

      const request = http.expectOne((r) => r.url === AUDIT && r.headers.get('Accept') === 'text/csv');
      expect(request.request.method).toBe('GET');
      expect(request.request.responseType).toBe('blob');
      expect(params(request)).toEqual({
        q: 'sign-in.failed',
        from: new Date('2026-03-01T00:00:00').toISOString(),
      });
      expect(byTestId<HTMLButtonElement>(fixture, 'audit-csv').disabled).toBe(true);

      const csv = new Blob(['createdAt,action\n'], { type: 'text/csv' });
      request.flush(csv, { headers: { 'Content-Disposition': 'attachment; filename="audit.csv"' } });
      await fixture.whenStable();

      expect(save).toHaveBeenCalledWith(csv, auditFileName(new Date()));
      expect(byTestId<HTMLButtonElement>(fixture, 'audit-csv').disabled).toBe(false);
    });

    it("shows the API's message when the export fails", async () => {
      await render();
      byTestId<HTMLButtonElement>(fixture, 'audit-csv').click();

      http
        .expectOne((r) => r.headers.get('Accept') === 'text/csv')
        .flush(
          new Blob([JSON.stringify({ statusCode: 403, error: 'Forbidden', message: 'Not your tenant' })], {
            type: 'application/json',
          }),
          { status: 403, statusText: 'Forbidden' },
        );
      // The error body arrives as a blob and is read back asynchronously.
      for (let tick = 0; tick < 20 && !queryTestId(fixture, 'audit-csv-error'); tick++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await fixture.whenStable();
      }

      expect(byTestId(fixture, 'audit-csv-error').textContent).toContain('Not your tenant');
      expect(save).not.toHaveBeenCalled();
    });
  });

  describe('other logs, for a super user', () => {
    const PLATFORM = ApiPaths.platformAudit;
    const GLOBEX = ApiPaths.audit('tenant-2');

    /** The page as the router opens it: the route's data and parameters bound to its inputs. */
    async function open(inputs: Record<string, unknown>): Promise<void> {
      TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('super') });
      fixture = TestBed.createComponent(AuditLogPage);
      for (const [name, value] of Object.entries(inputs)) {
        fixture.componentRef.setInput(name, value);
      }
      await fixture.whenStable();
    }

    function at(url: string): TestRequest {
      return http.expectOne((r) => r.url === url && r.method === 'GET' && !r.headers.has('Accept'));
    }

    it('shows the platform log: events without a tenant, filtered, exported as CSV', async () => {
      await open({ source: 'platform' });

      expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Platform audit log');
      at(PLATFORM).flush(page([event({ tenantId: null, action: 'sign-in.pick-refused', actor: null })]));
      await fixture.whenStable();
      expect(byTestId(fixture, 'audit-action').textContent).toBe('sign-in.pick-refused');

      await submitFilters({ search: 'admin@latchkey.test' });
      const filtered = at(PLATFORM);
      expect(params(filtered)).toEqual({ q: 'admin@latchkey.test', page: '1', pageSize: '50' });
      filtered.flush(page([]));
      await fixture.whenStable();

      byTestId<HTMLButtonElement>(fixture, 'audit-csv').click();
      const csv = http.expectOne((r) => r.url === PLATFORM && r.headers.get('Accept') === 'text/csv');
      expect(params(csv)).toEqual({ q: 'admin@latchkey.test' });
      const blob = new Blob(['createdAt,action\n'], { type: 'text/csv' });
      csv.flush(blob);
      await fixture.whenStable();
      expect(save).toHaveBeenCalledWith(blob, auditFileName(new Date(), 'platform'));
    });

    it("shows one tenant's log under the tenant's name", async () => {
      await open({ source: 'tenant', tenantId: 'tenant-2', tenantName: 'Globex Corp.' });

      expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Audit log of Globex Corp.');
      const first = at(GLOBEX);
      expect(params(first)).toEqual({ page: '1', pageSize: '50' });
      first.flush(page([event({ tenantId: 'tenant-2' })]));
      await fixture.whenStable();
      expect(allByTestId(fixture, 'audit-row')).toHaveLength(1);

      byTestId<HTMLButtonElement>(fixture, 'audit-csv').click();
      const csv = http.expectOne((r) => r.url === GLOBEX && r.headers.get('Accept') === 'text/csv');
      csv.flush(new Blob(['']));
      await fixture.whenStable();
      expect(save).toHaveBeenCalledWith(expect.any(Blob), auditFileName(new Date(), 'globex-corp'));
    });

    it('still opens a tenant whose name the route could not find', async () => {
      await open({ source: 'tenant', tenantId: 'tenant-9', tenantName: null });

      expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Audit log of a tenant');
      at(ApiPaths.audit('tenant-9')).flush(page([]));
      await fixture.whenStable();
      expect(byTestId(fixture, 'audit-empty').textContent).toContain('No events yet.');
    });

    it('opens another tenant in the same page at page 1, keeping the filters; a new name alone asks nothing', async () => {
      await open({ source: 'tenant', tenantId: 'tenant-2', tenantName: 'Globex' });
      at(GLOBEX).flush(page([event()], 120));
      await fixture.whenStable();
      await submitFilters({ search: 'login.unlocked' });
      at(GLOBEX).flush(page([event()], 120));
      await fixture.whenStable();
      byTestId<HTMLButtonElement>(fixture, 'audit-paginator')
        .querySelector<HTMLButtonElement>('button[aria-label="Next page"]')
        ?.click();
      at(GLOBEX).flush(page([event()], 120, 2));
      await fixture.whenStable();

      fixture.componentRef.setInput('tenantId', 'tenant-3');
      fixture.componentRef.setInput('tenantName', 'Initech');
      await fixture.whenStable();

      const next = at(ApiPaths.audit('tenant-3'));
      expect(params(next)).toEqual({ q: 'login.unlocked', page: '1', pageSize: '50' });
      next.flush(page([]));
      await fixture.whenStable();
      expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Audit log of Initech');

      fixture.componentRef.setInput('tenantName', 'Initech Ltd');
      await fixture.whenStable();
      http.expectNone(() => true);
      expect(byTestId(fixture, 'audit-title').textContent?.trim()).toBe('Audit log of Initech Ltd');
    });

    it('explains, without asking the API, that a super user has no tenant log of their own', async () => {
      await open({});

      http.expectNone(() => true);
      expect(byTestId(fixture, 'audit-error').textContent).toContain('This sign-in has no tenant');
      expect(queryTestId(fixture, 'audit-retry')).toBeNull();
      expect(byTestId<HTMLButtonElement>(fixture, 'audit-csv').disabled).toBe(true);
      byTestId<HTMLButtonElement>(fixture, 'audit-csv').click();
      http.expectNone(() => true);
    });
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { firstValueFrom } from 'rxjs';
import { readApiError } from '../../core/api-error';
import { AuditApi, auditParams } from './audit-api';

describe('AuditApi', () => {
  let http: HttpTestingController;
  let api: AuditApi;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(AuditApi);
  });

  afterEach(() => http.verify());

  it('sends only the filters that are set, trimmed, each action as its own parameter, and the page', () => {
    expect(
      auditParams(
        { actions: ['login.reset', 'sign-out'], q: ' olga ', loginId: '', from: '   ' },
        { page: 2, pageSize: 25 },
      ).toString(),
    ).toBe('actions=login.reset&actions=sign-out&q=olga&page=2&pageSize=25');
    expect(auditParams({ actions: [], loginId: 'login-1' }).toString()).toBe('loginId=login-1');
  });

  it('encodes the tenant id and defaults to page 1 of 50', () => {
    api.list({ kind: 'tenant', tenantId: 'tenant/1' }, {}).subscribe();

    const request = http.expectOne((r) => r.url === ApiPaths.audit('tenant/1'));
    expect(request.request.url).toBe('/api/v1/tenants/tenant%2F1/audit');
    expect(request.request.params.toString()).toBe('page=1&pageSize=50');
    request.flush({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it('asks the platform log for the events without a tenant, as a page or as CSV', () => {
    api.list({ kind: 'platform' }, { actions: ['sign-in.failed'], page: 2, pageSize: 25 }).subscribe();
    const page = http.expectOne((r) => r.url === ApiPaths.platformAudit && !r.headers.has('Accept'));
    expect(page.request.url).toBe('/api/v1/platform/audit');
    expect(page.request.params.toString()).toBe('actions=sign-in.failed&page=2&pageSize=25');
    page.flush({ items: [], total: 0, page: 2, pageSize: 25 });

    api.csv({ kind: 'platform' }, { q: 'root' }).subscribe();
    const csv = http.expectOne((r) => r.url === ApiPaths.platformAudit);
    expect(csv.request.headers.get('Accept')).toBe('text/csv');
    expect(csv.request.params.toString()).toBe('q=root');
    csv.flush(new Blob(['a\n']));
  });

  it('reads the JSON error out of a failed CSV request', async () => {
    const result = firstValueFrom(api.csv({ kind: 'tenant', tenantId: 'tenant-1' }, { q: 'olga' }));
    http
      .expectOne((r) => r.url === ApiPaths.audit('tenant-1'))
      .flush(
        new Blob([JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'from must be a date' })]),
        {
          status: 400,
          statusText: 'Bad Request',
        },
      );

    const problem = readApiError(await result.catch((error: unknown) => error));
    expect(problem).toMatchObject({ status: 400, message: 'from must be a date' });
  });
});

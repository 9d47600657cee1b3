import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, ResolveFn, RouterStateSnapshot, convertToParamMap } from '@angular/router';
import { ApiPaths } from '@latchkey/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { shellRoutes } from './shell.routes';

describe('shellRoutes', () => {
  const route = shellRoutes[0].children?.find((r) => r.path === 'platform/tenants/:tenantId/audit-log');
  const resolve = route?.resolve?.['tenantName'] as ResolveFn<string | null>;

  function tenantName(tenantId: string): Promise<string | null> {
    const snapshot = { paramMap: convertToParamMap({ tenantId }) } as ActivatedRouteSnapshot;
    const answer = TestBed.runInInjectionContext(() => resolve(snapshot, {} as RouterStateSnapshot));
    return firstValueFrom(answer as Observable<string | null>);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it("resolves the tenant's name with platform/'s resolver, loaded when the route opens", async () => {
    const name = tenantName('t2');
    const http = TestBed.inject(HttpTestingController);
    await new Promise((settle) => setTimeout(settle));
    http.expectOne(ApiPaths.platformTenants).flush([
      { id: 't1', name: 'Acme' },
      { id: 't2', name: 'Globex Corp' },
    ]);
    expect(await name).toBe('Globex Corp');
    http.verify();
  });

  it("opens a tenant's page for super users only, at /platform/tenants/:tenantId", async () => {
    const detail = shellRoutes[0].children?.find((r) => r.path === 'platform/tenants/:tenantId');

    expect(detail?.title).toBe('Tenant · Latchkey');
    expect(detail?.canMatch).toHaveLength(1);
    const page = (await detail?.loadComponent?.()) as { name: string } | undefined;
    expect(page?.name).toBe('TenantDetailPage');
  });

  it('opens Admin → Applications for owners only, loading its page when the route opens', async () => {
    const applications = shellRoutes[0].children?.find((r) => r.path === 'admin/applications');

    expect(applications?.title).toBe('Applications · Latchkey');
    expect(applications?.canMatch).toHaveLength(1);
    const page = (await applications?.loadComponent?.()) as { name: string } | undefined;
    expect(page?.name).toBe('ApplicationsPage');
  });

  it('opens Admin → Sign-in providers for owners only, loading its page when the route opens', async () => {
    const providers = shellRoutes[0].children?.find((r) => r.path === 'admin/sign-in-providers');

    expect(providers?.title).toBe('Sign-in providers · Latchkey');
    expect(providers?.canMatch).toHaveLength(1);
    const page = (await providers?.loadComponent?.()) as { name: string } | undefined;
    expect(page?.name).toBe('ConnectionsPage');
  });

  it('opens Admin → API tokens for owners only, loading its page when the route opens', async () => {
    const tokens = shellRoutes[0].children?.find((r) => r.path === 'admin/api-tokens');

    expect(tokens?.title).toBe('API tokens · Latchkey');
    expect(tokens?.canMatch).toHaveLength(1);
    const page = (await tokens?.loadComponent?.()) as { name: string } | undefined;
    expect(page?.name).toBe('ApiTokensPage');
  });
});

import { ApiPaths, pathOf, TenantRoutes } from './routes';

describe('ApiPaths, built from the route tables', () => {
  it.each([
    [ApiPaths.login, '/api/v1/auth/login'],
    [ApiPaths.totpEnrolConfirm, '/api/v1/auth/totp/enrol/confirm'],
    [ApiPaths.me, '/api/v1/me'],
    [ApiPaths.myDevice('d 1'), '/api/v1/me/devices/d%201'],
    [ApiPaths.tenant('t/1'), '/api/v1/tenants/t%2F1'],
    [ApiPaths.reset('t1', 'l1'), '/api/v1/tenants/t1/users/l1/reset'],
    [ApiPaths.userTypePolicy('t1', 'u1'), '/api/v1/tenants/t1/user-types/u1/policy'],
    [ApiPaths.applicationSecret('t1', 'a1'), '/api/v1/tenants/t1/applications/a1/secret'],
    [ApiPaths.platformTenant('t1'), '/api/v1/platform/tenants/t1'],
    [ApiPaths.platformApplications, '/api/v1/platform/applications'],
    [ApiPaths.health, '/api/health'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('refuses a route whose parameter is missing', () => {
    expect(() => pathOf(TenantRoutes.base, TenantRoutes.reset, { tenantId: 't1' })).toThrow(':loginId');
  });
});

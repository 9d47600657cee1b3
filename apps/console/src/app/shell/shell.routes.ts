import { EnvironmentInjector, inject, runInInjectionContext } from '@angular/core';
import { ResolveFn, Route, Routes } from '@angular/router';
import { Role } from '@latchkey/contracts';
import { from, switchMap } from 'rxjs';
import { requireRole } from '../core/session-guards';
import type { AuditSource } from '../shared/route-data';
import { Shell } from './shell';

/**
 * The tenant's name for the heading of its audit log. The resolver is platform/'s (it asks the
 * tenants API); the shell loads it with `import()`, as it loads the pages, and never imports a
 * feature (lint refuses it).
 */
const tenantName: ResolveFn<string | null> = (route) => {
  const injector = inject(EnvironmentInjector);
  return from(import('../platform/tenants/tenant-name.resolver')).pipe(
    switchMap(({ tenantNameResolver }) => runInInjectionContext(injector, () => tenantNameResolver(route))),
  );
};

/** A page of the signed-in frame that only `role` may open. */
function pageFor(role: Role, route: Route): Route {
  return { ...route, canMatch: [requireRole(role)] };
}

/** The audit log page, showing the log that `source` names. */
function auditLog(role: Role, source: AuditSource, route: Route): Route {
  return pageFor(role, {
    ...route,
    data: { source },
    loadComponent: () => import('../admin/audit-log/audit-log-page').then((m) => m.AuditLogPage),
  });
}

export const shellRoutes: Routes = [
  {
    path: '',
    component: Shell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home · Latchkey',
        loadComponent: () => import('./pages/home-page').then((m) => m.HomePage),
      },
      pageFor('super', {
        path: 'platform/tenants',
        title: 'Tenants · Latchkey',
        loadComponent: () => import('../platform/tenants/tenants-page').then((m) => m.TenantsPage),
      }),
      // One tenant's page: its owners, numbers, feature switch, floor and applications.
      pageFor('super', {
        path: 'platform/tenants/:tenantId',
        title: 'Tenant · Latchkey',
        loadComponent: () => import('../platform/tenants/tenant-detail-page').then((m) => m.TenantDetailPage),
      }),
      auditLog('super', 'tenant', {
        path: 'platform/tenants/:tenantId/audit-log',
        title: 'Tenant audit log · Latchkey',
        resolve: { tenantName },
      }),
      auditLog('super', 'platform', { path: 'platform/audit-log', title: 'Platform audit log · Latchkey' }),
      pageFor('super', {
        path: 'platform/locked-logins',
        title: 'Locked logins · Latchkey',
        loadComponent: () =>
          import('../platform/locked-logins/locked-logins-page').then((m) => m.LockedLoginsPage),
      }),
      pageFor('owner', {
        path: 'admin/security-settings',
        title: 'Security settings · Latchkey',
        loadComponent: () =>
          import('../admin/security-settings/security-settings-page').then((m) => m.SecuritySettingsPage),
      }),
      pageFor('owner', {
        path: 'admin/users',
        title: 'Users · Latchkey',
        loadComponent: () => import('../admin/users/users-page').then((m) => m.UsersPage),
      }),
      pageFor('owner', {
        path: 'admin/applications',
        title: 'Applications · Latchkey',
        loadComponent: () =>
          import('../admin/applications/applications-page').then((m) => m.ApplicationsPage),
      }),
      pageFor('owner', {
        path: 'admin/sign-in-providers',
        title: 'Sign-in providers · Latchkey',
        loadComponent: () => import('../admin/connections/connections-page').then((m) => m.ConnectionsPage),
      }),
      pageFor('owner', {
        path: 'admin/api-tokens',
        title: 'API tokens · Latchkey',
        loadComponent: () => import('../admin/api-tokens/api-tokens-page').then((m) => m.ApiTokensPage),
      }),
      auditLog('owner', 'own', { path: 'admin/audit-log', title: 'Audit log · Latchkey' }),
      {
        path: 'profile/security',
        title: 'Security · Latchkey',
        loadComponent: () => import('../profile/profile-security-page').then((m) => m.ProfileSecurityPage),
      },
    ],
  },
];

import { EnvironmentInjector, inject, runInInjectionContext } from '@angular/core';
import { ResolveFn, Routes } from '@angular/router';
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
      {
        path: 'platform/tenants',
        canMatch: [requireRole('super')],
        title: 'Tenants · Latchkey',
        loadComponent: () => import('../platform/tenants/tenants-page').then((m) => m.TenantsPage),
      },
      {
        path: 'platform/tenants/:tenantId/audit-log',
        canMatch: [requireRole('super')],
        title: 'Tenant audit log · Latchkey',
        data: { source: 'tenant' satisfies AuditSource },
        resolve: { tenantName },
        loadComponent: () => import('../admin/audit-log/audit-log-page').then((m) => m.AuditLogPage),
      },
      {
        path: 'platform/audit-log',
        canMatch: [requireRole('super')],
        title: 'Platform audit log · Latchkey',
        data: { source: 'platform' satisfies AuditSource },
        loadComponent: () => import('../admin/audit-log/audit-log-page').then((m) => m.AuditLogPage),
      },
      {
        path: 'platform/locked-logins',
        canMatch: [requireRole('super')],
        title: 'Locked logins · Latchkey',
        loadComponent: () =>
          import('../platform/locked-logins/locked-logins-page').then((m) => m.LockedLoginsPage),
      },
      {
        path: 'admin/security-settings',
        canMatch: [requireRole('owner')],
        title: 'Security settings · Latchkey',
        loadComponent: () =>
          import('../admin/security-settings/security-settings-page').then((m) => m.SecuritySettingsPage),
      },
      {
        path: 'admin/users',
        canMatch: [requireRole('owner')],
        title: 'Users · Latchkey',
        loadComponent: () => import('../admin/users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'admin/audit-log',
        canMatch: [requireRole('owner')],
        title: 'Audit log · Latchkey',
        data: { source: 'own' satisfies AuditSource },
        loadComponent: () => import('../admin/audit-log/audit-log-page').then((m) => m.AuditLogPage),
      },
      {
        path: 'profile/security',
        title: 'Security · Latchkey',
        loadComponent: () => import('../profile/profile-security-page').then((m) => m.ProfileSecurityPage),
      },
    ],
  },
];

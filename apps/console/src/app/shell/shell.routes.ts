import { Routes } from '@angular/router';
import type { AuditSource } from '../admin/audit-log/audit-source';
import { requireRole } from '../core/session-guards';
import { tenantNameResolver } from '../platform/tenants/tenant-name.resolver';
import { Shell } from './shell';

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
        resolve: { tenantName: tenantNameResolver },
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

import { Me, Role } from '@latchkey/contracts';

export interface NavLink {
  label: string;
  path: string;
}

export interface NavSection {
  title: string;
  links: NavLink[];
}

/** The side navigation a role sees: super users the platform, owners their tenant, everyone their profile. */
export function navigationFor(role: Role): NavSection[] {
  const sections: NavSection[] = [];
  if (role === 'super') {
    sections.push({
      title: 'Platform',
      links: [
        { label: 'Tenants', path: '/platform/tenants' },
        { label: 'Audit log', path: '/platform/audit-log' },
        { label: 'Locked logins', path: '/platform/locked-logins' },
      ],
    });
  }
  if (role === 'owner') {
    sections.push({
      title: 'Admin',
      links: [
        { label: 'Security settings', path: '/admin/security-settings' },
        { label: 'Users', path: '/admin/users' },
        { label: 'Audit log', path: '/admin/audit-log' },
      ],
    });
  }
  sections.push({ title: 'Profile', links: [{ label: 'Security', path: '/profile/security' }] });
  return sections;
}

/** Where a signed-in person works: their tenant, or the platform for a super user. */
export function placeOf(me: Me): string {
  return me.role === 'super' || !me.tenantName ? 'Platform administration' : me.tenantName;
}

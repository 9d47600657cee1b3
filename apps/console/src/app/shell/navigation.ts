import { Me, Role } from '@latchkey/contracts';

export interface NavLink {
  label: string;
  path: string;
}

export interface NavSection {
  title: string;
  links: NavLink[];
}

function section(title: string, links: Array<[label: string, path: string]>): NavSection {
  return { title, links: links.map(([label, path]) => ({ label, path })) };
}

const PLATFORM = section('Platform', [
  ['Tenants', '/platform/tenants'],
  ['Audit log', '/platform/audit-log'],
  ['Locked logins', '/platform/locked-logins'],
]);
const ADMIN = section('Admin', [
  ['Security settings', '/admin/security-settings'],
  ['Users', '/admin/users'],
  ['Applications', '/admin/applications'],
  ['Sign-in providers', '/admin/sign-in-providers'],
  ['API tokens', '/admin/api-tokens'],
  ['Audit log', '/admin/audit-log'],
]);
const PROFILE = section('Profile', [['Security', '/profile/security']]);

const SECTIONS: Record<Role, readonly NavSection[]> = {
  super: [PLATFORM, PROFILE],
  owner: [ADMIN, PROFILE],
  user: [PROFILE],
};

/** The side navigation a role sees: super users the platform, owners their tenant, everyone their profile. */
export function navigationFor(role: Role): readonly NavSection[] {
  return SECTIONS[role];
}

/** Where a signed-in person works: their tenant, or the platform for a super user. */
export function placeOf(me: Me): string {
  return me.role === 'super' || !me.tenantName ? 'Platform administration' : me.tenantName;
}

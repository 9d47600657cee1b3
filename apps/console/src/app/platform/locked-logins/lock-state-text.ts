import { LockedLoginRow, Role } from '@latchkey/contracts';

export const PLATFORM_PLACE = 'Platform';

const ROLE_LABELS: Record<Role, string> = {
  super: 'Super user',
  owner: 'Owner',
  user: 'User',
};

/** Where the login belongs: its tenant, or the platform itself. */
export function placeOf(row: Pick<LockedLoginRow, 'platform' | 'tenantName'>): string {
  return row.platform ? PLATFORM_PLACE : row.tenantName;
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role] ?? role;
}

/**
 * "Locked until unlocked", or "Waits until 14:05" (with the day when the wait ends on another
 * day than `now`), in the browser's time zone.
 */
export function lockStateText(
  row: Pick<LockedLoginRow, 'lockedOut' | 'lockedUntil'>,
  now: Date = new Date(),
): string {
  if (row.lockedOut) {
    return 'Locked until unlocked';
  }
  const until = row.lockedUntil ? new Date(row.lockedUntil) : null;
  if (!until || Number.isNaN(until.getTime())) {
    return 'Waits';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(until.getHours())}:${pad(until.getMinutes())}`;
  const sameDay = until.toDateString() === now.toDateString();
  const when = sameDay
    ? time
    : `${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())} ${time}`;
  return until.getTime() > now.getTime() ? `Waits until ${when}` : `Waited until ${when}`;
}

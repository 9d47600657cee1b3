import { formatDate } from '@angular/common';
import { Me } from '@latchkey/contracts';

export const BACKUP_CODES_FILE = 'latchkey-backup-codes.txt';

/** The backup codes as a text file: who they are for, when they were made, one code a line. */
export function backupCodesText(codes: readonly string[], me: Me, made: Date, locale: string): string {
  const place = me.tenantName
    ? `${me.tenantName}${me.userTypeName ? ` (${me.userTypeName})` : ''}`
    : 'Platform';
  return [
    'Latchkey backup codes',
    `For ${me.email} at ${place}`,
    `Made ${formatDate(made, 'medium', locale)}`,
    '',
    'Each code works once, in place of a code from your authenticator app.',
    'Keep them somewhere safe, away from your phone.',
    '',
    ...codes,
    '',
  ].join('\n');
}

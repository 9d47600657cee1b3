/**
 * The audit export's file name for a day, in local time: latchkey-audit-YYYY-MM-DD.csv, or
 * latchkey-audit-LABEL-YYYY-MM-DD.csv for a log other than one's own (platform, a tenant's).
 */
export function auditFileName(day: Date, label: string | null = null): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const which = label ? `${label}-` : '';
  return `latchkey-audit-${which}${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}.csv`;
}

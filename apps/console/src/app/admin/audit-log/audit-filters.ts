import { AuditAction } from '@latchkey/contracts';
import { AuditFilters, AuditScope } from './audit-api';

/** The filter form's values. */
export interface AuditForm {
  actions: AuditAction[];
  q: string;
  from: string;
  to: string;
}

export type FormReading = { ok: true; filters: AuditFilters } | { ok: false; rangeError: string };

/**
 * The form (and the person chosen) as API filters: trimmed text, dates as the start and end of
 * local days. Refused when the range is backwards.
 */
export function filtersOf(form: AuditForm, loginId: string | null): FormReading {
  const filters: AuditFilters = {};
  if (form.actions.length) {
    filters.actions = [...form.actions];
  }
  const q = form.q.trim();
  if (q) {
    filters.q = q;
  }
  if (loginId) {
    filters.loginId = loginId;
  }
  const from = startOfDay(form.from);
  const to = endOfDay(form.to);
  if (from) {
    filters.from = from;
  }
  if (to) {
    filters.to = to;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    return { ok: false, rangeError: 'The "from" date is after the "to" date.' };
  }
  return { ok: true, filters };
}

/** A date input's YYYY-MM-DD as the first moment of that day in local time, ISO 8601. */
export function startOfDay(day: string): string | null {
  return localIso(`${day}T00:00:00`);
}

/** …and as the last millisecond of that day, so "to" includes the whole day. */
export function endOfDay(day: string): string | null {
  return localIso(`${day}T23:59:59.999`);
}

function localIso(dateTime: string): string | null {
  const date = new Date(dateTime);
  return /^\d{4}-\d{2}-\d{2}T/.test(dateTime) && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

export function sameScope(a: AuditScope | null, b: AuditScope | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return a.kind === 'platform' ? b.kind === 'platform' : b.kind === 'tenant' && a.tenantId === b.tenantId;
}

export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof AuditFilters>;
  return [...keys].every((key) => String(a[key] ?? '') === String(b[key] ?? ''));
}

import { AuditEventView } from '@latchkey/contracts';

/** What an event recorded of a thing, as the API answers it (null: nothing recorded). */
type Details = AuditEventView['before'];

/**
 * A compact "before → after" for the audit table: only what changed, one `key: old → new` line per
 * field, `key: value` for what an event created, `key: old → —` for what it removed.
 */
export function describeChange(before: Details, after: Details): string[] {
  if (!before && !after) {
    return [];
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts: string[] = [];
  for (const key of keys) {
    const old = before?.[key];
    const now = after?.[key];
    if (!before) {
      parts.push(`${key}: ${show(now)}`);
    } else if (same(old, now)) {
      continue;
    } else {
      parts.push(`${key}: ${show(old)} → ${show(now)}`);
    }
  }
  return parts;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (Array.isArray(value)) {
    return value.length ? value.map(show).join(', ') : '—';
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return (
    a === b || (a !== null && b !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b))
  );
}

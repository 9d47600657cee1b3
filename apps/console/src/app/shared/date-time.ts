import { Pipe, PipeTransform } from '@angular/core';

/**
 * The console's one way of showing a moment: "30 Nov 2026, 16:45 UTC" — day, short month,
 * year, 24-hour time and the time zone's short name, in the browser's time zone (or `timeZone`).
 * Intl rather than Angular's DatePipe: that one would pull its locale data into the bundle, and
 * cannot name the zone.
 */
export function formatDateTime(value: string | number | Date, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return typeof value === 'string' ? value : '';
  }
  const parts = new Map(
    formatter(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const at = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? '';
  return `${at('day')} ${at('month')} ${at('year')}, ${at('hour')}:${at('minute')} ${at('timeZoneName')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone ('' for the browser's), made once. */
function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
    formatters.set(key, made);
  }
  return made;
}

/** `{{ iso | dateTime }}`: `formatDateTime` in a template; nothing for an absent value. */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, timeZone?: string): string {
    return value === null || value === undefined || value === '' ? '' : formatDateTime(value, timeZone);
  }
}

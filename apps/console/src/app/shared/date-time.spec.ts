import { Component, ChangeDetectionStrategy } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DateTimePipe, formatDateTime } from './date-time';

describe('formatDateTime', () => {
  it.each([
    ['UTC', '30 Nov 2026, 16:45 UTC'],
    ['Europe/Berlin', '30 Nov 2026, 17:45 CET'],
    ['Asia/Tokyo', '1 Dec 2026, 01:45 GMT+9'],
  ])('shows 2026-11-30T16:45Z in %s as "%s"', (zone, shown) => {
    expect(formatDateTime('2026-11-30T16:45:00.000Z', zone)).toBe(shown);
  });

  it('shows midnight as 00, reads dates and numbers alike, and names the summer zone', () => {
    const midnight = Date.UTC(2026, 6, 1, 0, 5);
    expect(formatDateTime(midnight, 'UTC')).toBe('1 Jul 2026, 00:05 UTC');
    expect(formatDateTime(new Date(midnight), 'Europe/London')).toBe('1 Jul 2026, 01:05 BST');
  });

  it("uses the browser's time zone when none is given, and names it", () => {
    expect(formatDateTime('2026-11-30T16:45:00.000Z')).toMatch(/^\d{1,2} [A-Z][a-z]{2} 2026, \d\d:\d\d \S+$/);
  });

  it('leaves text that is no date as it is', () => {
    expect(formatDateTime('not a date', 'UTC')).toBe('not a date');
  });
});

@Component({
  template: `<span>{{ at | dateTime: 'UTC' }}</span
    ><i>{{ none | dateTime }}</i>`,
  imports: [DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  at = '2026-11-30T16:45:00.000Z';
  none: string | null = null;
}

describe('DateTimePipe', () => {
  it('formats in a template, and shows nothing for no value', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('span')?.textContent).toBe('30 Nov 2026, 16:45 UTC');
    expect(element.querySelector('i')?.textContent).toBe('');
  });
});

import { signal } from '@angular/core';

/**
 * The rows of a table with a call under way (an unlock, a change), by key: their buttons stay
 * disabled until the answer comes. Reading `has` in a template or computed tracks the set.
 */
export class BusyKeys {
  private readonly keys = signal<ReadonlySet<string>>(new Set());

  has(key: string): boolean {
    return this.keys().has(key);
  }

  set(key: string, busy: boolean): void {
    this.keys.update((keys) => {
      const next = new Set(keys);
      if (busy) {
        next.add(key);
      } else {
        next.delete(key);
      }
      return next;
    });
  }
}

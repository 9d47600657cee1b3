import { signal } from '@angular/core';
import { Observable } from 'rxjs';
import { generalText } from './problem-text';

export interface PageLoadSource<T> {
  /** The call that answers what the page shows. */
  fetch: () => Observable<T>;
  /** Show the answer (loading has ended). */
  next: (answer: T) => void;
  /** The line for a failed load, shown with "Try again". */
  failure: (error: unknown) => string;
}

/**
 * What a page loads from the API: `loading` from the start until the answer, and `error` when it
 * failed; `load()` asks (again), clearing the last failure.
 */
export class PageLoad<T> {
  readonly loading = signal(true);
  readonly error = signal<string | null>(null);

  constructor(private readonly source: PageLoadSource<T>) {}

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.source.fetch().subscribe({
      next: (answer) => {
        this.loading.set(false);
        this.source.next(answer);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(this.source.failure(error));
      },
    });
  }
}

/** "The tenants could not be loaded. <why>", in the general wording of a failed call. */
export function loadFailure(what: string): (error: unknown) => string {
  return (error) => `${what} ${generalText(error)}`;
}

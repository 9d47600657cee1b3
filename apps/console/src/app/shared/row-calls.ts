import { signal } from '@angular/core';
import { Observable } from 'rxjs';
import { BusyKeys } from './busy-keys';
import { problemText } from './problem-text';

/** A row of a table, as its calls name it. */
export interface NamedRow {
  id: string;
  name: string;
}

/**
 * The calls made from a table's rows (revoke, rotate, delete): the row's buttons wait while its
 * call runs (`has`), and a failure is the page's error line, naming the row: "<name> <failed>.
 * <why>". The line clears when the next call starts.
 */
export class RowCalls {
  /** Ids of rows with a call under way. */
  private readonly busy = new BusyKeys();
  readonly error = signal<string | null>(null);

  has(row: NamedRow): boolean {
    return this.busy.has(row.id);
  }

  run<T>(row: NamedRow, call: Observable<T>, failed: string, next: (answer: T) => void): void {
    this.busy.set(row.id, true);
    this.error.set(null);
    call.subscribe({
      next: (answer) => {
        this.busy.set(row.id, false);
        next(answer);
      },
      error: (error: unknown) => {
        this.busy.set(row.id, false);
        this.error.set(`${row.name} ${failed}. ${problemText(error)}`);
      },
    });
  }
}

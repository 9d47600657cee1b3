import { DestroyRef } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { MatDialogRef } from '@angular/material/dialog';
import { filter } from 'rxjs';

/**
 * A dialog showing something once (a password, a code): a stray click outside must not close it,
 * yet Escape stays a deliberate way out, like its Done button (`done`), so that every dialog
 * closes on Escape and gives focus back to its opener.
 */
export function escapeAsDone(
  ref: MatDialogRef<unknown, unknown>,
  destroyRef: DestroyRef,
  done: () => void,
): void {
  ref.disableClose = true;
  ref
    .keydownEvents()
    .pipe(
      filter((event) => event.key === 'Escape'),
      takeUntilDestroyed(destroyRef),
    )
    .subscribe(() => done());
}

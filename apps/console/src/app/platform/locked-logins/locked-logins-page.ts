import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { LockedLoginRow } from '@latchkey/contracts';
import { BusyKeys } from '../../shared/busy-keys';
import { askToConfirm } from '../../shared/confirm-dialog';
import { focusAfterRender } from '../../core/focus-after-render';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { generalText } from '../../shared/problem-text';
import { TableFrame } from '../../shared/table-frame';
import { ErrorLine } from '../../shared/error-line';
import { lockStateText, placeOf, roleLabel } from './lock-state-text';
import { LockedLoginsApi } from './locked-logins-api';

/** A row's key: a login id is unique only within its tenant. */
function keyOf(row: LockedLoginRow): string {
  return `${row.tenantId}/${row.loginId}`;
}

/**
 * Platform → Locked logins: every login of any tenant, or of the platform, that waits after
 * failed attempts or is locked until someone unlocks it; a super user unlocks it after confirming.
 */
@Component({
  selector: 'app-locked-logins-page',
  imports: [ErrorLine, MatButton, MatTableModule, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './locked-logins-page.html',
  styleUrl: './locked-logins-page.scss',
})
export class LockedLoginsPage {
  private readonly api = inject(LockedLoginsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly focusHeading = focusAfterRender(() => this.heading());
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly columns = ['place', 'email', 'name', 'role', 'failures', 'state', 'actions'];
  protected readonly placeOf = placeOf;
  protected readonly roleLabel = roleLabel;
  protected readonly trackRow = (_index: number, row: LockedLoginRow): string => keyOf(row);

  protected readonly rows = signal<LockedLoginRow[]>([]);
  protected readonly list = new PageLoad({
    fetch: () => this.api.list(),
    next: (rows) => {
      this.loadedAt.set(new Date());
      this.rows.set(rows);
    },
    failure: loadFailure('The locked logins could not be loaded.'),
  });
  protected readonly error = signal<string | null>(null);
  /** When the list was last answered: the waits are told against it. */
  protected readonly loadedAt = signal(new Date());
  /** Keys of the rows whose unlock is under way. */
  private readonly unlocking = new BusyKeys();

  constructor() {
    this.list.load();
  }

  protected stateOf(row: LockedLoginRow): string {
    return lockStateText(row, this.loadedAt());
  }

  protected isUnlocking(row: LockedLoginRow): boolean {
    return this.unlocking.has(keyOf(row));
  }

  /** Ask, unlock, say so, and show the list as it is now. */
  protected unlock(row: LockedLoginRow): void {
    if (this.isUnlocking(row)) {
      return;
    }
    const who = `${row.displayName} (${row.email})`;
    const where = row.platform ? 'the platform' : row.tenantName;
    askToConfirm(this.dialog, {
      title: `Unlock ${row.email}?`,
      message:
        `${who} of ${where} ${row.lockedOut ? 'is locked after too many failed attempts' : 'must wait after failed attempts'}. ` +
        'Unlocking clears the failures so that they can sign in again at once. Unlock only when you know ' +
        'the failures were theirs, not someone guessing.',
      confirm: 'Unlock',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.sendUnlock(row);
      }
    });
  }

  private sendUnlock(row: LockedLoginRow): void {
    const key = keyOf(row);
    this.unlocking.set(key, true);
    this.error.set(null);
    this.api.unlock(row).subscribe({
      next: () => {
        this.unlocking.set(key, false);
        this.snackBar.open(`${row.email} is unlocked.`, 'Close', { duration: 5000 });
        // The row and its button are gone: keep keyboard focus on the page, at its heading.
        this.list.load();
        this.focusHeading();
      },
      error: (error: unknown) => {
        this.unlocking.set(key, false);
        this.error.set(`${row.email} was not unlocked. ${generalText(error)}`);
      },
    });
  }
}

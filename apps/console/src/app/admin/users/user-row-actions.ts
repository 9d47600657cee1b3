import { Signal, WritableSignal, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CreateLoginAnswer, ResetAnswer, UserRow, UserTypeView } from '@latchkey/contracts';
import { BusyKeys } from '../../shared/busy-keys';
import { askToConfirm } from '../../shared/confirm-dialog';
import { problemText } from '../../shared/problem-text';
import { CreateUserDialog, CreateUserDialogData } from './create-user-dialog';
import { EditUserDialog, EditUserDialogData } from './edit-user-dialog';
import { ExceptionDialog, ExceptionDialogData } from './exception-dialog';
import { loginName } from './login-name';
import { ResetDialog, ResetDialogData } from './reset-dialog';
import { openUserDetail } from './user-detail-panel';
import { UsersApi } from './users-api';

/** What the row actions need of the Users page. */
export interface RowActionsHost {
  tenantId: string | null;
  types: Signal<UserTypeView[]>;
  /** A row the API answered, shown in place. */
  replaceRow: (row: UserRow) => void;
  /** Ask for the list again (a new login, a reset). */
  reload: () => void;
  /** The page's error line. */
  error: WritableSignal<string | null>;
}

const SNACK = { duration: 5000 };

/**
 * The Users page's actions on one login (its row menu, its card, its detail panel): create,
 * details, exception, reset, unlock, edit, deactivate and reactivate. Each dialog gives focus back
 * to `opener` (the row's menu button) when it closes; each message names the login by name and
 * user type. Made in the page's injection context.
 */
export class UserRowActions {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Logins whose unlock is under way. */
  readonly unlocking = new BusyKeys();
  /** Logins whose deactivation or reactivation is under way. */
  readonly activating = new BusyKeys();

  constructor(private readonly host: RowActionsHost) {}

  private say(message: string): void {
    this.snackBar.open(message, 'Close', SNACK);
  }

  create(): void {
    const tenantId = this.host.tenantId;
    if (!tenantId) return;
    const data: CreateUserDialogData = { tenantId, types: this.host.types() };
    this.dialog
      .open<CreateUserDialog, CreateUserDialogData, CreateLoginAnswer>(CreateUserDialog, { data })
      .afterClosed()
      .subscribe((answer) => {
        if (answer) {
          this.say(`${loginName(answer.user)} can now sign in.`);
          this.host.reload();
        }
      });
  }

  details(user: UserRow, opener?: HTMLElement): void {
    const tenantId = this.host.tenantId;
    if (!tenantId) return;
    const unlocked = (row: UserRow) => {
      this.host.replaceRow(row);
      this.say(`${loginName(row)} is unlocked.`);
    };
    openUserDetail(this.dialog, { tenantId, user, unlocked }, opener);
  }

  exception(user: UserRow, opener?: HTMLElement): void {
    const tenantId = this.host.tenantId;
    if (!tenantId) return;
    const data: ExceptionDialogData = { tenantId, user };
    this.dialog
      .open<ExceptionDialog, ExceptionDialogData, UserRow>(ExceptionDialog, {
        data,
        // Start on the current choice, so the arrow keys move from it (not on the first radio).
        autoFocus: '.mat-mdc-radio-checked input',
        restoreFocus: opener ?? true,
      })
      .afterClosed()
      .subscribe((row) => {
        if (row) {
          this.host.replaceRow(row);
          this.say(
            row.exception
              ? `Exception saved for ${loginName(row)}.`
              : `${loginName(row)} follows the user type again.`,
          );
        }
      });
  }

  reset(user: UserRow, opener?: HTMLElement): void {
    const tenantId = this.host.tenantId;
    if (!tenantId) return;
    const data: ResetDialogData = { tenantId, user };
    this.dialog
      .open<ResetDialog, ResetDialogData, ResetAnswer>(ResetDialog, {
        data,
        width: '520px',
        restoreFocus: opener ?? true,
      })
      .afterClosed()
      .subscribe((answer) => {
        if (answer) {
          this.say(`${loginName(user)} was reset.`);
          // The login must enrol again: the API has the new row.
          this.host.reload();
        }
      });
  }

  unlock(user: UserRow): void {
    const tenantId = this.host.tenantId;
    if (!tenantId || this.unlocking.has(user.loginId)) return;
    const busy = (on: boolean) => this.unlocking.set(user.loginId, on);
    busy(true);
    this.host.error.set(null);
    this.api.unlock(tenantId, user.loginId).subscribe({
      next: (row) => {
        busy(false);
        this.host.replaceRow(row);
        this.say(`${loginName(row)} is unlocked.`);
      },
      error: (error: unknown) => {
        busy(false);
        this.host.error.set(`${loginName(user)} was not unlocked: ${problemText(error)}`);
      },
    });
  }

  edit(user: UserRow, opener?: HTMLElement): void {
    const tenantId = this.host.tenantId;
    if (!tenantId) return;
    const data: EditUserDialogData = { tenantId, user, types: this.host.types() };
    this.dialog
      .open<EditUserDialog, EditUserDialogData, UserRow>(EditUserDialog, {
        data,
        restoreFocus: opener ?? true,
      })
      .afterClosed()
      .subscribe((row) => {
        if (row) {
          this.host.replaceRow(row);
          this.say(`${loginName(row)} is saved.`);
        }
      });
  }

  deactivate(user: UserRow): void {
    askToConfirm(this.dialog, {
      title: `Deactivate ${user.displayName}?`,
      message:
        `${user.email} can no longer sign in, and is signed out everywhere at once: this console and ` +
        'every application they signed in to through Latchkey. You can reactivate the login later.',
      confirm: 'Deactivate',
    }).subscribe((yes) => {
      if (yes) this.setActive(user, false);
    });
  }

  reactivate(user: UserRow): void {
    this.setActive(user, true);
  }

  private setActive(user: UserRow, active: boolean): void {
    const tenantId = this.host.tenantId;
    if (!tenantId || this.activating.has(user.loginId)) return;
    const busy = (on: boolean) => this.activating.set(user.loginId, on);
    busy(true);
    this.host.error.set(null);
    this.api.update(tenantId, user.loginId, { active }).subscribe({
      next: (row) => {
        busy(false);
        this.host.replaceRow(row);
        const done = active ? 'can sign in again' : 'is deactivated and signed out everywhere';
        this.say(`${loginName(row)} ${done}.`);
      },
      error: (error: unknown) => {
        busy(false);
        this.host.error.set(
          `${loginName(user)} was not ${active ? 'reactivated' : 'deactivated'}: ${problemText(error)}`,
        );
      },
    });
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTooltip } from '@angular/material/tooltip';
import { UserTypeView } from '@latchkey/contracts';
import { askToConfirm } from '../../shared/confirm-dialog';
import { Icon } from '../../shared/icon';
import { problemText } from '../../shared/problem-text';
import { SecuritySettingsApi } from './security-settings-api';
import { UserTypeDialog, UserTypeDialogData } from './user-type-dialog';

/** Why a user type with logins cannot be deleted. */
export function inUseText(loginCount: number): string {
  const logins = loginCount === 1 ? '1 login has' : `${loginCount} logins have`;
  return `${logins} this type (deactivated ones included): give them another type under Users first.`;
}

/**
 * A user type's own actions in the Security settings table: rename it (a small dialog), and
 * delete it once no login has it (after a confirmation). Tells the page what changed.
 */
@Component({
  selector: 'app-user-type-actions',
  imports: [Icon, MatButton, MatIconButton, MatTooltip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      class="rename"
      [attr.aria-label]="'Rename ' + type().name"
      matTooltip="Rename"
      (click)="rename()"
      data-testid="rename-user-type"
    >
      <app-icon name="edit" [size]="18" />
    </button>
    <button
      mat-button
      type="button"
      class="delete"
      [disabled]="!deletable() || busy()"
      [disabledInteractive]="!deletable()"
      [matTooltip]="deletable() ? '' : inUse()"
      [attr.aria-label]="'Delete ' + type().name"
      (click)="remove()"
      data-testid="delete-user-type"
    >
      Delete
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin-left: 4px;
      vertical-align: middle;
    }
  `,
})
export class UserTypeActions {
  private readonly api = inject(SecuritySettingsApi);
  private readonly dialog = inject(MatDialog);

  readonly type = input.required<UserTypeView>();
  readonly tenantId = input.required<string>();
  /** The API's answer to a rename. */
  readonly renamed = output<UserTypeView>();
  /** The type is gone. */
  readonly deleted = output<UserTypeView>();
  /** A delete the API refused, in words. */
  readonly failed = output<string>();

  protected readonly busy = signal(false);
  protected readonly deletable = computed(() => this.type().loginCount === 0);
  protected readonly inUse = computed(() => inUseText(this.type().loginCount));

  protected rename(): void {
    const data: UserTypeDialogData = {
      tenantId: this.tenantId(),
      type: this.type(),
      minimum: null,
      chooseMethod: false,
    };
    this.dialog
      .open<UserTypeDialog, UserTypeDialogData, UserTypeView>(UserTypeDialog, { data })
      .afterClosed()
      .subscribe((view) => {
        if (view) {
          this.renamed.emit(view);
        }
      });
  }

  protected remove(): void {
    const type = this.type();
    if (!this.deletable() || this.busy()) {
      return;
    }
    askToConfirm(this.dialog, {
      title: `Delete the user type ${type.name}?`,
      message:
        'No login has this type. An application that admits only this type admits nobody until you ' +
        'change its list.',
      confirm: 'Delete',
    }).subscribe((yes) => {
      if (!yes) {
        return;
      }
      this.busy.set(true);
      this.api.deleteUserType(this.tenantId(), type.id).subscribe({
        next: () => {
          this.busy.set(false);
          this.deleted.emit(type);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.failed.emit(`${type.name} was not deleted: ${problemText(error)}`);
        },
      });
    });
  }
}

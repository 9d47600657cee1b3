import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { LoginDetail, METHOD_LABELS, UserRow, auditActionLabel } from '@latchkey/contracts';
import { DateTimePipe } from '../../shared/date-time';
import { DIALOG_PARTS } from '../../shared/dialog-parts';
import { problemText } from '../../shared/problem-text';
import { Submission } from '../../shared/submission';
import { loginName } from './login-name';
import { UsersApi } from './users-api';

/** The owner's audit log, filtered by person with `?loginId=` (shell/shell.routes.ts). */
export const AUDIT_LOG_PATH = '/admin/audit-log';

export interface UserDetailData {
  tenantId: string;
  user: UserRow;
  /** The login was unlocked from the panel: the page shows its new row. */
  unlocked: (row: UserRow) => void;
}

/**
 * One login in a side panel: devices, PIN, backup codes, last sign-in and second factor, lock and
 * why (with Unlock), exception and who set it, and its recent audit events with a link to all of
 * them. Asked for once when it opens; Escape closes it and focus goes back to what opened it.
 */
@Component({
  selector: 'app-user-detail-panel',
  imports: [DIALOG_PARTS, MatButton, MatProgressBar, RouterLink, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-detail-panel.html',
  styleUrl: './user-detail-panel.scss',
})
export class UserDetailPanel {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<UserDetailPanel, void>>(MatDialogRef);
  private readonly data = inject<UserDetailData>(MAT_DIALOG_DATA);

  protected readonly detail = signal<LoginDetail | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** The row as the list had it, until the detail comes. */
  protected readonly user = computed(() => this.detail()?.user ?? this.data.user);
  protected readonly name = computed(() => loginName(this.user()));
  protected readonly labels = METHOD_LABELS;
  protected readonly actionLabel = auditActionLabel;
  protected readonly auditLogPath = AUDIT_LOG_PATH;
  protected readonly unlocking = new Submission();

  constructor() {
    this.api.detail(this.data.tenantId, this.data.user.loginId).subscribe({
      next: (detail) => this.detail.set(detail),
      error: (error: unknown) => this.loadError.set(`The details could not be loaded: ${problemText(error)}`),
    });
  }

  protected unlock(): void {
    if (!this.unlocking.ready()) {
      return;
    }
    this.unlocking.send(this.api.unlock(this.data.tenantId, this.data.user.loginId), {
      next: (row) => {
        this.detail.update(
          (detail) =>
            detail && {
              ...detail,
              user: row,
              lock: { locked: false, hard: false, until: null, failedAttempts: 0, reason: null },
            },
        );
        this.data.unlocked(row);
      },
      error: (error) => `${this.name()} was not unlocked: ${problemText(error)}`,
    });
  }

  protected close(): void {
    this.ref.close();
  }
}

/** Open the panel of `data.user` at the window's right; focus returns to `opener` when it closes. */
export function openUserDetail(dialog: MatDialog, data: UserDetailData, opener?: HTMLElement): void {
  dialog.open<UserDetailPanel, UserDetailData, void>(UserDetailPanel, {
    data,
    position: { top: '0', right: '0' },
    height: '100%',
    width: '440px',
    maxWidth: '100vw',
    ariaLabelledBy: 'user-detail-title',
    restoreFocus: opener ?? true,
  });
}

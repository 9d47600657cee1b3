import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ResetAnswer, UserRow } from '@latchkey/contracts';
import { CopyButton } from '../../shared/copy-button';
import { DIALOG_PARTS } from '../../shared/dialog-parts';
import { focusAfterRender } from '../../core/focus-after-render';
import { formatMoment } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { Submission } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { UsersApi } from './users-api';
import { escapeAsDone } from '../../shared/escape-as-done';

export interface ResetDialogData {
  tenantId: string;
  user: UserRow;
}

/**
 * The "phone" action: says what a reset removes, resets once confirmed, then shows the one-time
 * handover code this once (or that the user enrols directly). Closes with the API's answer.
 */
@Component({
  selector: 'app-reset-dialog',
  imports: [DIALOG_PARTS, SubmitActions, CopyButton, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reset-dialog.html',
  styles: `
    .handover {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-bottom: 12px;
    }
    code {
      font:
        500 1.5rem / 1.4 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
      letter-spacing: 0.08em;
      padding: 6px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      user-select: all;
    }
  `,
})
export class ResetDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<ResetDialog, ResetAnswer>>(MatDialogRef);
  private readonly data = inject<ResetDialogData>(MAT_DIALOG_DATA);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focusResultTitle = focusAfterRender(() => this.resultTitle());
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');

  protected readonly user = this.data.user;
  protected readonly sending = new Submission();
  protected readonly answer = signal<ResetAnswer | null>(null);

  protected reset(): void {
    if (!this.sending.ready()) {
      return;
    }
    this.sending.send(this.api.reset(this.data.tenantId, this.user.loginId), {
      next: (answer) => {
        // The reset is done and a code may be on screen: a stray click outside must not lose it.
        // Escape stays a deliberate way out, like Done.
        escapeAsDone(this.ref, this.destroyRef, () => this.done());
        this.answer.set(answer);
        // The confirm button that had focus is gone: keep focus in the dialog, on its new title.
        this.focusResultTitle();
      },
      error: problemText,
    });
  }

  /** "It works once, until 24 Nov 2026, 10:15. After their password …" */
  protected expiry(answer: ResetAnswer): string {
    const until = answer.handoverExpiresAt ? `, until ${formatMoment(answer.handoverExpiresAt)}` : '';
    return `It works once${until}. After their password they type it, then set up their second factor again.`;
  }

  protected done(): void {
    this.ref.close(this.answer() ?? undefined);
  }
}

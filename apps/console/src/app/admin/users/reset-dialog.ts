import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ResetAnswer, UserRow } from '@latchkey/contracts';
import { filter } from 'rxjs';
import { formatMoment } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { UsersApi } from './users-api';

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
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatProgressBar],
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
  private readonly clipboard = inject(Clipboard);
  private readonly data = inject<ResetDialogData>(MAT_DIALOG_DATA);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');

  protected readonly user = this.data.user;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly answer = signal<ResetAnswer | null>(null);
  protected readonly copied = signal(false);

  protected reset(): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.reset(this.data.tenantId, this.user.loginId).subscribe({
      next: (answer) => {
        this.busy.set(false);
        // The reset is done and a code may be on screen: a stray click outside must not lose it.
        // Escape stays a deliberate way out, like Done.
        this.ref.disableClose = true;
        this.ref
          .keydownEvents()
          .pipe(
            filter((event) => event.key === 'Escape'),
            takeUntilDestroyed(this.destroyRef),
          )
          .subscribe(() => this.done());
        this.answer.set(answer);
        // The confirm button that had focus is gone: keep focus in the dialog, on its new title.
        afterNextRender(() => this.resultTitle()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(problemText(error));
      },
    });
  }

  /** "It works once, until 24 Nov 2026, 10:15. After their password …" */
  protected expiry(answer: ResetAnswer): string {
    const until = answer.handoverExpiresAt ? `, until ${formatMoment(answer.handoverExpiresAt)}` : '';
    return `It works once${until}. After their password they type it, then set up their second factor again.`;
  }

  protected copy(code: string): void {
    this.copied.set(this.clipboard.copy(code));
  }

  protected done(): void {
    this.ref.close(this.answer() ?? undefined);
  }
}

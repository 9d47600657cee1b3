import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ApiTokenCreatedAnswer } from '@latchkey/contracts';
import { filter } from 'rxjs';
import { CopyButton } from '../../shared/copy-button';
import { DIALOG_PARTS } from '../../shared/dialog-parts';
import { scopesText } from './api-token-text';

/** The words beside a new token: the console shows it this once. */
export const TOKEN_SHOWN_ONCE =
  "Shown once: store it in your back end's secrets now. Latchkey keeps only a hash: a lost token " +
  'cannot be shown again; revoke it and make a new one.';

/**
 * A new API token, this once, with a Copy button and how to send it. Only Done or Escape closes
 * it, so that a stray click does not lose the token.
 */
@Component({
  selector: 'app-token-secret-dialog',
  imports: [DIALOG_PARTS, CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ answer.token.name }} is ready</h2>
    <mat-dialog-content>
      <p class="lk-notice" data-testid="token-warning">{{ shownOnce }}</p>
      <div class="secret">
        <code data-testid="token-secret">{{ answer.secret }}</code>
        <app-copy-button
          [text]="answer.secret"
          copyLabel="Copy the API token"
          copiedLabel="API token copied"
          testId="copy-token"
        />
      </div>
      <p data-testid="token-scopes">It may: {{ scopes }}.</p>
      <p data-testid="token-usage">
        Your back end sends it on each call to this account's routes, in the header
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" (click)="done()" data-testid="token-done">Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .secret {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 16px 0;
    }
    .secret code {
      flex: 1;
      font:
        500 1rem / 1.4 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
      padding: 6px 10px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      user-select: all;
      word-break: break-all;
    }
  `,
})
export class TokenSecretDialog {
  private readonly ref = inject<MatDialogRef<TokenSecretDialog, void>>(MatDialogRef);
  protected readonly answer = inject<ApiTokenCreatedAnswer>(MAT_DIALOG_DATA);
  protected readonly shownOnce = TOKEN_SHOWN_ONCE;
  protected readonly scopes = scopesText(this.answer.token.scopes);

  constructor() {
    // Nothing closes it by accident; Escape stays a deliberate way out, like Done.
    this.ref.disableClose = true;
    this.ref
      .keydownEvents()
      .pipe(
        filter((event) => event.key === 'Escape'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.done());
  }

  protected done(): void {
    this.ref.close();
  }
}

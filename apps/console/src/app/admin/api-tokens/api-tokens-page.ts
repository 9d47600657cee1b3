import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { ApiTokenCreatedAnswer, ApiTokenView } from '@latchkey/contracts';
import { focusAfterRender } from '../../core/focus-after-render';
import { SessionStore } from '../../core/session-store';
import { askToConfirm } from '../../shared/confirm-dialog';
import { ErrorLine } from '../../shared/error-line';
import { ListBar } from '../../shared/list-bar';
import { ListEmpty } from '../../shared/list-empty';
import { ownerLoad } from '../../shared/owner-load';
import { formatMoment } from '../../shared/policy-text';
import { RowCalls } from '../../shared/row-calls';
import { TableFrame } from '../../shared/table-frame';
import { ApiTokenDialog, ApiTokenDialogData } from './api-token-dialog';
import { expiryText, lastUsedText, scopesText, stateText } from './api-token-text';
import { ApiTokensApi } from './api-tokens-api';
import { TokenSecretDialog } from './token-secret-dialog';

/**
 * Admin → API tokens: the tokens with which the vendor's back end creates and changes this
 * account's logins and user types. An owner makes one (its secret shown once) and revokes one
 * after confirming; revoked and expired tokens stay listed.
 */
@Component({
  selector: 'app-api-tokens-page',
  imports: [ErrorLine, ListBar, ListEmpty, MatButton, MatTableModule, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens-page.html',
  styleUrl: './api-tokens-page.scss',
})
export class ApiTokensPage {
  private readonly api = inject(ApiTokensApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly tenantId = inject(SessionStore).me()?.tenantId ?? null;
  private readonly focusHeading = focusAfterRender(() => this.heading());
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly columns = ['name', 'scopes', 'expires', 'used', 'state', 'actions'];
  protected readonly trackToken = (_index: number, token: ApiTokenView): string => token.id;
  protected readonly canRetry = this.tenantId !== null;

  protected readonly tokens = signal<ApiTokenView[]>([]);
  protected readonly list = ownerLoad(this.tenantId, {
    fetch: (tenantId) => this.api.list(tenantId),
    next: (tokens) => this.tokens.set(tokens),
    failed: 'The API tokens could not be loaded.',
    ownersOnly: 'API tokens are for account owners.',
  });
  /** Revocations under way, and the line when one failed. */
  protected readonly calls = new RowCalls();

  constructor() {
    this.list.load();
  }

  protected isBusy(token: ApiTokenView): boolean {
    return this.calls.has(token);
  }

  protected scopesOf(token: ApiTokenView): string {
    return scopesText(token.scopes);
  }

  protected madeBy(token: ApiTokenView): string {
    const when = formatMoment(token.createdAt);
    return token.createdBy ? `Made by ${token.createdBy}, ${when}` : `Made ${when}`;
  }

  protected expiresOf(token: ApiTokenView): string {
    return expiryText(token);
  }

  protected usedOf(token: ApiTokenView): string {
    return lastUsedText(token);
  }

  protected stateOf(token: ApiTokenView): string {
    return stateText(token);
  }

  protected make(): void {
    const tenantId = this.tenantId;
    if (!tenantId) {
      return;
    }
    this.dialog
      .open<ApiTokenDialog, ApiTokenDialogData, ApiTokenCreatedAnswer>(ApiTokenDialog, {
        data: { tenantId },
        width: '600px',
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) {
          return;
        }
        this.calls.error.set(null);
        this.tokens.update((tokens) => [created.token, ...tokens]);
        this.dialog.open<TokenSecretDialog, ApiTokenCreatedAnswer, void>(TokenSecretDialog, {
          data: created,
          width: '600px',
        });
      });
  }

  /** Ask, naming the token, then revoke it; its row stays, marked revoked. */
  protected revoke(token: ApiTokenView): void {
    const tenantId = this.tenantId;
    if (!tenantId || token.revokedAt !== null || this.isBusy(token)) {
      return;
    }
    askToConfirm(this.dialog, {
      title: `Revoke ${token.name}?`,
      message:
        `${token.name} stops working at once: every call your back end makes with it is refused. ` +
        'This cannot be undone: to call the API again, make a new token.',
      confirm: 'Revoke',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.calls.run(token, this.api.revoke(tenantId, token.id), 'was not revoked', () => {
          const revokedAt = new Date().toISOString();
          this.tokens.update((tokens) => tokens.map((t) => (t.id === token.id ? { ...t, revokedAt } : t)));
          this.snackBar.open(`${token.name} is revoked.`, 'Close', { duration: 5000 });
          // Its Revoke button is gone: keep keyboard focus on the page, at its heading.
          this.focusHeading();
        });
      }
    });
  }
}

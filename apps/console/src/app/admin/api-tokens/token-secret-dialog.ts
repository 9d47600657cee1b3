import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { ApiTokenCreatedAnswer } from '@latchkey/contracts';
import { CopyValue } from '../../shared/copy-value';
import { ShownOnceFrame } from '../../shared/shown-once-frame';
import { scopesText } from './api-token-text';

/** The words beside a new token: the console shows it this once. */
export const TOKEN_SHOWN_ONCE =
  "Shown once: store it in your back end's secrets now. Latchkey keeps only a hash: a lost token " +
  'cannot be shown again; revoke it and make a new one.';

/**
 * A new API token, this once, with a Copy button and how to send it. Only Done or Escape closes
 * it (`ShownOnceFrame`), so that a stray click does not lose the token.
 */
@Component({
  selector: 'app-token-secret-dialog',
  imports: [ShownOnceFrame, CopyValue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-shown-once-frame [title]="title" doneTestId="token-done">
      <p class="lk-notice" data-testid="token-warning">{{ shownOnce }}</p>
      <app-copy-value
        class="secret"
        [text]="answer.secret"
        testId="token-secret"
        copyTestId="copy-token"
        copyLabel="Copy the API token"
        copiedLabel="API token copied"
      />
      <p data-testid="token-scopes">It may: {{ scopes }}.</p>
      <p data-testid="token-usage">
        Your back end sends it on each call to this account's routes, in the header
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
    </app-shown-once-frame>
  `,
  styles: `
    .secret {
      margin: 16px 0;
    }
  `,
})
export class TokenSecretDialog {
  protected readonly answer = inject<ApiTokenCreatedAnswer>(MAT_DIALOG_DATA);
  protected readonly title = `${this.answer.token.name} is ready`;
  protected readonly shownOnce = TOKEN_SHOWN_ONCE;
  protected readonly scopes = scopesText(this.answer.token.scopes);
}

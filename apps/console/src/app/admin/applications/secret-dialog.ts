import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { ApplicationCreatedAnswer } from '@latchkey/contracts';
import { CopyValue } from '../../shared/copy-value';
import { ShownOnceFrame } from '../../shared/shown-once-frame';

export interface SecretDialogData {
  answer: ApplicationCreatedAnswer;
  /** A new secret of an application registered before (its old secret stopped working). */
  rotated: boolean;
}

/** The words beside a client secret: the console shows it this once. */
export const SHOWN_ONCE =
  "Shown once: store it in the application's configuration now. Latchkey keeps only a hash.";

/** Where an application's developer finds the provider's endpoints. */
export function discoveryUrl(origin: string): string {
  return `${origin}/oidc/.well-known/openid-configuration`;
}

/**
 * What the vendor of an application needs, after it is registered or its secret rotated: its
 * client_id, its client secret this once (a confidential application) and the discovery URL, each
 * with a Copy button. Only Done or Escape closes it (`ShownOnceFrame`), so that a stray click does
 * not lose the secret.
 */
@Component({
  selector: 'app-secret-dialog',
  imports: [ShownOnceFrame, CopyValue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-shown-once-frame [title]="title" doneTestId="secret-done">
      @if (secret; as secret) {
        <p class="lk-notice" data-testid="secret-warning">
          {{ shownOnce }}
          @if (data.rotated) {
            The old secret no longer works.
          }
        </p>
      } @else {
        <p data-testid="no-secret">A public application has no client secret: it signs in with PKCE.</p>
      }
      <dl>
        @if (secret; as secret) {
          <dt>Client secret</dt>
          <dd>
            <app-copy-value
              [text]="secret"
              testId="client-secret"
              copyTestId="copy-secret"
              copyLabel="Copy the client secret"
              copiedLabel="Client secret copied"
            />
          </dd>
        }
        <dt>Client ID (client_id)</dt>
        <dd>
          <app-copy-value
            [text]="application.id"
            testId="client-id"
            copyTestId="copy-client-id"
            copyLabel="Copy the client ID"
            copiedLabel="Client ID copied"
          />
        </dd>
        <dt>Discovery URL (available once the OpenID provider is switched on)</dt>
        <dd>
          <app-copy-value
            [text]="discovery"
            testId="discovery-url"
            copyTestId="copy-discovery"
            copyLabel="Copy the discovery URL"
            copiedLabel="Discovery URL copied"
          />
        </dd>
      </dl>
    </app-shown-once-frame>
  `,
  styles: `
    dl {
      margin: 0;
    }
    dt {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    dd {
      margin: 0;
    }
  `,
})
export class SecretDialog {
  protected readonly data = inject<SecretDialogData>(MAT_DIALOG_DATA);

  protected readonly application = this.data.answer.application;
  protected readonly secret = this.data.answer.clientSecret;
  protected readonly shownOnce = SHOWN_ONCE;
  protected readonly discovery = discoveryUrl(inject(DOCUMENT).location.origin);
  protected readonly title = this.data.rotated
    ? `New client secret for ${this.application.name}`
    : `${this.application.name} is registered`;
}

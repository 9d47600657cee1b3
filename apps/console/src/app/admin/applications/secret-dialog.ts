import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ApplicationCreatedAnswer } from '@latchkey/contracts';
import { filter } from 'rxjs';
import { CopyButton } from '../../shared/copy-button';
import { DIALOG_PARTS } from '../../shared/dialog-parts';

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
 * with a Copy button. Only Done or Escape closes it, so that a stray click does not lose the secret.
 */
@Component({
  selector: 'app-secret-dialog',
  imports: [DIALOG_PARTS, CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <mat-dialog-content>
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
            <code data-testid="client-secret">{{ secret }}</code>
            <app-copy-button
              [text]="secret"
              copyLabel="Copy the client secret"
              copiedLabel="Client secret copied"
              testId="copy-secret"
            />
          </dd>
        }
        <dt>Client ID (client_id)</dt>
        <dd>
          <code data-testid="client-id">{{ application.id }}</code>
          <app-copy-button
            [text]="application.id"
            copyLabel="Copy the client ID"
            copiedLabel="Client ID copied"
            testId="copy-client-id"
          />
        </dd>
        <dt>Discovery URL (available once the OpenID provider is switched on)</dt>
        <dd>
          <code data-testid="discovery-url">{{ discovery }}</code>
          <app-copy-button
            [text]="discovery"
            copyLabel="Copy the discovery URL"
            copiedLabel="Discovery URL copied"
            testId="copy-discovery"
          />
        </dd>
      </dl>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" (click)="done()" data-testid="secret-done">Done</button>
    </mat-dialog-actions>
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
      display: flex;
      align-items: center;
      gap: 12px;
    }
    code {
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
export class SecretDialog {
  private readonly ref = inject<MatDialogRef<SecretDialog, void>>(MatDialogRef);
  protected readonly data = inject<SecretDialogData>(MAT_DIALOG_DATA);

  protected readonly application = this.data.answer.application;
  protected readonly secret = this.data.answer.clientSecret;
  protected readonly shownOnce = SHOWN_ONCE;
  protected readonly discovery = discoveryUrl(inject(DOCUMENT).location.origin);
  protected readonly title = this.data.rotated
    ? `New client secret for ${this.application.name}`
    : `${this.application.name} is registered`;

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

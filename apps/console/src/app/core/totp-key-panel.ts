import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TotpEnrolment } from '@latchkey/contracts';

/**
 * A new authenticator key to add to an app: the QR code to scan, or the key in groups to type,
 * with a button that copies it without its spaces. Shared by the sign-in wizard and the profile.
 */
@Component({
  selector: 'app-totp-key-panel',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <img
      class="qr"
      [src]="enrolment().qrCode"
      [width]="qrSize()"
      [height]="qrSize()"
      [alt]="'QR code that adds ' + enrolment().label + ' to your authenticator app'"
      [attr.data-testid]="qrTestId()"
    />
    <p class="hint">Cannot scan it? Choose "Enter a setup key" in the app and type this key:</p>
    <div class="secret">
      <code [attr.data-testid]="secretTestId()">{{ enrolment().secretGroups }}</code>
      <button mat-stroked-button type="button" (click)="copy()" [attr.data-testid]="copyTestId()">
        {{ copied() ? 'Copied' : 'Copy key' }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .qr {
      display: block;
      margin: 0 auto 12px;
      image-rendering: pixelated;
      background: #fff;
    }
    .hint {
      margin: 0 0 8px;
    }
    .secret {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
    }
    code {
      font-size: 1.05rem;
      letter-spacing: 0.05em;
      word-break: break-word;
      user-select: all;
    }
  `,
})
export class TotpKeyPanel {
  private readonly clipboard = inject(Clipboard);

  readonly enrolment = input.required<TotpEnrolment>();
  /** Width and height of the QR code, in CSS pixels. */
  readonly qrSize = input(200);
  readonly qrTestId = input('totp-qr');
  /** The test id of the key shown in groups. */
  readonly secretTestId = input('totp-secret');
  readonly copyTestId = input('copy-secret');

  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.enrolment().secret));
  }
}

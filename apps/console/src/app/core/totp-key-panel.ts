import { Clipboard } from '@angular/cdk/clipboard';
import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { DomSanitizer, SafeUrl } from '@angular/platform-browser';
import { TotpEnrolment } from '@latchkey/contracts';
import { map } from 'rxjs';

/** A phone: the authenticator app is on this device, so its link comes before the QR code. */
export const PHONE_WIDTH = '(max-width: 600px)';

/** Only an authenticator key's own address may become a link (Angular refuses the scheme otherwise). */
const OTPAUTH_URI = /^otpauth:\/\/totp\//;

/**
 * A new authenticator key to add to an app: the QR code to scan, or the key in groups to type,
 * with a button that copies it without its spaces, and a link that opens the key in an
 * authenticator app on this device — above the QR code on a phone, where scanning is awkward.
 * Shared by the sign-in wizard and the profile.
 */
@Component({
  selector: 'app-totp-key-panel',
  imports: [MatButton, NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (phone()) {
      <ng-container *ngTemplateOutlet="openInApp" />
    }
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
    @if (!phone()) {
      <ng-container *ngTemplateOutlet="openInApp" />
    }
    <ng-template #openInApp>
      @if (appLink(); as href) {
        <p class="open-app">
          <a mat-stroked-button [href]="href" data-testid="open-in-app">Open in your authenticator app</a>
          @if (phone()) {
            <span class="hint">Or scan the QR code below from another device.</span>
          }
        </p>
      }
    </ng-template>
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
    .open-app {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin: 0 0 12px;
    }
    .open-app .hint {
      margin: 0;
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
  private readonly sanitizer = inject(DomSanitizer);

  readonly enrolment = input.required<TotpEnrolment>();
  /** Width and height of the QR code, in CSS pixels. */
  readonly qrSize = input(200);
  readonly qrTestId = input('totp-qr');
  /** The test id of the key shown in groups. */
  readonly secretTestId = input('totp-secret');
  readonly copyTestId = input('copy-secret');

  protected readonly copied = signal(false);
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_WIDTH)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** The key's otpauth address as a link, once it is one. */
  protected readonly appLink = computed<SafeUrl | null>(() => {
    const uri = this.enrolment().otpauthUri;
    return OTPAUTH_URI.test(uri) ? this.sanitizer.bypassSecurityTrustUrl(uri) : null;
  });

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.enrolment().secret));
  }
}

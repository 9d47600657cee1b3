import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';

/**
 * "Copy" beside a secret shown once (an initial password, a one-time code): puts `text` on the
 * clipboard and then reads "Copied".
 */
@Component({
  selector: 'app-copy-button',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      (click)="copy()"
      [attr.aria-label]="copied() ? copiedLabel() : copyLabel()"
      [attr.data-testid]="testId()"
    >
      {{ copied() ? 'Copied' : 'Copy' }}
    </button>
  `,
})
export class CopyButton {
  private readonly clipboard = inject(Clipboard);

  readonly text = input.required<string>();
  readonly testId = input.required<string>();
  /** The button's name before copying ("Copy the password"); absent, its text names it. */
  readonly copyLabel = input<string | null>(null);
  /** Its name once copied ("Password copied"). */
  readonly copiedLabel = input<string | null>(null);

  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.text()));
  }
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CopyButton } from './copy-button';

/**
 * A value for someone to copy into another system (a secret shown once, a client ID): in a
 * monospace box across the line, selected whole by one click, with its Copy button beside it.
 */
@Component({
  selector: 'app-copy-value',
  imports: [CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <code [attr.data-testid]="testId()">{{ text() }}</code>
    <app-copy-button
      [text]="text()"
      [copyLabel]="copyLabel()"
      [copiedLabel]="copiedLabel()"
      [testId]="copyTestId()"
    />
  `,
  styles: `
    :host {
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
export class CopyValue {
  readonly text = input.required<string>();
  /** The value's own test id, on its box. */
  readonly testId = input.required<string>();
  readonly copyTestId = input.required<string>();
  /** The button's name before copying ("Copy the client secret"). */
  readonly copyLabel = input.required<string>();
  /** Its name once copied ("Client secret copied"). */
  readonly copiedLabel = input.required<string>();
}

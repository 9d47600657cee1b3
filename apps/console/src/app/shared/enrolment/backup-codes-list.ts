import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, LOCALE_ID, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { FileDownload } from '../file-download';
import { SessionStore } from '../../core/session-store';
import { BACKUP_CODES_FILE, BackupCodesPrinter, backupCodesText } from '../backup-codes-file';

/**
 * Backup codes on screen, this once: the list, a copy button, a download as a text file and a
 * print of just the codes.
 */
@Component({
  selector: 'app-backup-codes-list',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="codes" data-testid="backup-codes">
      @for (code of codes(); track code) {
        <li>
          <code data-testid="backup-code">{{ code }}</code>
        </li>
      }
    </ol>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="copy()" data-testid="copy-backup-codes">
        {{ copied() ? 'Copied' : 'Copy' }}
      </button>
      <button mat-stroked-button type="button" (click)="download()" data-testid="download-backup-codes">
        Download (.txt)
      </button>
      <button mat-stroked-button type="button" (click)="print()" data-testid="print-backup-codes">
        Print
      </button>
    </div>
  `,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 6px 16px;
      margin: 0 0 12px;
      padding: 12px 12px 12px 32px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);
    }
    code {
      font-size: 0.95rem;
      user-select: all;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class BackupCodesList {
  private readonly clipboard = inject(Clipboard);
  private readonly files = inject(FileDownload);
  private readonly printer = inject(BackupCodesPrinter);
  private readonly session = inject(SessionStore);
  private readonly locale = inject(LOCALE_ID);

  readonly codes = input.required<readonly string[]>();
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.codes().join('\n')));
  }

  protected download(): void {
    const me = this.session.me();
    const codes = this.codes();
    const text = me ? backupCodesText(codes, me, new Date(), this.locale) : [...codes, ''].join('\n');
    this.files.save(new Blob([text], { type: 'text/plain;charset=utf-8' }), BACKUP_CODES_FILE);
  }

  protected print(): void {
    this.printer.print(this.codes(), this.session.me(), new Date(), this.locale);
  }
}

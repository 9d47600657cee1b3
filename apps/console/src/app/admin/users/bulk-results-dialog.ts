import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog } from '@angular/material/dialog';
import { BulkAction, BulkAnswer } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { CopyButton } from '../../shared/copy-button';
import { formatDateTime } from '../../shared/date-time';
import { FileDownload } from '../../shared/file-download';
import { ShownOnceFrame } from '../../shared/shown-once-frame';
import { handoverCodes, handoverCodesFileName, handoverCodesText } from './handover-codes-file';
import { loginName } from './login-name';

const DONE_WORDS: Record<BulkAction, string> = {
  reset: 'Reset',
  unlock: 'Unlock',
  'set-exception': 'Set exception',
  'clear-exception': 'Clear exception',
  'sign-out': 'Sign out',
};

/**
 * What a bulk action did to each login: done or refused, and why. After a reset, the handover
 * codes, shown this once with Copy and Download (a text file, one line per login). Only Done or
 * Escape closes it, so that a stray click does not lose the codes.
 */
@Component({
  selector: 'app-bulk-results-dialog',
  imports: [ShownOnceFrame, CopyButton, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './bulk-results-dialog.html',
  styleUrl: './bulk-results-dialog.scss',
})
export class BulkResultsDialog {
  private readonly files = inject(FileDownload);
  protected readonly answer = inject<BulkAnswer>(MAT_DIALOG_DATA);

  protected readonly title =
    `${DONE_WORDS[this.answer.action]}: ${this.answer.done} done` +
    (this.answer.refused > 0 ? `, ${this.answer.refused} refused` : '');
  protected readonly codes = handoverCodes(this.answer.results);
  protected readonly codesText = handoverCodesText(this.codes);
  protected readonly loginName = loginName;
  protected readonly formatDateTime = formatDateTime;

  protected download(): void {
    const file = new Blob([this.codesText], { type: 'text/plain;charset=utf-8' });
    this.files.save(file, handoverCodesFileName(new Date()));
  }
}

/** Show a bulk action's answer; completes once it is closed. */
export function showBulkResults(dialog: MatDialog, answer: BulkAnswer): Observable<void> {
  return dialog
    .open<BulkResultsDialog, BulkAnswer, void>(BulkResultsDialog, { data: answer, width: '640px' })
    .afterClosed();
}

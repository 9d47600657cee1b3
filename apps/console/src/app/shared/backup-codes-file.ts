import { DOCUMENT, formatDate } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { Me } from '@latchkey/contracts';

export const BACKUP_CODES_FILE = 'latchkey-backup-codes.txt';
export const BACKUP_CODES_TITLE = 'Latchkey backup codes';

/** Who the codes are for and when they were made, then how to keep them: the lines above the codes. */
function aboutLines(me: Me | null, made: Date, locale: string): string[] {
  const lines: string[] = [];
  if (me) {
    const place = me.tenantName
      ? `${me.tenantName}${me.userTypeName ? ` (${me.userTypeName})` : ''}`
      : 'Platform';
    lines.push(`For ${me.email} at ${place}`);
  }
  lines.push(
    `Made ${formatDate(made, 'medium', locale)}`,
    '',
    'Each code works once, in place of a code from your authenticator app.',
    'Keep them somewhere safe, away from your phone.',
  );
  return lines;
}

/** The backup codes as a text file: who they are for, when they were made, one code a line. */
export function backupCodesText(codes: readonly string[], me: Me, made: Date, locale: string): string {
  return [BACKUP_CODES_TITLE, ...aboutLines(me, made, locale), '', ...codes, ''].join('\n');
}

/**
 * Writes the page that prints the codes into `page` (an empty document): the title, who they
 * are for and when they were made, and the codes in a numbered list; nothing else of the console.
 * Built from text nodes, never from markup.
 */
export function writeBackupCodesPage(
  page: Document,
  codes: readonly string[],
  me: Me | null,
  made: Date,
  locale: string,
): void {
  page.title = BACKUP_CODES_TITLE;
  const style = page.createElement('style');
  style.textContent = `
    body { font: 12pt/1.4 system-ui, sans-serif; margin: 16mm; color: #000; }
    h1 { font-size: 16pt; margin: 0 0 8pt; }
    p { margin: 0; }
    ol { margin: 12pt 0 0; padding-left: 24pt; columns: 2; font: 14pt/2 ui-monospace, monospace; }
  `;
  page.head.append(style);
  const heading = page.createElement('h1');
  heading.textContent = BACKUP_CODES_TITLE;
  const about = aboutLines(me, made, locale)
    .filter((line) => line !== '')
    .map((line) => {
      const p = page.createElement('p');
      p.textContent = line;
      return p;
    });
  const list = page.createElement('ol');
  for (const code of codes) {
    const item = page.createElement('li');
    item.textContent = code;
    list.append(item);
  }
  page.body.replaceChildren(heading, ...about, list);
}

/**
 * Prints the backup codes, and only them: a hidden frame holding their page, printed with the
 * browser's dialog and removed afterwards (or at the next print).
 */
@Injectable({ providedIn: 'root' })
export class BackupCodesPrinter {
  private readonly document = inject(DOCUMENT);
  private frame: HTMLIFrameElement | null = null;

  print(codes: readonly string[], me: Me | null, made: Date, locale: string): void {
    this.frame?.remove();
    const frame = this.document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 0; height: 0; border: 0;';
    this.document.body.append(frame);
    this.frame = frame;
    const view = frame.contentWindow;
    if (!view) {
      frame.remove();
      return;
    }
    writeBackupCodesPage(view.document, codes, me, made, locale);
    view.addEventListener('afterprint', () => frame.remove(), { once: true });
    view.focus();
    view.print();
  }
}

import { TestBed } from '@angular/core/testing';
import { me } from '../../testing/fixtures';
import { BackupCodesPrinter, backupCodesText, writeBackupCodesPage } from './backup-codes-file';

const CODES = ['1-abcd-efgh-jk', '2-mnpq-rstu-vw', '3-<b>x</b>-2345-67'];
const MADE = new Date('2026-11-24T10:00:00Z');

describe('backup codes on paper', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes the text file: who, when, then one code a line', () => {
    const text = backupCodesText(CODES, me('user'), MADE, 'en-US');

    expect(text.startsWith('Latchkey backup codes\nFor ')).toBe(true);
    expect(text).toContain('Made Nov 24, 2026');
    expect(text.endsWith(`\n\n${CODES.join('\n')}\n`)).toBe(true);
  });

  it('writes a page of just the codes, from text and never markup', () => {
    const page = document.implementation.createHTMLDocument('');

    writeBackupCodesPage(page, CODES, me('user'), MADE, 'en-US');

    expect(page.title).toBe('Latchkey backup codes');
    expect(page.querySelector('h1')?.textContent).toBe('Latchkey backup codes');
    expect(page.body.textContent).toContain(me('user').email);
    expect(Array.from(page.querySelectorAll('ol > li')).map((li) => li.textContent)).toEqual(CODES);
    expect(page.querySelector('b')).toBeNull();
  });

  it('prints that page from a hidden frame, then removes the frame', () => {
    const page = document.implementation.createHTMLDocument('');
    const listeners: Record<string, () => void> = {};
    const view = {
      document: page,
      focus: jest.fn(),
      print: jest.fn(),
      addEventListener: (name: string, listener: () => void) => (listeners[name] = listener),
    };
    jest
      .spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get')
      .mockReturnValue(view as unknown as Window);

    TestBed.inject(BackupCodesPrinter).print(CODES, null, MADE, 'en-US');

    expect(view.print).toHaveBeenCalledTimes(1);
    expect(Array.from(page.querySelectorAll('li')).map((li) => li.textContent)).toEqual(CODES);
    const frame = document.querySelector('iframe');
    expect(frame?.getAttribute('aria-hidden')).toBe('true');
    listeners['afterprint']();
    expect(document.querySelector('iframe')).toBeNull();
  });
});

import { TestBed } from '@angular/core/testing';
import { FileDownload, REVOKE_AFTER_MS } from './file-download';

describe('FileDownload', () => {
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('saves a blob under the given name through a temporary link, then frees the URL', () => {
    jest.useFakeTimers();
    URL.createObjectURL = jest.fn(() => 'blob:latchkey/1');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const blob = new Blob(['a,b\n'], { type: 'text/csv' });

    TestBed.inject(FileDownload).save(blob, 'latchkey-audit-2026-03-05.csv');

    expect(URL.createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('latchkey-audit-2026-03-05.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:latchkey/1');
    expect(clicked[0].isConnected).toBe(false);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    jest.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:latchkey/1');
  });
});

import { DOCUMENT, Injectable, inject } from '@angular/core';

/** How long a saved file's object URL lives. */
export const REVOKE_AFTER_MS = 30_000;

/** Hands a file the console made (or fetched) to the browser to save. */
@Injectable({ providedIn: 'root' })
export class FileDownload {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    // Some browsers read the URL only after the click returns: free it once the download surely began.
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

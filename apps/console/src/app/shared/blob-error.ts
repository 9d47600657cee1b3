import { HttpErrorResponse } from '@angular/common/http';
import { Observable, catchError, from, of, switchMap, throwError } from 'rxjs';

/**
 * A file asked for as a blob (a CSV export): a failed call carries the API's JSON body as a blob
 * too. `catchError(readBlobError)` reads it back, so that `readApiError` and `problemText` see
 * the API's message.
 */
export function readBlobError(error: unknown): Observable<never> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) {
    return throwError(() => error);
  }
  return from(readText(error.error)).pipe(
    catchError(() => of('')),
    switchMap((text) =>
      throwError(
        () =>
          new HttpErrorResponse({
            error: parseJson(text),
            headers: error.headers,
            status: error.status,
            statusText: error.statusText,
            url: error.url ?? undefined,
          }),
      ),
    ),
  );
}

/** A blob's text (FileReader: Blob.text() is missing in some test DOMs). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text || null;
  }
}

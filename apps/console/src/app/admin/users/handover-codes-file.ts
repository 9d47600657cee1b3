import { BulkRowResult } from '@latchkey/contracts';
import { formatDateTime } from '../../shared/date-time';

/** A bulk reset's handover code, for the one who hands it over. */
export interface HandoverCode {
  displayName: string;
  email: string;
  code: string;
  expiresAt: string | null;
}

/** The handover codes a bulk reset answered, in its order (logins without one left out). */
export function handoverCodes(results: readonly BulkRowResult[]): HandoverCode[] {
  return results.flatMap((row) =>
    row.ok && row.handoverCode
      ? [
          {
            displayName: row.displayName,
            email: row.email,
            code: row.handoverCode,
            expiresAt: row.handoverExpiresAt ?? null,
          },
        ]
      : [],
  );
}

/** One line: "Sam Park <sam@acme.test>: K7QP-2M4X (expires 24 Nov 2026, 10:15 UTC)". */
export function handoverLine(code: HandoverCode, timeZone?: string): string {
  const expires = code.expiresAt ? ` (expires ${formatDateTime(code.expiresAt, timeZone)})` : '';
  return `${code.displayName} <${code.email}>: ${code.code}${expires}`;
}

/** The codes as the text file (and the clipboard) has them: one line each. */
export function handoverCodesText(codes: readonly HandoverCode[], timeZone?: string): string {
  return codes.map((code) => handoverLine(code, timeZone)).join('\n') + '\n';
}

/** latchkey-handover-codes-YYYY-MM-DD.txt, the day in local time. */
export function handoverCodesFileName(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `latchkey-handover-codes-${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}.txt`;
}

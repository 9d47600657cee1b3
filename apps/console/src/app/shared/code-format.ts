import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { BACKUP_CODE_PATTERN, TOTP_CODE_PATTERN, normaliseBackupCode } from '@latchkey/contracts';

/** What the code field holds: the 6 digits from the app, or a backup code. */
export type CodeKind = 'app' | 'backup';

/**
 * The code as the API wants it: "123 456" → "123456"; a backup code in any case, with or
 * without its dashes, with spaces, as made: " 3 K7QP 2M4X HC " and "3k7qp2m4xhc" → "3-k7qp-2m4x-hc".
 */
export function normaliseCode(kind: CodeKind, raw: string): string {
  return kind === 'backup' ? normaliseBackupCode(raw) : raw.replace(/\s+/g, '');
}

/** `{ format: true }` unless the (normalised) value looks like a code of this kind; empty passes. */
export function codeFormat(kind: CodeKind): ValidatorFn {
  const pattern = kind === 'backup' ? BACKUP_CODE_PATTERN : TOTP_CODE_PATTERN;
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = normaliseCode(kind, control.value ?? '');
    return value === '' || pattern.test(value) ? null : { format: true };
  };
}

import { Pipe, PipeTransform } from '@angular/core';
import { ValidationErrors } from '@angular/forms';

/**
 * A field's error lines by the name of its error: `{ required: 'Enter a name.' }`, with `'*'` for
 * any error not named.
 */
export type FieldMessages = Readonly<Record<string, string>>;

/**
 * What a field's error line says: the API's own message placed on the field (`server`, from
 * `placeFieldErrors`), else the first of `messages` whose error the field has, else `'*'`.
 */
export function fieldErrorText(errors: ValidationErrors | null, messages: FieldMessages = {}): string {
  if (!errors) {
    return '';
  }
  const server: unknown = errors['server'];
  if (typeof server === 'string') {
    return server;
  }
  const named = Object.keys(messages).find((name) => name !== '*' && name in errors);
  return named ? messages[named] : (messages['*'] ?? '');
}

/**
 * `fieldErrorText` in a template, one `mat-error` a field (the form field shows it only while the
 * field is in error): `<mat-error>{{ form.controls.email.errors | fieldError: EMAIL }}</mat-error>`.
 * Pure: it runs again when the field's errors change.
 */
@Pipe({ name: 'fieldError' })
export class FieldErrorPipe implements PipeTransform {
  transform(errors: ValidationErrors | null, messages?: FieldMessages): string {
    return fieldErrorText(errors, messages);
  }
}

import { AbstractControl, ValidationErrors } from '@angular/forms';

/** A group of boxes (a form record of booleans) with at least one ticked. */
export function oneTicked(control: AbstractControl): ValidationErrors | null {
  return Object.values(control.value as Record<string, boolean>).some(Boolean) ? null : { required: true };
}

/**
 * The line under a group of boxes, once it was left or sent in error: the API's message for it,
 * or else `none` (what to tick); null while there is nothing to say.
 */
export function tickedError(control: AbstractControl, none: string): string | null {
  if (!control.touched || !control.errors) {
    return null;
  }
  const server: unknown = control.errors['server'];
  return typeof server === 'string' ? server : none;
}

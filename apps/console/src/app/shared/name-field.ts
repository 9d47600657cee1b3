import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { readApiError } from '../core/api-error';
import { FieldErrorPipe, FieldMessages } from './field-error';

/** The line above a form whose failure went under its fields (`formFailureText`'s own words). */
export const FIELDS_PLACED = 'Please correct the highlighted fields.';

/** A record's name (an API token, an application): given, not blank, at most `max` characters. */
export function nameValidators(max: number): ValidatorFn[] {
  return [Validators.required, Validators.pattern(/\S/), Validators.maxLength(max)];
}

/**
 * A name in use (the API's 409) goes under the name, in the API's words; whether it was one (then
 * the line above the form is `FIELDS_PLACED`).
 */
export function placeNameInUse(name: AbstractControl, error: unknown): boolean {
  const problem = readApiError(error);
  if (problem.status !== 409 || !problem.message) {
    return false;
  }
  name.setErrors({ server: problem.message });
  name.markAsTouched();
  return true;
}

/**
 * The Name field of a dialog that makes a record, bound to a control with `nameValidators(max)`
 * (inside the dialog's `<form>`): typing stops at `max`, and its line says what is wrong, or the
 * API's message for it. The dialog's styles size it (`shared/styles/_dialog-form.scss`).
 */
@Component({
  selector: 'app-name-field',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, FieldErrorPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let name = control();
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Name</mat-label>
      <input
        matInput
        [formControl]="name"
        [maxlength]="max()"
        autocomplete="off"
        required
        [attr.data-testid]="testId()"
      />
      <mat-hint>{{ hint() }}</mat-hint>
      <mat-error [attr.data-testid]="errorTestId()">{{ name.errors | fieldError: messages() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      display: block;
    }
  `,
})
export class NameField {
  readonly control = input.required<FormControl<string>>();
  readonly max = input.required<number>();
  /** What the name is for, with an example: `What the audit log calls its changes, like "HR sync".` */
  readonly hint = input.required<string>();
  readonly testId = input.required<string>();
  readonly errorTestId = input.required<string>();

  protected readonly messages = computed<FieldMessages>(() => ({
    required: 'Enter a name.',
    pattern: 'Enter a name.',
    maxlength: `At most ${this.max()} characters.`,
  }));
}

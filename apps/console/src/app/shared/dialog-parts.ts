import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ErrorLine } from './error-line';
import { FieldErrorPipe } from './field-error';

/** What every dialog's template uses: its title, content, action row, buttons and error line. */
export const DIALOG_PARTS = [
  MatDialogTitle,
  MatDialogContent,
  MatDialogActions,
  MatDialogClose,
  MatButton,
  ErrorLine,
] as const;

/** A reactive form of labelled text fields with hints and errors (`fieldError` words them). */
export const FORM_FIELD_PARTS = [
  ReactiveFormsModule,
  MatFormField,
  MatLabel,
  MatHint,
  MatError,
  MatInput,
  FieldErrorPipe,
] as const;

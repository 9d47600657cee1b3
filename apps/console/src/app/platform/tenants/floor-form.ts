import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { MAX_GRACE_DAYS, METHOD_LABELS, TWO_FACTOR_METHODS } from '@latchkey/contracts';
import { DateTimePipe } from '../../shared/date-time';
import { ErrorLine } from '../../shared/error-line';
import { FieldErrorPipe } from '../../shared/field-error';
import { FloorEditor } from './floor-editor';

/**
 * A floor's fields (the method, its grace days), its Save button and the floor in force, for the
 * platform's floor and a tenant's alike. Test ids start with `testId`: `platform-floor`,
 * `platform-floor-grace`, `save-platform-floor`, `platform-floor-current`, `platform-floor-error`.
 */
@Component({
  selector: 'app-floor-form',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    ErrorLine,
    FieldErrorPipe,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './floor-form.html',
  styles: `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px;
    }
    form button {
      margin-top: 8px;
    }
    .method {
      width: 240px;
    }
    .grace {
      width: 200px;
    }
    .current {
      margin: 12px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class FloorForm {
  readonly editor = input.required<FloorEditor>();
  /** The start of every test id (`platform`, `tenant`). */
  readonly testId = input.required<string>();
  /** What the page says when there is no floor. */
  readonly none = input.required<string>();

  protected readonly methods = TWO_FACTOR_METHODS;
  protected readonly labels = METHOD_LABELS;
  protected readonly maxGraceDays = MAX_GRACE_DAYS;
  protected readonly graceRange = `Enter a whole number of days from 0 to ${MAX_GRACE_DAYS}.`;
}

import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatOption, MatSelect } from '@angular/material/select';
import { UpdateLoginRequest, UserRow, UserTypeView } from '@latchkey/contracts';
import { map } from 'rxjs';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { UsersApi } from './users-api';

export interface EditUserDialogData {
  tenantId: string;
  user: UserRow;
  types: UserTypeView[];
}

/** Change a login's display name and user type. Closes with the updated row (undefined when cancelled). */
@Component({
  selector: 'app-edit-user-dialog',
  imports: [DIALOG_PARTS, FORM_FIELD_PARTS, SubmitActions, MatSelect, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Edit {{ user.displayName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="who">{{ user.email }}</p>
        <app-error-line [message]="sending.error()" testId="edit-error" />
        <mat-form-field appearance="outline">
          <mat-label>Display name</mat-label>
          <input
            matInput
            formControlName="displayName"
            maxlength="200"
            required
            data-testid="edit-display-name"
          />
          <mat-error>{{
            form.controls.displayName.errors | fieldError: { required: 'Enter a name.' }
          }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>User type</mat-label>
          <mat-select formControlName="userTypeId" required data-testid="edit-type">
            @for (type of data.types; track type.id) {
              <mat-option [value]="type.id">{{ type.name }}</mat-option>
            }
          </mat-select>
          <mat-hint data-testid="edit-type-hint">
            Another type's two-factor policy applies from their next sign-in.
          </mat-hint>
          <mat-error>{{
            form.controls.userTypeId.errors | fieldError: { required: 'Choose a user type.' }
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions
        align="end"
        [appSubmitActions]="sending"
        [disabled]="!changed()"
        submitTestId="edit-save"
      >
        Save
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .who {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-form-field {
      display: block;
      min-width: min(400px, 75vw);
    }
  `,
})
export class EditUserDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<EditUserDialog, UserRow>>(MatDialogRef);
  protected readonly data = inject<EditUserDialogData>(MAT_DIALOG_DATA);

  protected readonly user = this.data.user;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.user.displayName, [Validators.required, Validators.maxLength(200)]],
    userTypeId: [this.user.userTypeId, [Validators.required]],
  });
  protected readonly sending = new Submission();
  private readonly request = toSignal(this.form.valueChanges.pipe(map(() => this.changes())), {
    initialValue: this.changes(),
  });
  /** Save only sends a change. */
  protected readonly changed = computed(() => Object.keys(this.request()).length > 0);

  protected submit(): void {
    const request = this.changes();
    if (!this.sending.ready(this.form) || Object.keys(request).length === 0) {
      return;
    }
    this.sending.send(this.api.update(this.data.tenantId, this.user.loginId, request), {
      next: (row) => this.ref.close(row),
      error: (error) => formFailureText(this.form, error),
      keepBusy: true,
    });
  }

  /** Only the fields that differ from the row. */
  private changes(): UpdateLoginRequest {
    const { displayName, userTypeId } = this.form.getRawValue();
    const request: UpdateLoginRequest = {};
    const name = displayName.trim();
    if (name && name !== this.user.displayName) {
      request.displayName = name;
    }
    if (userTypeId && userTypeId !== this.user.userTypeId) {
      request.userTypeId = userTypeId;
    }
    return request;
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatOption, MatSelect } from '@angular/material/select';
import { FloorLock, METHOD_LABELS, TwoFactorMethod, UserTypeView } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { METHODS_STRONGEST_FIRST, belowMinimum } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { Submission } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { floorText } from './floor-lock';
import { SecuritySettingsApi } from './security-settings-api';

export interface UserTypeDialogData {
  tenantId: string;
  /** The type to rename; absent when adding one. */
  type?: UserTypeView;
  /** The floor a new type cannot go below, if any. */
  minimum: FloorLock | null;
  /** False while 2FA is switched off for the tenant: a new type then gets no method. */
  chooseMethod: boolean;
}

/** Add a user type (name and method), or rename one. Closes with the API's answer. */
@Component({
  selector: 'app-user-type-dialog',
  imports: [DIALOG_PARTS, FORM_FIELD_PARTS, SubmitActions, MatSelect, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ renaming ? 'Rename user type' : 'Add user type' }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-error-line [message]="sending.error()" testId="user-type-error" />
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="100" required data-testid="user-type-name" />
          <mat-error>{{ form.controls.name.errors | fieldError: { required: 'Enter a name.' } }}</mat-error>
        </mat-form-field>
        @if (!renaming && data.chooseMethod) {
          <mat-form-field appearance="outline">
            <mat-label>Two-factor method</mat-label>
            <mat-select formControlName="method" data-testid="user-type-method">
              @for (method of methods; track method) {
                <mat-option [value]="method" [disabled]="below(method)">{{ labels[method] }}</mat-option>
              }
            </mat-select>
            @if (data.minimum; as minimum) {
              <mat-hint>At least {{ labels[minimum.method] }}. {{ floorText(minimum) }}</mat-hint>
            }
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end" [appSubmitActions]="sending" submitTestId="user-type-submit">
        {{ renaming ? 'Rename' : 'Add' }}
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
      min-width: min(360px, 70vw);
    }
  `,
})
export class UserTypeDialog {
  private readonly api = inject(SecuritySettingsApi);
  private readonly ref = inject<MatDialogRef<UserTypeDialog, UserTypeView>>(MatDialogRef);
  protected readonly data = inject<UserTypeDialogData>(MAT_DIALOG_DATA);

  protected readonly renaming = !!this.data.type;
  protected readonly methods = METHODS_STRONGEST_FIRST;
  protected readonly labels = METHOD_LABELS;
  protected readonly floorText = floorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.type?.name ?? '', [Validators.required, Validators.maxLength(100)]],
    method: ['authenticator' as TwoFactorMethod],
  });
  protected readonly sending = new Submission();

  protected below(method: TwoFactorMethod): boolean {
    return belowMinimum(method, this.data.minimum?.method);
  }

  protected submit(): void {
    if (!this.sending.ready()) {
      return;
    }
    const name = this.form.controls.name.value.trim();
    if (!name) {
      this.form.controls.name.setValue('');
      this.form.markAllAsTouched();
      return;
    }
    this.sending.send(this.call(name), {
      next: (view) => this.ref.close(view),
      error: problemText,
      keepBusy: true,
    });
  }

  private call(name: string): Observable<UserTypeView> {
    const { tenantId, type, chooseMethod } = this.data;
    if (type) {
      return this.api.renameUserType(tenantId, type.id, { name });
    }
    return this.api.createUserType(
      tenantId,
      chooseMethod ? { name, method: this.form.controls.method.value } : { name },
    );
  }
}

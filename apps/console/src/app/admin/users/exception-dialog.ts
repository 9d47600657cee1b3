import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { METHOD_LABELS, TwoFactorMethod, UserRow } from '@latchkey/contracts';
import { map } from 'rxjs';
import { DIALOG_PARTS } from '../../shared/dialog-parts';
import { METHODS_STRONGEST_FIRST, belowMinimum, reasonText } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { Submission } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { UsersApi } from './users-api';

export interface ExceptionDialogData {
  tenantId: string;
  user: UserRow;
}

/** The radio value for "no exception": the user follows their type again. */
type Choice = TwoFactorMethod | 'none';

export const NO_EXCEPTION_LABEL = 'No exception (follow the user type)';

/** Set, change or remove one login's exception. Closes with the updated row. */
@Component({
  selector: 'app-exception-dialog',
  imports: [DIALOG_PARTS, SubmitActions, ReactiveFormsModule, MatRadioGroup, MatRadioButton, MatCheckbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Exception for {{ user.displayName }}</h2>
    <mat-dialog-content>
      <p class="who">{{ user.email }} · {{ user.userTypeName }}</p>
      <p data-testid="exception-current">
        Now: <strong>{{ labels[user.effective.method] }}</strong> · {{ reason }}
      </p>
      <p class="explain" data-testid="exception-floor">
        An exception replaces the user type's policy for this user only, up or down.
        @if (floor !== 'off') {
          It cannot go below <strong>{{ labels[floor] }}</strong
          >, the minimum a floor sets for every user of the account.
        }
      </p>
      <app-error-line [message]="sending.error()" testId="exception-error" />
      <mat-radio-group [formControl]="form.controls.choice" aria-label="Exception" class="options">
        @for (option of options; track option.value) {
          <mat-radio-button
            [value]="option.value"
            [disabled]="option.disabled"
            data-testid="exception-option"
          >
            {{ option.label }}
          </mat-radio-button>
        }
      </mat-radio-group>
      <mat-checkbox [formControl]="form.controls.signOut" data-testid="exception-sign-out">
        Sign this user out now
      </mat-checkbox>
    </mat-dialog-content>
    <mat-dialog-actions
      align="end"
      [appSubmitActions]="sending"
      [disabled]="!canSave()"
      [submits]="false"
      (send)="save()"
      submitTestId="exception-save"
    >
      Save
    </mat-dialog-actions>
  `,
  styles: `
    .who,
    .explain {
      color: var(--mat-sys-on-surface-variant);
    }
    .options {
      display: flex;
      flex-direction: column;
      margin: 8px 0;
    }
  `,
})
export class ExceptionDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<ExceptionDialog, UserRow>>(MatDialogRef);
  private readonly data = inject<ExceptionDialogData>(MAT_DIALOG_DATA);

  protected readonly user = this.data.user;
  protected readonly labels = METHOD_LABELS;
  protected readonly reason = reasonText(this.user.effective);
  protected readonly floor = this.user.effective.floor;
  private readonly initial: Choice = this.user.exception ?? 'none';
  protected readonly options: Array<{ value: Choice; label: string; disabled: boolean }> = [
    ...METHODS_STRONGEST_FIRST.map((method) => ({
      value: method,
      label: METHOD_LABELS[method],
      disabled: belowMinimum(method, this.floor),
    })),
    { value: 'none', label: NO_EXCEPTION_LABEL, disabled: false },
  ];

  protected readonly form = inject(NonNullableFormBuilder).group({
    choice: [this.initial],
    signOut: [false],
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly sending = new Submission();
  protected readonly canSave = computed(() => {
    const { choice, signOut } = this.value();
    return !this.sending.busy() && (choice !== this.initial || signOut);
  });

  protected save(): void {
    if (!this.canSave()) {
      return;
    }
    const { choice, signOut } = this.form.getRawValue();
    const request = { method: choice === 'none' ? null : choice, signOut };
    this.sending.send(this.api.setException(this.data.tenantId, this.user.loginId, request), {
      next: (row) => this.ref.close(row),
      error: problemText,
      keepBusy: true,
    });
  }
}

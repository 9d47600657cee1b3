import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
  DestroyRef,
} from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatOption, MatSelect } from '@angular/material/select';
import { CreateLoginAnswer, CreateLoginRequest, METHOD_LABELS, UserTypeView } from '@latchkey/contracts';
import { CopyButton } from '../../shared/copy-button';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { FieldMessages } from '../../shared/field-error';
import { focusAfterRender } from '../../core/focus-after-render';
import { formatMoment } from '../../shared/policy-text';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { UsersApi } from './users-api';
import { escapeAsDone } from '../../shared/escape-as-done';

export interface CreateUserDialogData {
  tenantId: string;
  types: UserTypeView[];
}

/**
 * Create a login: email, display name, type and an optional password. Then, once, the generated
 * initial password with a copy button, or word that the email keeps the password it already has;
 * and the enrolment invite code when the tenant asks new logins for one.
 * Closes with the API's answer (undefined when cancelled).
 */
@Component({
  selector: 'app-create-user-dialog',
  imports: [DIALOG_PARTS, FORM_FIELD_PARTS, SubmitActions, CopyButton, MatSelect, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-user-dialog.html',
  styleUrl: './create-user-dialog.scss',
})
export class CreateUserDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<CreateUserDialog, CreateLoginAnswer>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focusResultTitle = focusAfterRender(() => this.resultTitle());
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');
  protected readonly data = inject<CreateUserDialogData>(MAT_DIALOG_DATA);

  protected readonly labels = METHOD_LABELS;
  protected readonly emailErrors: FieldMessages = {
    required: 'Enter an email address.',
    email: 'Enter a valid email address.',
  };
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    userTypeId: [this.data.types.length === 1 ? this.data.types[0].id : '', [Validators.required]],
    password: [''],
  });
  protected readonly sending = new Submission();
  protected readonly created = signal<CreateLoginAnswer | null>(null);

  protected submit(): void {
    if (!this.sending.ready(this.form)) {
      return;
    }
    const { email, displayName, userTypeId, password } = this.form.getRawValue();
    const request: CreateLoginRequest = { email: email.trim(), displayName: displayName.trim(), userTypeId };
    if (password) {
      request.password = password;
    }
    this.sending.send(this.api.create(this.data.tenantId, request), {
      next: (answer) => {
        // The password is on screen now: only Done, or Escape, closes the dialog.
        escapeAsDone(this.ref, this.destroyRef, () => this.done());
        this.created.set(answer);
        // The button that had focus is gone: keep focus in the dialog, on its new title.
        this.focusResultTitle();
      },
      error: (error) => formFailureText(this.form, error),
    });
  }

  /** "It works once, until 24 Nov 2026, 10:15. After their password …" */
  protected inviteExpiry(answer: CreateLoginAnswer): string {
    const until = answer.inviteExpiresAt ? `, until ${formatMoment(answer.inviteExpiresAt)}` : '';
    return `It works once${until}. After their password they type it, then set up their second factor.`;
  }

  protected done(): void {
    this.ref.close(this.created() ?? undefined);
  }
}

import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { CreateLoginAnswer, CreateLoginRequest, METHOD_LABELS, UserTypeView } from '@latchkey/contracts';
import { readApiError } from '../../core/api-error';
import { placeFieldErrors } from '../../shared/form-errors';
import { formatMoment } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { UsersApi } from './users-api';

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
  imports: [
    ReactiveFormsModule,
    CdkCopyToClipboard,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-user-dialog.html',
  styleUrl: './create-user-dialog.scss',
})
export class CreateUserDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<CreateUserDialog, CreateLoginAnswer>>(MatDialogRef);
  private readonly injector = inject(Injector);
  private readonly resultTitle = viewChild<ElementRef<HTMLElement>>('resultTitle');
  protected readonly data = inject<CreateUserDialogData>(MAT_DIALOG_DATA);

  protected readonly labels = METHOD_LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    userTypeId: [this.data.types.length === 1 ? this.data.types[0].id : '', [Validators.required]],
    password: [''],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreateLoginAnswer | null>(null);
  protected readonly copied = signal(false);
  protected readonly inviteCopied = signal(false);

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, displayName, userTypeId, password } = this.form.getRawValue();
    const request: CreateLoginRequest = { email: email.trim(), displayName: displayName.trim(), userTypeId };
    if (password) {
      request.password = password;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.create(this.data.tenantId, request).subscribe({
      next: (answer) => {
        this.busy.set(false);
        // The password is on screen now: only the Done button may close the dialog.
        this.ref.disableClose = true;
        this.created.set(answer);
        // The button that had focus is gone: keep focus in the dialog, on its new title.
        afterNextRender(() => this.resultTitle()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (error: unknown) => this.fail(error),
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

  private fail(error: unknown): void {
    this.busy.set(false);
    const problem = readApiError(error);
    if (problem.status === 400 && problem.errors.length > 0) {
      const unplaced = placeFieldErrors(this.form, problem.errors);
      this.error.set(unplaced.length > 0 ? unplaced.join(' ') : 'Please correct the highlighted fields.');
      return;
    }
    this.error.set(problemText(error));
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ValidationErrors } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import {
  API_TOKEN_SCOPE_HINTS,
  ApiTokenCreatedAnswer,
  CreateApiTokenRequest,
  MAX_API_TOKEN_NAME_LENGTH,
} from '@latchkey/contracts';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { FieldMessages } from '../../shared/field-error';
import { FIELDS_PLACED, NameField, nameValidators, placeNameInUse } from '../../shared/name-field';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { oneTicked, tickedError } from '../../shared/ticked-boxes';
import { ApiTokensApi } from './api-tokens-api';
import { SCOPE_CHOICES, SCOPE_NAMES, endOfDay, localDay } from './api-token-text';

export interface ApiTokenDialogData {
  tenantId: string;
}

/** An expiry day, when given, is today or later (the token then works to the end of that day). */
function notPast(control: AbstractControl): ValidationErrors | null {
  const day = control.value as string;
  if (!day) {
    return null;
  }
  const end = endOfDay(day);
  return end && new Date(end).getTime() > Date.now() ? null : { past: true };
}

/**
 * Make an API token: a name, the scopes it may use, and optionally the day it stops working.
 * The API's 400 lands under its field, a name in use under the name. Closes with the API's
 * answer, which holds the secret this once.
 */
@Component({
  selector: 'app-api-token-dialog',
  imports: [DIALOG_PARTS, FORM_FIELD_PARTS, SubmitActions, NameField, MatCheckbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-token-dialog.html',
  styleUrl: './api-token-dialog.scss',
})
export class ApiTokenDialog {
  private readonly api = inject(ApiTokensApi);
  private readonly ref = inject<MatDialogRef<ApiTokenDialog, ApiTokenCreatedAnswer>>(MatDialogRef);
  private readonly data = inject<ApiTokenDialogData>(MAT_DIALOG_DATA);

  protected readonly scopes = SCOPE_CHOICES;
  protected readonly scopeNames = SCOPE_NAMES;
  protected readonly scopeHints = API_TOKEN_SCOPE_HINTS;
  protected readonly maxName = MAX_API_TOKEN_NAME_LENGTH;
  protected readonly today = localDay(new Date());
  protected readonly expiryErrors: FieldMessages = { past: 'Choose today or a later day.' };

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    name: ['', nameValidators(MAX_API_TOKEN_NAME_LENGTH)],
    scopes: this.formBuilder.record(Object.fromEntries(SCOPE_CHOICES.map((scope) => [scope, false])), {
      validators: oneTicked,
    }),
    expiresOn: ['', notPast],
  });
  protected readonly sending = new Submission();

  /** The line under the scopes, once they were left or sent without one. */
  protected scopesError(): string | null {
    return tickedError(this.form.controls.scopes, 'Tick at least one scope.');
  }

  protected submit(): void {
    if (!this.sending.ready(this.form)) {
      return;
    }
    const value = this.form.getRawValue();
    const expiresAt = value.expiresOn ? endOfDay(value.expiresOn) : null;
    const request: CreateApiTokenRequest = {
      name: value.name.trim(),
      scopes: SCOPE_CHOICES.filter((scope) => value.scopes[scope]),
      ...(expiresAt ? { expiresAt } : {}),
    };
    this.sending.send(this.api.create(this.data.tenantId, request), {
      next: (created) => this.ref.close(created),
      error: (failure) => this.failure(failure),
      keepBusy: true,
    });
  }

  /** A name in use goes under the name; a 400's messages under their fields; anything else above. */
  private failure(error: unknown): string {
    if (placeNameInUse(this.form.controls.name, error)) {
      return FIELDS_PLACED;
    }
    return formFailureText(this.form, error, { placed: FIELDS_PLACED, aliases: { expiresAt: 'expiresOn' } });
  }
}

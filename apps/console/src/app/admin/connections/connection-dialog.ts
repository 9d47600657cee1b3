import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import {
  AbstractControl,
  FormGroupDirective,
  NgForm,
  NonNullableFormBuilder,
  Validators,
} from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { ErrorStateMatcher } from '@angular/material/core';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatOption, MatSelect } from '@angular/material/select';
import {
  ConnectionView,
  CreateConnectionRequest,
  MAX_CONNECTION_NAME_LENGTH,
  UPSTREAM_TRUST_LABELS,
  UpdateConnectionRequest,
  UserTypeView,
} from '@latchkey/contracts';
import { map } from 'rxjs';
import { readApiError } from '../../core/api-error';
import { CopyValue } from '../../shared/copy-value';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { placeFieldErrors } from '../../shared/form-errors';
import { FIELDS_PLACED, NameField, nameValidators } from '../../shared/name-field';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { oneTicked, tickedError } from '../../shared/ticked-boxes';
import { apiMessageByLine } from '../applications/uri-lines';
import {
  ConnectionFields,
  MAX_AGE_MINUTES,
  MIN_AGE_MINUTES,
  changedFields,
  domainsValidator,
  fieldsOfForm,
  fieldsOfView,
  initialValue,
  issuerValidator,
  minutesValidator,
  scopesValidator,
  trustProofValidator,
  trustValuesValidator,
} from './connection-form';
import { TRUST_CHOICES, TRUST_HINTS } from './connection-text';
import { ConnectionsApi } from './connections-api';

export interface ConnectionDialogData {
  tenantId: string;
  /** The account's user types: who may use the provider, and the type of just-in-time logins. */
  types: UserTypeView[];
  /** Where the provider sends people back: to register there. */
  redirectUri: string;
  /** The provider to change; absent when connecting one. */
  connection?: ConnectionView;
}

/** How the dialog closed: with the provider as the API now has it. */
export interface ConnectionDialogResult {
  saved: ConnectionView;
  created: boolean;
}

/** The API's field names where the form names them otherwise. */
const ALIASES: Readonly<Record<string, string>> = { 'trust.maxAuthAgeSeconds': 'trust.maxAgeMinutes' };

/** A field's problems show while it is typed, not only once it is left. */
const AS_TYPED: ErrorStateMatcher = {
  isErrorState: (control: AbstractControl | null, form: FormGroupDirective | NgForm | null) =>
    !!control?.invalid && (control.dirty || control.touched || !!form?.submitted),
};

/**
 * Connect a sign-in provider (the account's own OpenID provider) or change one: its issuer and
 * client, the email domains routed to it, who may use it, how far its MFA is trusted, whether it
 * makes logins just in time. Each field is checked by the API's rule as it is typed; the client
 * secret is asked when connecting and, when changing, only to replace it. The API's 400 and 409
 * land under their fields. Closes with the API's answer.
 */
@Component({
  selector: 'app-connection-dialog',
  imports: [
    DIALOG_PARTS,
    FORM_FIELD_PARTS,
    SubmitActions,
    NameField,
    CopyValue,
    CdkTextareaAutosize,
    MatRadioGroup,
    MatRadioButton,
    MatCheckbox,
    MatSelect,
    MatOption,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connection-dialog.html',
  styleUrl: './connection-dialog.scss',
})
export class ConnectionDialog {
  private readonly api = inject(ConnectionsApi);
  private readonly ref = inject<MatDialogRef<ConnectionDialog, ConnectionDialogResult>>(MatDialogRef);
  protected readonly data = inject<ConnectionDialogData>(MAT_DIALOG_DATA);

  protected readonly editing = this.data.connection ?? null;
  protected readonly trustModes = TRUST_CHOICES;
  protected readonly trustLabels = UPSTREAM_TRUST_LABELS;
  protected readonly trustHints = TRUST_HINTS;
  protected readonly asTyped = AS_TYPED;
  protected readonly maxName = MAX_CONNECTION_NAME_LENGTH;
  protected readonly ageBounds = { min: MIN_AGE_MINUTES, max: MAX_AGE_MINUTES };

  private readonly original: ConnectionFields | null =
    this.editing && fieldsOfView(this.editing, this.data.types);
  private readonly start = initialValue(this.editing, this.data.types);

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    name: [this.start.name, nameValidators(MAX_CONNECTION_NAME_LENGTH)],
    issuer: [this.start.issuer, issuerValidator],
    clientId: [this.start.clientId, [Validators.required, Validators.pattern(/\S/)]],
    // Asked when connecting; when changing, only a new one is typed (empty keeps the stored one).
    clientSecret: [
      this.start.clientSecret,
      this.editing ? [] : [Validators.required, Validators.pattern(/\S/)],
    ],
    scopes: [this.start.scopes, scopesValidator],
    emailDomains: [this.start.emailDomains, domainsValidator],
    access: [this.start.access],
    allowedUserTypeIds: this.formBuilder.record(this.start.allowedUserTypeIds, { validators: oneTicked }),
    trust: this.formBuilder.group(
      {
        mode: [this.start.trust.mode],
        amrValues: [this.start.trust.amrValues, trustValuesValidator],
        acrValues: [this.start.trust.acrValues, trustValuesValidator],
        maxAgeMinutes: [this.start.trust.maxAgeMinutes, minutesValidator],
      },
      { validators: trustProofValidator },
    ),
    jitUserTypeId: [this.start.jitUserTypeId],
    passwordAllowed: [this.start.passwordAllowed],
    enabled: [this.start.enabled],
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly choosingTypes = computed(() => this.value().access === 'some');
  protected readonly trustingMfa = computed(() => this.value().trust.mode === 'trust-mfa');
  /** The user types a just-in-time login may get: the allowed ones. */
  protected readonly jitTypes = computed(() => {
    const value = this.value();
    return value.access === 'all'
      ? this.data.types
      : this.data.types.filter((type) => value.allowedUserTypeIds[type.id]);
  });
  /** When changing: nothing to save until something differs (a new secret counts). */
  protected readonly unchanged = computed(() => {
    const value = this.value();
    return (
      this.editing !== null && value.clientSecret.trim() === '' && Object.keys(this.changes()).length === 0
    );
  });
  protected readonly sending = new Submission();

  constructor() {
    this.followAccess(this.form.controls.access.value);
    this.form.controls.access.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((access) => this.followAccess(access));
  }

  /** The message of a field checked by a rule of its own (`issuer`, `domains`, `values`, `minutes`). */
  protected problemOf(control: AbstractControl, rule: string, required = ''): string {
    const errors = control.errors;
    const message: unknown = errors?.['server'] ?? errors?.[rule];
    if (typeof message === 'string') {
      return message;
    }
    return errors?.['required'] || errors?.['pattern'] ? required : '';
  }

  /** The line under the amr and acr values while trusting MFA proves nothing. */
  protected proofError(): string | null {
    const trust = this.form.controls.trust;
    const touched = trust.controls.amrValues.touched || trust.controls.acrValues.touched;
    const proof: unknown = trust.errors?.['proof'];
    return touched && typeof proof === 'string' ? proof : null;
  }

  protected typesError(): string | null {
    return tickedError(
      this.form.controls.allowedUserTypeIds,
      'Tick at least one user type, or let every user type use this provider.',
    );
  }

  protected submit(): void {
    if (this.unchanged() || !this.sending.ready(this.form)) {
      return;
    }
    const secret = this.form.controls.clientSecret.value.trim();
    const handlers = {
      error: (failure: unknown) => this.failure(failure),
      keepBusy: true,
    };
    if (this.editing) {
      const request: UpdateConnectionRequest = {
        ...this.changes(),
        ...(secret ? { clientSecret: secret } : {}),
      };
      this.sending.send(this.api.update(this.data.tenantId, this.editing.id, request), {
        ...handlers,
        next: (saved) => this.ref.close({ saved, created: false }),
      });
      return;
    }
    const request: CreateConnectionRequest = { ...this.fields(), clientSecret: secret };
    this.sending.send(this.api.create(this.data.tenantId, request), {
      ...handlers,
      next: (saved) => this.ref.close({ saved, created: true }),
    });
  }

  private fields(): ConnectionFields {
    return fieldsOfForm(this.form.getRawValue(), this.data.types);
  }

  private changes(): Partial<ConnectionFields> {
    return this.original ? changedFields(this.fields(), this.original) : {};
  }

  /** The boxes count only while "only these user types" is chosen. */
  private followAccess(access: 'all' | 'some'): void {
    const boxes = this.form.controls.allowedUserTypeIds;
    if (access === 'all') {
      boxes.disable({ emitEvent: false });
    } else {
      boxes.enable({ emitEvent: false });
    }
  }

  /**
   * A 400's or 409's messages go under their fields (a domain's told by its line); anything else
   * is the line above the form.
   */
  private failure(error: unknown): string {
    const problem = readApiError(error);
    let line: string;
    if (problem.status === 409 && problem.errors.length > 0) {
      const unplaced = placeFieldErrors(this.form, problem.errors, ALIASES);
      line = unplaced.length > 0 ? unplaced.join(' ') : FIELDS_PLACED;
    } else {
      line = formFailureText(this.form, error, { placed: FIELDS_PLACED, aliases: ALIASES });
    }
    const domains = this.form.controls.emailDomains;
    const server: unknown = domains.getError('server');
    if (typeof server === 'string') {
      domains.setErrors({ server: apiMessageByLine(server, 'emailDomains', domains.value) });
    }
    return line;
  }
}

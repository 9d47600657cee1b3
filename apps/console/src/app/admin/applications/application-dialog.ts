import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { AbstractControl, FormGroupDirective, NgForm, NonNullableFormBuilder } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { ErrorStateMatcher } from '@angular/material/core';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import {
  ApplicationCreatedAnswer,
  ApplicationKind,
  ApplicationView,
  CreateApplicationRequest,
  MAX_APPLICATION_NAME_LENGTH,
  UpdateApplicationRequest,
  UserTypeView,
} from '@latchkey/contracts';
import { map } from 'rxjs';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { FIELDS_PLACED, NameField, nameValidators, placeNameInUse } from '../../shared/name-field';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { oneTicked, tickedError } from '../../shared/ticked-boxes';
import { ApplicationsApi } from './applications-api';
import { KIND_CHOICES, KIND_HINTS, KIND_LABELS } from './application-text';
import { apiMessageByLine, uriList, uriLinesValidator, uriText } from './uri-lines';

export interface ApplicationDialogData {
  tenantId: string;
  /** The account's user types, to choose the ones that may sign in. */
  types: UserTypeView[];
  /** The application to change; absent when registering one. */
  application?: ApplicationView;
}

/** How the dialog closed: a registered application (with its secret, once) or a changed one. */
export type ApplicationDialogResult = { registered: ApplicationCreatedAnswer } | { updated: ApplicationView };

/** The two lists of URIs, typed one per line. */
type UriField = 'redirectUris' | 'postLogoutRedirectUris';
const URI_FIELDS: readonly UriField[] = ['redirectUris', 'postLogoutRedirectUris'];

/** The fields an application's request carries, as the form has them now. */
interface Fields {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  allowedUserTypeIds: string[] | null;
}

/** A URI list's problems show while it is typed, not only once it is left. */
const AS_TYPED: ErrorStateMatcher = {
  isErrorState: (control: AbstractControl | null, form: FormGroupDirective | NgForm | null) =>
    !!control?.invalid && (control.dirty || control.touched || !!form?.submitted),
};

/**
 * Register an application (name, kind, redirect URIs, who may sign in) or change one (all but
 * its kind). Each URI line is checked by the API's rule while it is typed; the API's 400 lands
 * under its field, and a name already taken under the name. Closes with the API's answer.
 */
@Component({
  selector: 'app-application-dialog',
  imports: [
    DIALOG_PARTS,
    FORM_FIELD_PARTS,
    SubmitActions,
    NameField,
    CdkTextareaAutosize,
    MatRadioGroup,
    MatRadioButton,
    MatCheckbox,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-dialog.html',
  styleUrl: './application-dialog.scss',
})
export class ApplicationDialog {
  private readonly api = inject(ApplicationsApi);
  private readonly ref = inject<MatDialogRef<ApplicationDialog, ApplicationDialogResult>>(MatDialogRef);
  protected readonly data = inject<ApplicationDialogData>(MAT_DIALOG_DATA);

  protected readonly editing = this.data.application ?? null;
  protected readonly kinds = KIND_CHOICES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly kindHints = KIND_HINTS;
  protected readonly asTyped = AS_TYPED;
  protected readonly maxName = MAX_APPLICATION_NAME_LENGTH;

  /** What the application has now, in the form's terms (user types the account has, in its order). */
  private readonly original: Fields | null = this.editing && {
    name: this.editing.name,
    redirectUris: this.editing.redirectUris,
    postLogoutRedirectUris: this.editing.postLogoutRedirectUris,
    allowedUserTypeIds: this.known(this.editing.allowedUserTypeIds),
  };

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    name: [this.editing?.name ?? '', nameValidators(MAX_APPLICATION_NAME_LENGTH)],
    kind: ['confidential' as ApplicationKind],
    redirectUris: [uriText(this.editing?.redirectUris ?? []), uriLinesValidator(true)],
    postLogoutRedirectUris: [uriText(this.editing?.postLogoutRedirectUris ?? []), uriLinesValidator(false)],
    access: [(this.original?.allowedUserTypeIds ?? null) === null ? 'all' : ('some' as 'all' | 'some')],
    allowedUserTypeIds: this.formBuilder.record(
      Object.fromEntries(
        this.data.types.map((type) => [
          type.id,
          this.original?.allowedUserTypeIds?.includes(type.id) ?? false,
        ]),
      ),
      // At least one, checked only while "only these" is chosen (disabled otherwise).
      { validators: oneTicked },
    ),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  /** Whether "only these user types" is chosen: then the boxes show. */
  protected readonly choosingTypes = computed(() => this.value().access === 'some');
  /** When changing: nothing to save until something differs. */
  protected readonly unchanged = computed(() => {
    this.value();
    return this.editing !== null && Object.keys(this.changes()).length === 0;
  });
  protected readonly sending = new Submission();

  constructor() {
    this.followAccess(this.form.controls.access.value);
    this.form.controls.access.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((access) => this.followAccess(access));
  }

  /** The message under a URI list: the API's, or the rule's naming the line. */
  protected uriError(field: UriField): string {
    const errors = this.form.controls[field].errors;
    const message: unknown = errors?.['server'] ?? errors?.['uris'];
    return typeof message === 'string' ? message : '';
  }

  /** The line under the user types, once they were left or sent without one. */
  protected typesError(): string | null {
    return tickedError(
      this.form.controls.allowedUserTypeIds,
      'Tick at least one user type, or let every user type sign in.',
    );
  }

  protected submit(): void {
    if (this.unchanged() || !this.sending.ready(this.form)) {
      return;
    }
    const error = (failure: unknown) => this.failure(failure);
    if (this.editing) {
      this.sending.send(this.api.update(this.data.tenantId, this.editing.id, this.changes()), {
        next: (updated) => this.ref.close({ updated }),
        error,
        keepBusy: true,
      });
      return;
    }
    const request: CreateApplicationRequest = { ...this.fields(), kind: this.form.controls.kind.value };
    this.sending.send(this.api.create(this.data.tenantId, request), {
      next: (registered) => this.ref.close({ registered }),
      error,
      keepBusy: true,
    });
  }

  private fields(): Fields {
    const value = this.form.getRawValue();
    const ticked = value.allowedUserTypeIds;
    return {
      name: value.name.trim(),
      redirectUris: uriList(value.redirectUris),
      postLogoutRedirectUris: uriList(value.postLogoutRedirectUris),
      allowedUserTypeIds:
        value.access === 'all'
          ? null
          : this.data.types.filter((type) => ticked[type.id]).map((type) => type.id),
    };
  }

  /** When changing: only the fields that differ from the application's (the API keeps the rest). */
  private changes(): UpdateApplicationRequest {
    const original = this.original;
    if (!original) {
      return {};
    }
    const fields = this.fields();
    const changed: UpdateApplicationRequest = {};
    for (const key of Object.keys(fields) as Array<keyof Fields>) {
      if (JSON.stringify(fields[key]) !== JSON.stringify(original[key])) {
        Object.assign(changed, { [key]: fields[key] });
      }
    }
    return changed;
  }

  /** The ids of user types the account has, in its order; null stays "every user type". */
  private known(ids: string[] | null): string[] | null {
    return ids && this.data.types.filter((type) => ids.includes(type.id)).map((type) => type.id);
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
   * A name taken goes under the name; a 400's messages under their fields, a URI list's told by
   * line; anything else is the line above the form.
   */
  private failure(error: unknown): string {
    if (placeNameInUse(this.form.controls.name, error)) {
      return FIELDS_PLACED;
    }
    const line = formFailureText(this.form, error, { placed: FIELDS_PLACED });
    for (const field of URI_FIELDS) {
      const control = this.form.controls[field];
      const server: unknown = control.getError('server');
      if (typeof server === 'string') {
        control.setErrors({ server: apiMessageByLine(server, field, control.value) });
      }
    }
    return line;
  }
}
